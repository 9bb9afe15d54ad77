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
/// Construction goes through a position automaton (one bit per pattern position, as in
/// shift-and matching) and turns it into a table by subset construction; patterns whose
/// tables would exceed ``maximumStates`` stay with PCRE2.
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

    /// The most pattern positions (one machine word, the accepting position included).
    static let maximumPositions = 63
    /// The most states of the table, the dead state included (one more, ``escape``, must still
    /// fit a byte).
    static let maximumStates = 255

    /// Builds the automaton for `pattern`, or returns nil when the pattern is not a plain
    /// sequence of quantified single-character classes or its table would be too large.
    ///
    /// - Parameter asciiMembers: The set of ASCII characters that one single-character atom
    ///   (a class, an escape like `\d`, a literal or `.`) matches, as a 128-bit mask; nil if
    ///   the atom cannot be compiled alone.
    init?(pattern: String, asciiMembers: (String) -> (low: UInt64, high: UInt64)?) {
        guard let shape = PatternShape(pattern),
            let positions = PositionAutomaton(shape: shape, asciiMembers: asciiMembers),
            let table = positions.deterministic(maximumStates: Self.maximumStates)
        else { return nil }
        let states = table.accepting.count
        escape = states
        // Rows of 256: the ASCII half from the table, every other byte to `escape`, whose own
        // row leads only to itself.
        transitions = .allocate(capacity: (states + 1) * 256)
        transitions.initialize(repeating: UInt8(states), count: (states + 1) * 256)
        for state in 0..<states {
            for character in 0..<128 { transitions[state * 256 + character] = table.transitions[state * 128 + character] }
        }
        accepting = .allocate(capacity: states + 1)
        accepting.initialize(from: table.accepting, count: states)
        accepting[states] = 0
        capturesWhole = shape.capturesWhole
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

/// The nondeterministic form: one bit per position of the expanded pattern (`x{2,3}` is three
/// positions, the last optional), a set of live positions as one `UInt64`.
struct PositionAutomaton {
    /// Bit `i` is set in `masks[c]` when position `i` accepts ASCII character `c`.
    var masks = [UInt64](repeating: 0, count: 128)
    /// Positions that may be skipped (`?`, `*`, and the optional part of `{n,m}`).
    var skippable: UInt64 = 0
    /// Positions that may repeat (`*`, `+` and `{n,}` contribute one each).
    var repeating: UInt64 = 0
    /// The bit one past the last position: the whole pattern matched.
    var accept: UInt64 = 1

    init?(shape: PatternShape, asciiMembers: (String) -> (low: UInt64, high: UInt64)?) {
        var count = 0
        func add(_ members: (low: UInt64, high: UInt64), skippable: Bool, repeating: Bool) -> Bool {
            guard count < ClassSequenceAutomaton.maximumPositions else { return false }
            let bit: UInt64 = 1 << UInt64(count)
            if skippable { self.skippable |= bit }
            if repeating { self.repeating |= bit }
            for character in 0..<128 {
                let word = character < 64 ? members.low : members.high
                if word & (1 << UInt64(character % 64)) != 0 { masks[character] |= bit }
            }
            count += 1
            return true
        }
        for atom in shape.atoms {
            guard atom.minimum <= ClassSequenceAutomaton.maximumPositions,
                (atom.maximum ?? atom.minimum) <= ClassSequenceAutomaton.maximumPositions,
                let members = asciiMembers(atom.text)
            else { return nil }
            for _ in 0..<atom.minimum where !add(members, skippable: false, repeating: false) { return nil }
            if let maximum = atom.maximum {
                for _ in atom.minimum..<maximum where !add(members, skippable: true, repeating: false) { return nil }
            } else if !add(members, skippable: true, repeating: true) {
                return nil
            }
        }
        accept = 1 << UInt64(count)
    }

    /// `states` with every position reachable by skipping skippable ones.
    func closure(_ states: UInt64) -> UInt64 {
        var states = states
        while true {
            let next = states | ((states & skippable) << 1)
            if next == states { return states }
            states = next
        }
    }

    /// The live positions after `states` reads `character`.
    func step(_ states: UInt64, _ character: Int) -> UInt64 {
        let live = states & masks[character]
        return closure(((live & ~repeating) << 1) | (live & repeating))
    }

    /// The deterministic table by subset construction (state 0 dead, state 1 the start), or
    /// nil when it needs more than `maximumStates` states.
    func deterministic(maximumStates: Int) -> (transitions: [UInt8], accepting: [UInt8])? {
        var sets: [UInt64] = [0, closure(1)]
        var index: [UInt64: Int] = [0: 0, sets[1]: 1]
        var transitions = [UInt8](repeating: 0, count: 2 * 128)
        var state = 1
        while state < sets.count {
            for character in 0..<128 {
                let next = step(sets[state], character)
                var target = index[next]
                if target == nil {
                    guard sets.count < maximumStates else { return nil }
                    target = sets.count
                    index[next] = sets.count
                    sets.append(next)
                    transitions += [UInt8](repeating: 0, count: 128)
                }
                transitions[state * 128 + character] = UInt8(target!)
            }
            state += 1
        }
        return (transitions, sets.map { $0 & accept != 0 ? 1 : 0 })
    }
}

/// The structure of a pattern the automaton can run: its atoms with their repeat counts, and
/// whether one capturing group wraps them all. Parsing is deliberately narrow; anything it does
/// not recognise (alternation, inner groups, anchors, backreferences, possessive quantifiers,
/// option settings, escapes other than character types and escaped punctuation) makes it fail,
/// and the pattern stays with PCRE2.
struct PatternShape {
    struct Atom {
        /// The atom as written, compiled alone to learn which ASCII characters it accepts.
        var text: String
        var minimum: Int
        /// nil for no upper bound.
        var maximum: Int?
    }

    var atoms: [Atom] = []
    var capturesWhole = false

    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)
        if let body = Self.unwrapWholeGroup(bytes) {
            bytes = body
            capturesWhole = true
        }
        var index = 0
        while index < bytes.count {
            guard let end = Self.atomEnd(bytes, from: index) else { return nil }
            var atom = Atom(text: String(decoding: bytes[index..<end], as: UTF8.self), minimum: 1, maximum: 1)
            index = end
            if index < bytes.count, let (minimum, maximum, next) = Self.quantifier(bytes, from: index) {
                atom.minimum = minimum
                atom.maximum = maximum
                index = next
                if index < bytes.count && bytes[index] == UInt8(ascii: "?") {
                    index += 1  // lazy: the same language when the whole subject must match
                } else if index < bytes.count && bytes[index] == UInt8(ascii: "+") {
                    return nil  // possessive: does not backtrack, so not the same language
                }
            }
            atoms.append(atom)
        }
    }

    /// The body of a capturing group that spans the whole pattern (`(…)`, `(?<name>…)`,
    /// `(?P<name>…)` or `(?'name'…)`), or nil.
    private static func unwrapWholeGroup(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "("), bytes.last == UInt8(ascii: ")") else { return nil }
        var bodyStart = 1
        if bytes.count > 2 && bytes[1] == UInt8(ascii: "?") {
            var cursor = 2
            if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "P") { cursor += 1 }
            guard cursor < bytes.count else { return nil }
            let close: UInt8
            switch bytes[cursor] {
            case UInt8(ascii: "<"): close = UInt8(ascii: ">")
            case UInt8(ascii: "'"): close = UInt8(ascii: "'")
            default: return nil
            }
            cursor += 1
            let nameStart = cursor
            while cursor < bytes.count && isNameByte(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart, cursor < bytes.count, bytes[cursor] == close else { return nil }
            bodyStart = cursor + 1
        }
        let body = Array(bytes[bodyStart..<(bytes.count - 1)])
        // The group spans the whole pattern only if the body has no parentheses of its own
        // outside classes; atomEnd refuses them, so the body's parse settles it.
        return body
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    /// Where the single-character atom starting at `index` ends, or nil if there is none.
    private static func atomEnd(_ bytes: [UInt8], from index: Int) -> Int? {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "["):
            return classEnd(bytes, from: index)
        case UInt8(ascii: "\\"):
            guard index + 1 < bytes.count else { return nil }
            let escaped = bytes[index + 1]
            if Array("dDwWsShHvV".utf8).contains(escaped) { return index + 2 }
            // An escaped ASCII punctuation character is that character.
            let isPunctuation = escaped >= 0x21 && escaped < 0x7F && !isNameByte(escaped)
            return isPunctuation ? index + 2 : nil
        case UInt8(ascii: "."):
            return index + 1
        default:
            // Any other printable ASCII character that is not a metacharacter stands for itself.
            guard byte >= 0x20 && byte < 0x7F, !Array("^$|()?*+{}]".utf8).contains(byte) else { return nil }
            return index + 1
        }
    }

    /// The index just past the class that starts at `index` (`[`), or nil.
    private static func classEnd(_ bytes: [UInt8], from index: Int) -> Int? {
        var cursor = index + 1
        if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "^") { cursor += 1 }
        if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "]") { cursor += 1 }  // a literal ]
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "]"):
                return cursor + 1
            case UInt8(ascii: "\\"):
                // \Q…\E and \E change how the rest reads; leave such classes to PCRE2.
                guard cursor + 1 < bytes.count, bytes[cursor + 1] != UInt8(ascii: "Q"), bytes[cursor + 1] != UInt8(ascii: "E") else { return nil }
                cursor += 2
            case UInt8(ascii: "["):
                // Only a POSIX class like [:alpha:] may open inside a class.
                guard cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: ":") else { return nil }
                var close = cursor + 2
                while close + 1 < bytes.count && !(bytes[close] == UInt8(ascii: ":") && bytes[close + 1] == UInt8(ascii: "]")) {
                    guard isNameByte(bytes[close]) || bytes[close] == UInt8(ascii: "^") else { return nil }
                    close += 1
                }
                guard close + 1 < bytes.count else { return nil }
                cursor = close + 2
            default:
                cursor += 1
            }
        }
        return nil
    }

    /// The repeat counts of the quantifier at `index`, and the index past it; nil if none.
    private static func quantifier(_ bytes: [UInt8], from index: Int) -> (Int, Int?, Int)? {
        switch bytes[index] {
        case UInt8(ascii: "?"): return (0, 1, index + 1)
        case UInt8(ascii: "*"): return (0, nil, index + 1)
        case UInt8(ascii: "+"): return (1, nil, index + 1)
        case UInt8(ascii: "{"):
            var cursor = index + 1
            guard let minimum = number(bytes, &cursor) else { return nil }
            if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "}") { return (minimum, minimum, cursor + 1) }
            guard cursor < bytes.count && bytes[cursor] == UInt8(ascii: ",") else { return nil }
            cursor += 1
            let maximum = number(bytes, &cursor)
            guard cursor < bytes.count && bytes[cursor] == UInt8(ascii: "}") else { return nil }
            if let maximum, maximum < minimum { return nil }
            return (minimum, maximum, cursor + 1)
        default:
            return nil
        }
    }

    /// A decimal number of at most four digits at `cursor`, moving past it.
    private static func number(_ bytes: [UInt8], _ cursor: inout Int) -> Int? {
        let start = cursor
        var value = 0
        while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9"), cursor - start < 4 {
            value = value * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
            cursor += 1
        }
        return cursor > start ? value : nil
    }
}
