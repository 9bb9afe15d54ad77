extension FramePattern {
    /// Checks, before sending, that `text` matches the pattern (for frames whose captures
    /// cannot be read back differently: none, or one spanning the whole frame).
    @inlinable
    public func validate(_ text: String, message: String, field: String) throws(MessageEncodingError) {
        let outcome = test(text)
        guard outcome == .matched else {
            throw MessageEncodingError(message: message, field: field, reason: .rejected(text, by: self, outcome))
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
        let result = text.withUTF8Bytes { captures($0) }
        let groups: [String?]
        switch result {
        case .success(let matched): groups = matched
        case .failure(.limitExceeded): throw MessageEncodingError(message: message, field: field, reason: .rejected(text, by: self, .limitExceeded))
        case .failure: throw MessageEncodingError(message: message, field: field, reason: .rejected(text, by: self, .noMatch))
        }
        for (group, value) in expected where groups[group - 1] != value {
            throw MessageEncodingError(message: message, field: field, reason: .ambiguousText(text: text))
        }
    }
}
