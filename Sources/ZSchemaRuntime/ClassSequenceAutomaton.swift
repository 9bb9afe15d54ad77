/// A matcher for the most common shape of frame pattern, a sequence of single-character
/// classes with quantifiers (`[A-Z][A-Z0-9]+`, `\d{4}-\d{2}`, `[^\037]+`), optionally wrapped
/// whole in one capturing group, run directly on the frame's bytes as a bit-parallel
/// (shift-and) automaton instead of through PCRE2.
///
/// It answers only for subjects that are entirely ASCII; anything else goes to PCRE2, which
/// also decides between "no match" and "invalid UTF-8". Which ASCII characters each class
/// accepts is not worked out here but asked of PCRE2 itself, one probe per character, so the
/// two engines agree on every class, escape and option (`PCRE2_UCP` included).
final class ClassSequenceAutomaton {
    /// The outcome for an ASCII subject; `nil` from ``match(_:)`` sends the subject to PCRE2.
    enum Verdict { case matched, noMatch }

    /// Bit `i` is set in `masks[c]` when position `i` accepts ASCII character `c`.
    private let masks: UnsafeMutablePointer<UInt64>
    /// Positions that may be skipped (`?`, `*`, and the optional part of `{n,m}`).
    private let skippable: UInt64
    /// Positions that may repeat (`*`, `+` and `{n,}` contribute one each).
    private let repeating: UInt64
    /// The state before the first character: position 0 and everything reachable by skipping.
    private let start: UInt64
    /// The bit of the accepting state, one past the last position.
    private let accept: UInt64
    /// Whether one capturing group wraps the whole pattern (group 1 is then the whole subject).
    let capturesWhole: Bool

    /// The most positions one automaton tracks (one machine word, the accepting state included).
    static let maximumPositions = 63

    /// Builds the automaton for `pattern`, or returns nil when the pattern is not a plain
    /// sequence of quantified single-character classes.
    ///
    /// - Parameter asciiMembers: The set of ASCII characters that one single-character atom
    ///   (a class, an escape like `\d`, a literal or `.`) matches, as a 128-bit mask; nil if
    ///   the atom cannot be compiled alone.
    init?(pattern: String, asciiMembers: (String) -> (low: UInt64, high: UInt64)?) {
        guard let shape = PatternShape(pattern) else { return nil }
        var positions: [(members: (low: UInt64, high: UInt64), skippable: Bool, repeating: Bool)] = []
        for atom in shape.atoms {
            guard atom.minimum <= Self.maximumPositions, let members = asciiMembers(atom.text) else { return nil }
            for _ in 0..<atom.minimum { positions.append((members, false, false)) }
            if let maximum = atom.maximum {
                guard maximum - atom.minimum <= Self.maximumPositions else { return nil }
                for _ in atom.minimum..<maximum { positions.append((members, true, false)) }
            } else {
                positions.append((members, true, true))
            }
            guard positions.count <= Self.maximumPositions else { return nil }
        }
        masks = .allocate(capacity: 128)
        masks.initialize(repeating: 0, count: 128)
        var skippable: UInt64 = 0
        var repeating: UInt64 = 0
        for (index, position) in positions.enumerated() {
            let bit: UInt64 = 1 << UInt64(index)
            if position.skippable { skippable |= bit }
            if position.repeating { repeating |= bit }
            for character in 0..<128 {
                let word = character < 64 ? position.members.low : position.members.high
                if word & (1 << UInt64(character % 64)) != 0 { masks[character] |= bit }
            }
        }
        self.skippable = skippable
        self.repeating = repeating
        self.accept = 1 << UInt64(positions.count)
        self.start = Self.closure(1, skippable: skippable)
        self.capturesWhole = shape.capturesWhole
    }

    deinit { masks.deallocate() }

    /// Adds to `states` every state reachable by skipping skippable positions.
    @inline(__always)
    private static func closure(_ states: UInt64, skippable: UInt64) -> UInt64 {
        var states = states
        while true {
            let next = states | ((states & skippable) << 1)
            if next == states { return states }
            states = next
        }
    }

    /// Matches the whole of `bytes`; nil when they are not all ASCII.
    func match(_ bytes: UnsafeRawBufferPointer) -> Verdict? {
        var states = start
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            let live = states & masks[Int(byte)]
            states = Self.closure(((live & ~repeating) << 1) | (live & repeating), skippable: skippable)
            index += 1
            if states == 0 {
                // No match, unless a later byte is not ASCII: then PCRE2 must tell whether the
                // subject is valid UTF-8 at all.
                while index < count {
                    if bytes[index] >= 0x80 { return nil }
                    index += 1
                }
                return .noMatch
            }
        }
        return states & accept != 0 ? .matched : .noMatch
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
