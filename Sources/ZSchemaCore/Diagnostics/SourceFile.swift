/// One schema file's text, with the name diagnostics use for it.
public struct SourceFile: Sendable, Hashable {
    /// The path or name shown in diagnostics (`Schemas/tickz.zschema`).
    public let path: String
    /// The file's text.
    public let text: String
    /// The file's lines, without line terminators.
    public let lines: [Substring]

    /// Creates a source file from its path and text. Lines end at LF or CRLF.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = Self.lines(of: text)
    }

    /// The lines of `text`, cut at each LF byte, with the CR of a CRLF dropped. (Splitting the
    /// `Character`s at `"\n"` would keep CRLF files whole: `"\r\n"` is one `Character`.)
    private static func lines(of text: String) -> [Substring] {
        let bytes = text.utf8
        var lines: [Substring] = []
        var start = bytes.startIndex
        func cut(before end: String.Index) {
            var last = end
            if last > start, bytes[bytes.index(before: last)] == UInt8(ascii: "\r") { last = bytes.index(before: last) }
            lines.append(text[start..<last])
        }
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                cut(before: index)
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        cut(before: bytes.endIndex)
        return lines
    }

    /// The file name without folders and without the `.zschema` extension.
    public var baseName: String {
        fileName.hasSuffix(".zschema") ? String(fileName.dropLast(".zschema".count)) : fileName
    }

    /// The file name without folders.
    public var fileName: String { lastPathComponent(path) }
}

/// A position in a schema file: 1-based line and column (columns count characters).
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The file's path as given to the compiler.
    public let file: String
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same line, `offset` columns further right.
    public func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// `tickz.zschema:4`, the provenance generated code records (independent of folders).
    public var provenance: String { "\(lastPathComponent(file)):\(line)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// The part of `path` after its last `/` (the whole path when it has none; a trailing `/` is
/// ignored). Found by byte: the planner asks once for every declaration it documents.
func lastPathComponent(_ path: String) -> String {
    var name = Substring(path)
    while name.utf8.last == UInt8(ascii: "/") { name = name.dropLast() }
    guard let slash = name.utf8.lastIndex(of: UInt8(ascii: "/")) else { return name.isEmpty ? path : String(name) }
    return String(name[name.utf8.index(after: slash)...])
}
