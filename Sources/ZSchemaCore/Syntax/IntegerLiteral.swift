/// The widths a binary number frame can have, named as in the schema language.
public enum ScalarType: String, Sendable, Hashable, Encodable, CaseIterable {
    case u8, i8, u16, i16, u32, i32, u64, i64, f32, f64, bool

    /// Bytes on the wire.
    public var byteCount: Int {
        switch self {
        case .u8, .i8, .bool: 1
        case .u16, .i16: 2
        case .u32, .i32, .f32: 4
        case .u64, .i64, .f64: 8
        }
    }

    /// Whether the type is an integer (enums and constants must be).
    public var isInteger: Bool { self != .f32 && self != .f64 && self != .bool }

    /// Whether the integer type is signed.
    public var isSigned: Bool { [.i8, .i16, .i32, .i64].contains(self) }

    /// The smallest and largest value of an integer type.
    var range: ClosedRange<Int128> {
        switch self {
        case .u8: 0...Int128(UInt8.max)
        case .i8: Int128(Int8.min)...Int128(Int8.max)
        case .u16: 0...Int128(UInt16.max)
        case .i16: Int128(Int16.min)...Int128(Int16.max)
        case .u32: 0...Int128(UInt32.max)
        case .i32: Int128(Int32.min)...Int128(Int32.max)
        case .u64: 0...Int128(UInt64.max)
        case .i64: Int128(Int64.min)...Int128(Int64.max)
        case .f32, .f64, .bool: 0...1
        }
    }

    /// The F#-style literal suffix for this width (`uy` for u8, ...).
    static func fromSuffix(_ suffix: String) -> ScalarType? {
        switch suffix {
        case "uy": .u8
        case "y": .i8
        case "us": .u16
        case "s": .i16
        case "u": .u32
        case "", "l": .i32
        case "UL", "ul", "uL": .u64
        case "L": .i64
        default: nil
        }
    }
}

/// A parsed integer literal such as `0uy`, `-1y` or `0x10us`.
struct IntegerLiteral: Hashable {
    let value: Int128
    let type: ScalarType

    /// Why a literal is not valid.
    enum Problem: Error {
        case malformed(String)
        case unknownSuffix(String)
        case outOfRange(Int128, ScalarType)

        var message: String {
            switch self {
            case .malformed(let text):
                "'\(text)' is not a number; write a decimal or 0x hexadecimal literal with a width suffix such as '0uy'"
            case .unknownSuffix(let suffix):
                "unknown literal suffix '\(suffix)'; use uy (u8), y (i8), us (u16), s (i16), u (u32), l or none (i32), UL (u64), L (i64)"
            case .outOfRange(let value, let type):
                "\(value) does not fit in \(type.rawValue) (\(type.range.lowerBound)...\(type.range.upperBound))"
            }
        }
    }

    /// Parses `text`.
    static func parse(_ text: String) throws(Problem) -> IntegerLiteral {
        var rest = Substring(text)
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let hex = rest.hasPrefix("0x") || rest.hasPrefix("0X")
        if hex { rest = rest.dropFirst(2) }
        let isDigit: (Character) -> Bool = hex ? { $0.isHexDigit } : { $0.isASCII && $0.isNumber }
        let digits = rest.prefix(while: isDigit)
        let suffix = String(rest.dropFirst(digits.count))
        guard !digits.isEmpty, digits.count <= 20, let magnitude = UInt64(digits, radix: hex ? 16 : 10) else {
            throw .malformed(text)
        }
        guard let type = ScalarType.fromSuffix(suffix) else { throw .unknownSuffix(suffix) }
        let value = negative ? -Int128(magnitude) : Int128(magnitude)
        guard type.range.contains(value) else { throw .outOfRange(value, type) }
        return IntegerLiteral(value: value, type: type)
    }

    /// The value's bytes on the wire: big-endian two's complement in the type's width.
    var bytes: [UInt8] {
        let bits = UInt64(truncatingIfNeeded: value)
        return (0..<type.byteCount).reversed().map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
    }
}
