/// Why a list of frames is not a valid message of the expected type.
public struct MessageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What exactly did not fit.
    public enum Reason: Sendable, Equatable {
        /// The message has a number of frames outside `expected`.
        case frameCount(expected: ClosedRange<Int>, actual: Int)
        /// A fixed-size frame has the wrong number of bytes.
        case frameSize(expected: Int, actual: Int)
        /// A constant frame holds other bytes than the schema's constant.
        case constantMismatch(expected: [UInt8], actual: [UInt8])
        /// An enum frame holds a value that is none of the schema's cases.
        case unknownEnumValue(UInt64)
        /// A boolean frame holds a byte other than 0 or 1.
        case invalidBool(UInt8)
        /// A string frame is not valid UTF-8.
        case invalidUTF8
        /// A string frame does not match the schema's pattern as a whole.
        case patternMismatch(pattern: String)
        /// Matching a string frame against the schema's pattern would cost more than PCRE2's
        /// limits allow (a hostile frame against a backtracking-prone pattern), so it is refused
        /// without an answer.
        case patternLimitExceeded(pattern: String)
        /// The message has more frames than the receiving socket accepts.
        case tooManyFrames(limit: Int, actual: Int)
        /// None of a socket's alternative messages matched; one error per alternative.
        case noAlternativeMatched([MessageDecodingError])
    }

    /// The message type being decoded.
    public var message: String
    /// The 0-based index of the offending frame, when one frame is to blame.
    public var frame: Int?
    /// The schema field (or capture) the frame belongs to, when it has one.
    public var field: String?
    /// What did not fit.
    public var reason: Reason

    /// Creates an error.
    public init(message: String, frame: Int?, field: String?, reason: Reason) {
        self.message = message
        self.frame = frame
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var location = message
        if let frame { location += " frame \(frame)" }
        if let field { location += " (\(field))" }
        return "\(location): \(reason.text)"
    }
}

extension MessageDecodingError.Reason {
    var text: String {
        switch self {
        case .frameCount(let expected, let actual):
            let range =
                expected.upperBound == Int.max
                ? "at least \(expected.lowerBound)"
                : expected.lowerBound == expected.upperBound
                    ? "\(expected.lowerBound)" : "\(expected.lowerBound)...\(expected.upperBound)"
            return "expected \(range) frames, got \(actual)"
        case .frameSize(let expected, let actual):
            return "expected \(expected) bytes, got \(actual)"
        case .constantMismatch(let expected, let actual):
            return "expected constant \(expected.hexString), got \(actual.hexString)"
        case .unknownEnumValue(let value):
            return "unknown enum value \(value)"
        case .invalidBool(let byte):
            return "boolean byte must be 0 or 1, got \(byte)"
        case .invalidUTF8:
            return "not valid UTF-8"
        case .patternMismatch(let pattern):
            return "does not match \"\(pattern)\""
        case .patternLimitExceeded(let pattern):
            return "costs more to match against \"\(pattern)\" than PCRE2's limits allow"
        case .tooManyFrames(let limit, let actual):
            return "\(actual) frames exceed the limit of \(limit)"
        case .noAlternativeMatched(let errors):
            return "matches no alternative (" + errors.map(\.description).joined(separator: "; ") + ")"
        }
    }
}

extension Array where Element == UInt8 {
    /// The bytes as `0x` followed by two hex digits per byte, at most 16 bytes shown.
    var hexString: String {
        let digits = [Character]("0123456789abcdef")
        var text = "0x"
        for byte in prefix(16) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return count > 16 ? text + "…(\(count) bytes)" : text
    }
}
