extension FramePattern {
    /// Checks, before sending, that `text` matches the pattern (for frames whose captures
    /// cannot be read back differently: none, or one spanning the whole frame).
    @inlinable
    public func validate(_ text: String, message: String, field: String) throws(MessageEncodingError) {
        guard test(text) == .matched else {
            throw MessageEncodingError(message: message, field: field, reason: .patternMismatch(text: text, pattern: pattern))
        }
    }

    /// Checks, before sending, that `text` matches the pattern and that its capture groups read
    /// back as `expected` (group number and value; `nil` for an absent optional group).
    ///
    /// The second check catches values that match only by swallowing a delimiter, so a frame the
    /// receiver would decode into different fields is never sent. With `expected` empty only the
    /// match is checked, which allocates nothing.
    public func validate(
        _ text: String, expected: [(group: Int, value: String?)], message: String, field: String
    ) throws(MessageEncodingError) {
        if expected.isEmpty {
            return try validate(text, message: message, field: field)
        }
        var text = text
        let result = text.withUTF8 { captures(UnsafeRawBufferPointer($0)) }
        guard case .success(let groups) = result else {
            throw MessageEncodingError(
                message: message, field: field, reason: .patternMismatch(text: text, pattern: pattern))
        }
        for (group, value) in expected where groups[group - 1] != value {
            throw MessageEncodingError(message: message, field: field, reason: .ambiguousText(text: text))
        }
    }
}
