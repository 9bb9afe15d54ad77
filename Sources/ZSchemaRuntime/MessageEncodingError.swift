/// Why a message value cannot be turned into frames.
public struct MessageEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// The text assembled for a string frame does not match the schema's pattern.
        case patternMismatch(text: String, pattern: String)
        /// Matching the text against the schema's pattern would cost more than PCRE2's limits
        /// allow, so it is not sent.
        case patternLimitExceeded(text: String, pattern: String)
        /// The text matches, but reading it back does not give the fields it was built from
        /// (a field value swallowed a delimiter, for example).
        case ambiguousText(text: String)
        /// A repeated frame declared with `+` was given no elements.
        case emptyRepetition
        /// Some but not all of the captures of one optional part of a pattern were given.
        case incompleteOptionalPart
    }

    /// The message type being encoded.
    public var message: String
    /// The field (or capture) at fault.
    public var field: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(message: String, field: String, reason: Reason) {
        self.message = message
        self.field = field
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .patternMismatch(let text, let pattern):
            "\(message).\(field): \"\(text)\" does not match \"\(pattern)\""
        case .patternLimitExceeded(let text, let pattern):
            "\(message).\(field): \"\(text.prefix(80))\" costs more to match against \"\(pattern)\" than PCRE2's limits allow"
        case .ambiguousText(let text):
            "\(message).\(field): \"\(text)\" does not read back as the same fields"
        case .emptyRepetition:
            "\(message).\(field): needs at least one element"
        case .incompleteOptionalPart:
            "\(message).\(field): give all captures of its optional part or none"
        }
    }
}

extension MessageEncodingError.Reason {
    /// The reason for a string frame's text that `pattern` did not accept with `outcome`.
    @inlinable
    public static func rejected(_ text: String, by pattern: FramePattern, _ outcome: FramePattern.Outcome) -> Self {
        outcome == .limitExceeded ? .patternLimitExceeded(text: text, pattern: pattern.pattern) : .patternMismatch(text: text, pattern: pattern.pattern)
    }
}
