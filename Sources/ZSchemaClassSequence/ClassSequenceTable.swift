/// The deterministic automaton over ASCII of the most common shape of frame pattern: a sequence
/// of quantified single-character classes (`[A-Z][A-Z0-9]+`, `\d{4}-\d{2}`, `[^\037]+`),
/// optionally wrapped whole in one capturing group.
///
/// The run-time `FramePattern` builds one to skip PCRE2 for all-ASCII frames, and the compiler
/// builds the same one to put into the IR, from which generated code checks frames inline. Both
/// learn which ASCII characters each class accepts from PCRE2 itself (`asciiMembers`), so the
/// table agrees with PCRE2 on every class, escape and option.
///
/// Construction goes through a position automaton (one bit per pattern position, as in
/// shift-and matching) and turns it into a table by subset construction.
package struct ClassSequenceTable: Sendable, Equatable {
    /// `transitions[state * 128 + character]` is the state after reading ASCII `character`.
    /// State 0 is the dead state (no match possible any more, and it never leaves), state 1 the
    /// start.
    package let transitions: [UInt8]
    /// `accepting[state]` is true when a subject ending in `state` matches.
    package let accepting: [Bool]
    /// Whether one capturing group wraps the whole pattern (group 1 is then the whole subject).
    package let capturesWhole: Bool

    /// The most pattern positions (one machine word, the accepting position included).
    package static let maximumPositions = 63

    /// The most states of a table, the dead state included: one fewer than a byte holds, so the
    /// runtime can add its escape state for bytes above ASCII. The compiler uses the same limit,
    /// so the IR has an automaton exactly for the patterns the runtime runs one for.
    package static let maximumStates = 255

    /// How many states the table has, the dead state included.
    package var stateCount: Int { accepting.count }

    /// Builds the table for `pattern`, or returns nil when the pattern is not a plain sequence of
    /// quantified single-character classes or its table would need more than ``maximumStates``
    /// states.
    ///
    /// - Parameter asciiMembers: The set of ASCII characters that one single-character atom
    ///   (a class, an escape like `\d`, a literal or `.`) matches, as a 128-bit mask (`low` for
    ///   characters 0-63, `high` for 64-127); nil if the atom cannot be compiled alone.
    package init?(pattern: String, asciiMembers: (String) -> (low: UInt64, high: UInt64)?) {
        guard let shape = PatternShape(pattern),
            let positions = PositionAutomaton(shape: shape, asciiMembers: asciiMembers),
            let table = positions.deterministic(maximumStates: Self.maximumStates)
        else { return nil }
        transitions = table.transitions
        accepting = table.accepting
        capturesWhole = shape.capturesWhole
    }

    /// The ASCII characters for which `matches` is true, as the 128-bit mask `asciiMembers`
    /// returns: each side probes PCRE2 with its own compiled atom, and builds the mask here.
    package static func asciiMask(where matches: (UInt8) -> Bool) -> (low: UInt64, high: UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for character in UInt8(0)..<128 where matches(character) {
            if character < 64 { low |= 1 << UInt64(character) } else { high |= 1 << UInt64(character - 64) }
        }
        return (low, high)
    }

    /// The live transitions out of `state`: for each state other than the dead one that some
    /// ASCII character leads to, the characters that do, as ascending ranges. Characters that
    /// appear nowhere lead to the dead state.
    package func arcs(from state: Int) -> [(target: Int, characters: [ClosedRange<UInt8>])] {
        var arcs: [(target: Int, characters: [ClosedRange<UInt8>])] = []
        var character = 0
        while character < 128 {
            let target = Int(transitions[state * 128 + character])
            var last = character
            while last + 1 < 128 && Int(transitions[state * 128 + last + 1]) == target { last += 1 }
            if target != 0 {
                let range = UInt8(character)...UInt8(last)
                if let index = arcs.firstIndex(where: { $0.target == target }) {
                    arcs[index].characters.append(range)
                } else {
                    arcs.append((target, [range]))
                }
            }
            character = last + 1
        }
        return arcs
    }
}
