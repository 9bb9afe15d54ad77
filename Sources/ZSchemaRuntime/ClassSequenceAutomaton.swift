internal import ZSchemaClassSequence

/// A matcher for the most common shape of frame pattern, a sequence of single-character
/// classes with quantifiers (`[A-Z][A-Z0-9]+`, `\d{4}-\d{2}`, `[^\037]+`), optionally wrapped
/// whole in one capturing group, run directly on the frame's bytes as a deterministic automaton
/// (one table lookup per byte) instead of through PCRE2.
///
/// It answers only for subjects that are entirely ASCII; anything else goes to PCRE2, which
/// also decides between "no match" and "invalid UTF-8". Which ASCII characters each class
/// accepts is not worked out here but asked of PCRE2 itself, one probe per character, so the
/// two engines agree on every class, escape and option (`PCRE2_UCP` included).
///
/// The table comes from `ClassSequenceTable` (shared with the compiler, which puts the same table
/// into the IR); patterns whose tables would exceed its state limit stay with PCRE2.
///
/// A struct of two pointers rather than a class, so a match costs no reference counting; the
/// ``FramePattern`` that owns it calls ``deallocate()`` once.
@usableFromInline
struct ClassSequenceAutomaton {
    /// The outcome for an ASCII subject; `nil` from ``match(_:)`` sends the subject to PCRE2.
    @usableFromInline
    enum Verdict { case matched, noMatch }

    /// `transitions[state * 256 + byte]` is the next state; state 0 is the dead state (no
    /// match possible any more), state 1 the start, and ``escape`` the state every byte of
    /// 0x80 or above leads to, from every state, and never leaves. So the loop over a subject
    /// has no branch: a subject that is not all ASCII ends in ``escape`` and goes to PCRE2.
    @usableFromInline let transitions: UnsafeMutablePointer<UInt8>
    /// `accepting[state]` is 1 when a subject ending in `state` matches.
    @usableFromInline let accepting: UnsafeMutablePointer<UInt8>
    /// The state past the table's own: a byte that is not ASCII was read.
    @usableFromInline let escape: Int
    /// Whether one capturing group wraps the whole pattern (group 1 is then the whole subject).
    let capturesWhole: Bool

    /// Builds the automaton for `pattern`, or returns nil when the pattern is not a plain
    /// sequence of quantified single-character classes or its table would be too large.
    ///
    /// - Parameter asciiMembers: The set of ASCII characters that one single-character atom
    ///   (a class, an escape like `\d`, a literal or `.`) matches, as a 128-bit mask; nil if
    ///   the atom cannot be compiled alone.
    init?(pattern: String, asciiMembers: (String) -> (low: UInt64, high: UInt64)?) {
        guard let table = ClassSequenceTable(pattern: pattern, asciiMembers: asciiMembers)
        else { return nil }
        let states = table.stateCount
        escape = states
        // Rows of 256: the ASCII half from the table, every other byte to `escape`, whose own
        // row leads only to itself.
        transitions = .allocate(capacity: (states + 1) * 256)
        transitions.initialize(repeating: UInt8(states), count: (states + 1) * 256)
        for state in 0..<states {
            for character in 0..<128 { transitions[state * 256 + character] = table.transitions[state * 128 + character] }
        }
        accepting = .allocate(capacity: states + 1)
        accepting.initialize(repeating: 0, count: states + 1)
        for state in 0..<states where table.accepting[state] { accepting[state] = 1 }
        capturesWhole = table.capturesWhole
    }

    /// Frees the tables; the automaton must not be used afterwards.
    func deallocate() {
        transitions.deallocate()
        accepting.deallocate()
    }

    /// Matches the whole of `bytes`; nil when they are not all ASCII.
    @inlinable
    func match(_ bytes: UnsafeRawBufferPointer) -> Verdict? {
        var state = 1
        for byte in bytes { state = Int(transitions[state &<< 8 | Int(byte)]) }
        // Not all ASCII: PCRE2 must tell whether the subject is valid UTF-8 at all.
        if state == escape { return nil }
        return accepting[state] != 0 ? .matched : .noMatch
    }
}
