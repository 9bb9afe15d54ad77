import ZSchemaRuntime

/// What the automaton fuzzer does with one input, shared with the corpus-replay test: the first
/// byte picks a pattern the byte-level automaton handles, the rest is a frame, and the automaton's
/// answer must be PCRE2's.
enum AutomatonFuzzHarness {
    /// Patterns of the shape the automaton takes: quantified single-character classes, optionally
    /// wrapped whole in one capture.
    static let patterns: [String] = [
        "(?<symbol>[A-Z][A-Z0-9]+)", #"[^\x1f]+"#, #"\d{4}-\d{2}"#, #"\w+"#, #"[a-z]?[0-9]*\s{0,3}x"#,
        #"(?<word>[[:alpha:]_][[:alnum:]_]{0,7})"#, #"\S+\d?"#, "[.-]{2,5}", #"\p{Lu}+"#, "a*b*c+",
    ]
    static let automatic = patterns.map { FramePattern(generated: $0) }
    static let reference = patterns.map { FramePattern(generated: $0, engine: .pcre2) }

    /// Runs one input; returns the outcome both engines agreed on, or traps when they differ.
    @discardableResult
    static func run(_ bytes: UnsafeRawBufferPointer) -> FramePattern.Outcome? {
        guard let selector = bytes.first else { return nil }
        let index = Int(selector) % patterns.count
        let frame = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        let fast = automatic[index].test(frame)
        let slow = reference[index].test(frame)
        precondition(fast == slow, "pattern \(patterns[index]) on \(Array(frame)): automaton \(fast), PCRE2 \(slow)")
        return fast
    }
}
