/// Builds Swift source text line by line with four-space indentation.
struct CodeWriter {
    /// The UTF-8 of the text so far: appending bytes is a copy, where appending to a `String`
    /// also re-checks its encoding each time.
    private var bytes: [UInt8] = []
    private var level = 0

    init() { bytes.reserveCapacity(1 << 15) }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends one line at the current indentation (an empty line has no trailing spaces).
    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            for _ in 0..<level { bytes.append(contentsOf: Self.indentation) }
            bytes.append(contentsOf: content.utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    private static let indentation: [UInt8] = Array("    ".utf8)

    /// `header {`, the body one level deeper, then `}`.
    mutating func block(_ header: String, _ body: (inout CodeWriter) -> Void) {
        line(header + " {")
        level += 1
        body(&self)
        level -= 1
        line("}")
    }

    /// The body one level deeper, without braces (for `} catch {` and `switch` layouts).
    mutating func indented(_ body: (inout CodeWriter) -> Void) {
        level += 1
        body(&self)
        level -= 1
    }

    /// The width generated lines stay under: the project's swift-format `lineLength`, which a
    /// line of exactly that many columns already exceeds.
    static let lineLimit = 160

    /// `code` on one line when it fits within ``lineLimit``, otherwise with each item of its
    /// outermost list on a line of its own, and so on inward.
    mutating func line(_ code: WrappableCode) {
        let width = Self.lineLimit - 4 * level
        // Most code fits: its length is known without joining it, and its parts go straight
        // into the text.
        let count = code.flatByteCount
        guard count < width else {
            for content in code.lines(width: width) { line(content) }
            return
        }
        if count > 0 {
            for _ in 0..<level { bytes.append(contentsOf: Self.indentation) }
            code.appendFlat(to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// A block whose header is `code` (ending in ` {`), wrapped like ``line(_:)-(WrappableCode)``.
    mutating func block(_ code: WrappableCode, _ body: (inout CodeWriter) -> Void) {
        line(code)
        level += 1
        body(&self)
        level -= 1
        line("}")
    }

    /// `///` lines; blank lines in `lines` become `///` (swift-format does not measure comments).
    mutating func documentation(_ lines: [String]) {
        for content in lines {
            for _ in 0..<level { bytes.append(contentsOf: Self.indentation) }
            bytes.append(contentsOf: content.isEmpty ? Self.commentMarker.dropLast() : Self.commentMarker[...])
            bytes.append(contentsOf: content.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    private static let commentMarker: [UInt8] = Array("/// ".utf8)
}

/// Code that may be wrapped: text, or a list (`open` items `close`, such as `f(` `a, b` `)`)
/// whose items go on lines of their own when the whole does not fit.
indirect enum WrappableCode: ExpressibleByStringInterpolation {
    case text(String)
    case list(open: String, items: [WrappableCode], close: String)
    /// `head` then pieces joined by ` + ` (a long string literal in parts); wrapped, the pieces
    /// go on lines of their own under `head`.
    case concatenation(head: String, pieces: [String])

    init(stringLiteral value: String) { self = .text(value) }

    /// A call or declaration: `head(` the arguments `)tail`.
    static func call(_ head: String, _ arguments: [WrappableCode], _ tail: String = "") -> WrappableCode {
        .list(open: head + "(", items: arguments, close: ")" + tail)
    }

    /// The code on one line.
    var flat: String {
        switch self {
        case .text(let text): text
        case .list(let open, let items, let close): open + items.map(\.flat).joined(separator: ", ") + close
        case .concatenation(let head, let pieces): (head.isEmpty ? "" : head + " ") + pieces.joined(separator: " + ")
        }
    }

    /// The UTF-8 length of ``flat``, found without building it.
    var flatByteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .list(let open, let items, let close):
            open.utf8.count + items.reduce(0) { $0 + $1.flatByteCount } + 2 * Swift.max(items.count - 1, 0) + close.utf8.count
        case .concatenation(let head, let pieces):
            (head.isEmpty ? 0 : head.utf8.count + 1) + pieces.reduce(0) { $0 + $1.utf8.count } + 3 * Swift.max(pieces.count - 1, 0)
        }
    }

    /// Appends the UTF-8 of ``flat`` to `bytes`.
    func appendFlat(to bytes: inout [UInt8]) {
        switch self {
        case .text(let text): bytes.append(contentsOf: text.utf8)
        case .list(let open, let items, let close):
            bytes.append(contentsOf: open.utf8)
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(contentsOf: ", ".utf8) }
                item.appendFlat(to: &bytes)
            }
            bytes.append(contentsOf: close.utf8)
        case .concatenation(let head, let pieces):
            if !head.isEmpty {
                bytes.append(contentsOf: head.utf8)
                bytes.append(UInt8(ascii: " "))
            }
            for (index, piece) in pieces.enumerated() {
                if index > 0 { bytes.append(contentsOf: " + ".utf8) }
                bytes.append(contentsOf: piece.utf8)
            }
        }
    }

    /// The lines, relative to the current indentation, within `width` where the code can break.
    func lines(width: Int) -> [String] {
        let flat = self.flat
        // A line has no more characters than UTF-8 bytes, and counting bytes is O(1): count
        // characters only for a line that may be too long.
        let fits = flat.utf8.count < width || flat.count < width
        if !fits, case .concatenation(let head, let pieces) = self, pieces.count > 1 {
            return [head] + pieces.enumerated().map { "    " + ($0.offset == 0 ? "" : "+ ") + $0.element }
        }
        guard !fits, case .list(let open, let items, let close) = self, !items.isEmpty else { return [flat] }
        var lines = [open]
        for (index, item) in items.enumerated() {
            var itemLines = item.lines(width: width - 4)
            // A wrapped array literal ends with a comma too, as swift-format wants.
            if index < items.count - 1 || open.hasSuffix("[") { itemLines[itemLines.count - 1] += "," }
            lines += itemLines.map { "    " + $0 }
        }
        return lines + [close]
    }
}

/// The access level of generated declarations.
public enum AccessLevel: String, Sendable, CaseIterable {
    case `public`
    case `internal`

    /// The keyword with a trailing space (`public `), empty for internal.
    var prefix: String { self == .public ? "public " : "" }
}

/// Swift source literals.
enum SwiftLiteral {
    /// A double-quoted Swift string literal for `text`.
    static func string(_ text: String) -> String {
        if text.utf8.allSatisfy(isPlain) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars { appendEscaped(scalar, to: &result) }
        return result + "\""
    }

    /// Appends `scalar` as it is written inside a string literal: itself, or an escape.
    private static func appendEscaped(_ scalar: Unicode.Scalar, to result: inout String) {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }

    /// `text` as Swift string literals of at most about `length` characters each, cut between
    /// Unicode scalars (never inside an escape), to be joined with `+`.
    static func pieces(_ text: String, length: Int = 80) -> [String] {
        if text.utf8.allSatisfy(isPlain) {
            // One byte, one character, no escapes: cut every `length` bytes.
            let bytes = Array(text.utf8)
            return stride(from: 0, to: Swift.max(bytes.count, 1), by: length).map { start in
                "\"" + String(decoding: bytes[start..<Swift.min(start + length, bytes.count)], as: UTF8.self) + "\""
            }
        }
        // Escapes are ASCII, so in ASCII text every byte written is one character and the
        // length is counted as it grows; otherwise a combining scalar may join the character
        // before it, and the piece is counted again.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        var pieces: [String] = []
        var current = ""
        var currentCount = 0
        var escaped = ""
        for scalar in text.unicodeScalars {
            escaped.removeAll(keepingCapacity: true)
            appendEscaped(scalar, to: &escaped)
            let escapedCount = ascii ? escaped.utf8.count : escaped.count
            if currentCount + escapedCount > length, !current.isEmpty {
                pieces.append("\"" + current + "\"")
                current = ""
                currentCount = 0
            }
            current += escaped
            currentCount = ascii ? currentCount + escapedCount : current.count
        }
        return pieces + ["\"" + current + "\""]
    }

    /// Whether `byte` stands for itself in a string literal: printable ASCII other than `\` and `"`.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\"")
    }

    /// The bytes as array items (`0x00`), for a list that may wrap.
    static func byteItems(_ bytes: [UInt8]) -> [WrappableCode] {
        bytes.map { .text(byte($0)) }
    }

    /// A byte as a two-digit hexadecimal literal (`0x0a`).
    static func byte(_ byte: UInt8) -> String {
        "0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }

    /// Text safe inside a `///` comment or backticks: line breaks and control characters shown
    /// as escapes.
    static func inline(_ text: String) -> String {
        String(string(text).dropFirst().dropLast())
    }
}

extension ScalarType {
    /// The Swift type for a frame of this type.
    var swiftType: String {
        switch self {
        case .u8: "UInt8"
        case .i8: "Int8"
        case .u16: "UInt16"
        case .i16: "Int16"
        case .u32: "UInt32"
        case .i32: "Int32"
        case .u64: "UInt64"
        case .i64: "Int64"
        case .f32: "Float"
        case .f64: "Double"
        case .bool: "Bool"
        }
    }
}
