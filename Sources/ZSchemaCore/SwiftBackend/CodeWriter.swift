/// Builds Swift source text line by line with four-space indentation.
struct CodeWriter {
    private(set) var text = ""
    private var level = 0

    /// Appends one line at the current indentation (an empty line has no trailing spaces).
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: level) + content + "\n"
        }
    }

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

    /// `///` lines; blank lines in `lines` become `///`.
    mutating func documentation(_ lines: [String]) {
        for content in lines { line(content.isEmpty ? "///" : "/// " + content) }
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
        var result = "\""
        for scalar in text.unicodeScalars {
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
        return result + "\""
    }

    /// `[0x00, 0x01]`.
    static func bytes(_ bytes: [UInt8]) -> String {
        "[" + bytes.map { "0x" + (($0 < 16) ? "0" : "") + String($0, radix: 16) }.joined(separator: ", ") + "]"
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
