internal import ZSchemaClassSequence

extension ASCIIAutomaton {
    /// The automaton of `pattern` (in PCRE2 syntax, with `captureCount` capturing groups), or
    /// nil when it is not a sequence of quantified single-character classes, optionally wrapped
    /// whole in its one group, or its table would need more than `ClassSequenceTable.maximumStates` states.
    ///
    /// Each class's ASCII members are asked of PCRE2 through `matcher`, with the options the
    /// runtime matches with, so the automaton gives PCRE2's answers.
    init?(pattern: String, captureCount: Int, matcher: PatternMatcher) {
        guard
            let table = ClassSequenceTable(pattern: pattern, asciiMembers: { matcher.asciiMembers(of: $0) }),
            captureCount == (table.capturesWhole ? 1 : 0)
        else { return nil }
        states = (0..<table.stateCount).map { state in
            State(
                isAccepting: table.accepting[state],
                arcs: table.arcs(from: state).map { arc in
                    Arc(target: arc.target, bytes: arc.characters.map { ByteRange(first: $0.lowerBound, last: $0.upperBound) })
                })
        }
    }
}
