/// One schema file's text, with the name diagnostics use for it.
public struct SourceFile: Sendable, Hashable {
    /// The path or name shown in diagnostics (`Schemas/tickz.zschema`).
    public let path: String
    /// The file's text.
    public let text: String
    /// The file's lines, without line terminators.
    public let lines: [Substring]

    /// Creates a source file from its path and text.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
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

/// The part of `path` after its last `/`.
func lastPathComponent(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
