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
