/// The structure of a PCRE2 pattern, as far as zschema needs it: literals, capture groups,
/// optional parts and alternations. Everything else is kept as an opaque piece.
indirect enum PatternNode: Hashable {
    /// Text matched literally.
    case literal(String)
    /// A capturing group; `name` is nil for an unnamed one.
    case capture(name: String?, PatternNode)
    /// A non-capturing group `(?:...)`.
    case group(PatternNode)
    /// Pieces in a row.
    case sequence([PatternNode])
    /// `a|b|c`.
    case alternation([PatternNode])
    /// A quantified piece; `max` nil means unbounded.
    case quantified(PatternNode, min: Int, max: Int?)
    /// A piece zschema does not look into: a class, `.`, an anchor, a back-reference, a
    /// lookaround, an option setting. `example` is one string it matches, when known.
    case opaque(text: String, example: String?)
}

/// Parses PCRE2 pattern text into ``PatternNode``s. Unknown or unusual syntax becomes `.opaque`
/// (PCRE2 itself validates the pattern); `usesInlineOptions` reports option settings such as
/// `(?x)` that change how the rest of the pattern reads.
struct PatternSyntaxParser {
    private let characters: [Character]
    private var index = 0
    private(set) var usesInlineOptions = false

    static func parse(_ pattern: String) -> (node: PatternNode, usesInlineOptions: Bool) {
        var parser = PatternSyntaxParser(characters: Array(pattern))
        let node = parser.parseAlternation()
        // A stray ')' (PCRE2 reports it): keep whatever follows as opaque.
        if parser.index < parser.characters.count {
            let rest = String(parser.characters[parser.index...])
            return (.sequence([node, .opaque(text: rest, example: nil)]), true)
        }
        return (node, parser.usesInlineOptions)
    }

    private init(characters: [Character]) { self.characters = characters }

    private var peek: Character? { index < characters.count ? characters[index] : nil }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func parseAlternation() -> PatternNode {
        var branches = [parseSequence()]
        while peek == "|" {
            index += 1
            branches.append(parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() -> PatternNode {
        var items: [PatternNode] = []
        while let character = peek, character != "|", character != ")" {
            var atom = parseAtom()
            if let (min, max) = parseQuantifier() { atom = .quantified(atom, min: min, max: max) }
            // Merge neighbouring literals so `abc` is one piece.
            if case .literal(let text) = atom, case .literal(let previous)? = items.last {
                items[items.count - 1] = .literal(previous + text)
            } else {
                items.append(atom)
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseAtom() -> PatternNode {
        let character = characters[index]
        switch character {
        case "(": return parseGroup()
        case "[": return parseClass()
        case "\\": return parseEscape()
        case ".":
            index += 1
            return .opaque(text: ".", example: "a")
        case "^", "$":
            index += 1
            return .opaque(text: String(character), example: "")
        default:
            index += 1
            return .literal(String(character))
        }
    }

    private mutating func parseGroup() -> PatternNode {
        let start = index
        index += 1  // '('
        var name: String?
        var kind = "capture"
        if peek == "?" {
            if peek(1) == "<", let after = peek(2), after != "=", after != "!" {
                index += 2
                name = readName(until: ">")
            } else if peek(1) == "P", peek(2) == "<" {
                index += 3
                name = readName(until: ">")
            } else if peek(1) == "'" {
                index += 2
                name = readName(until: "'")
            } else if peek(1) == ":" {
                index += 2
                kind = "group"
            } else if peek(1) == "#" {
                while let character = peek, character != ")" { index += 1 }
                index += 1
                return .literal("")
            } else {
                kind = "opaque"
                index += 1
                // Option letters alone, `(?i)`, change how the rest reads.
                var probe = index
                while probe < characters.count, characters[probe].isLetter || characters[probe] == "-" || characters[probe] == "^" { probe += 1 }
                if probe < characters.count, characters[probe] == ")" || characters[probe] == ":" {
                    usesInlineOptions = usesInlineOptions || characters[probe] == ")" || probe > index
                }
            }
        }
        let inner = parseAlternation()
        if peek == ")" { index += 1 }
        switch kind {
        case "group": return .group(inner)
        case "opaque": return .opaque(text: String(characters[start..<index]), example: nil)
        default: return .capture(name: name, inner)
        }
    }

    private mutating func readName(until terminator: Character) -> String {
        var name = ""
        while let character = peek, character != terminator {
            name.append(character)
            index += 1
        }
        index += 1
        return name
    }

    private mutating func parseClass() -> PatternNode {
        let start = index
        index += 1
        var negated = false
        if peek == "^" {
            negated = true
            index += 1
        }
        var first: Character?
        var isFirstMember = true
        while let character = peek, character != "]" || isFirstMember {
            isFirstMember = false
            if character == "[", peek(1) == ":" {
                while let next = peek, next != "]" { index += 1 }
                index += 1
                if first == nil { first = "a" }
                continue
            }
            if character == "\\" {
                if first == nil, let escaped = peek(1) { first = Self.exampleForClassEscape(escaped) }
                index += 2
                continue
            }
            if first == nil { first = character }
            index += 1
        }
        index += 1
        let text = String(characters[start..<min(index, characters.count)])
        return .opaque(text: text, example: negated ? nil : first.map(String.init))
    }

    private static func exampleForClassEscape(_ escaped: Character) -> Character? {
        switch escaped {
        case "d": "0"
        case "w": "a"
        case "s": " "
        case "D", "W", "S": nil
        default: escaped.isLetter ? nil : escaped
        }
    }

    private mutating func parseEscape() -> PatternNode {
        let start = index
        index += 1
        guard let escaped = peek else { return .opaque(text: "\\", example: nil) }
        index += 1
        switch escaped {
        case "0":
            // \0, \0d, \0dd: octal.
            var digits = "0"
            while digits.count < 3, let digit = peek, ("0"..."7").contains(digit) {
                digits.append(digit)
                index += 1
            }
            return scalarLiteral(UInt32(digits, radix: 8))
        case "x":
            if peek == "{" {
                index += 1
                let hex = readName(until: "}")
                return scalarLiteral(UInt32(hex, radix: 16))
            }
            var hex = ""
            while hex.count < 2, let digit = peek, digit.isHexDigit {
                hex.append(digit)
                index += 1
            }
            return scalarLiteral(hex.isEmpty ? 0 : UInt32(hex, radix: 16))
        case "o":
            if peek == "{" {
                index += 1
                let octal = readName(until: "}")
                return scalarLiteral(UInt32(octal, radix: 8))
            }
            return .opaque(text: "\\o", example: nil)
        case "n": return .literal("\n")
        case "t": return .literal("\t")
        case "r": return .literal("\r")
        case "f": return .literal("\u{0C}")
        case "e": return .literal("\u{1B}")
        case "a": return .literal("\u{07}")
        case "Q":
            var text = ""
            while index < characters.count {
                if characters[index] == "\\", peek(1) == "E" {
                    index += 2
                    break
                }
                text.append(characters[index])
                index += 1
            }
            return .literal(text)
        case "E": return .literal("")
        case "d": return .opaque(text: "\\d", example: "0")
        case "w": return .opaque(text: "\\w", example: "a")
        case "s": return .opaque(text: "\\s", example: " ")
        case "h": return .opaque(text: "\\h", example: " ")
        case "b", "B", "A", "z", "Z", "G", "K":
            return .opaque(text: "\\\(escaped)", example: "")
        case "p", "P":
            if peek == "{" { _ = readName(until: "}") } else { index += 1 }
            return .opaque(text: String(characters[start..<index]), example: nil)
        case "g", "k":
            if let open = peek, open == "{" || open == "<" || open == "'" {
                index += 1
                _ = readName(until: open == "{" ? "}" : open == "<" ? ">" : "'")
            } else {
                while let digit = peek, digit.isNumber || digit == "-" { index += 1 }
            }
            return .opaque(text: String(characters[start..<index]), example: nil)
        default:
            if escaped.isNumber {
                // \1 ... \9...: a back-reference (or an octal escape PCRE2 decides on).
                while let digit = peek, digit.isNumber { index += 1 }
                return .opaque(text: String(characters[start..<index]), example: nil)
            }
            if escaped.isASCII, escaped.isLetter {
                return .opaque(text: "\\\(escaped)", example: nil)
            }
            return .literal(String(escaped))
        }
    }

    private func scalarLiteral(_ value: UInt32?) -> PatternNode {
        guard let value, let scalar = Unicode.Scalar(value) else { return .opaque(text: "\\", example: nil) }
        return .literal(String(Character(scalar)))
    }

    private mutating func parseQuantifier() -> (Int, Int?)? {
        guard let character = peek else { return nil }
        var bounds: (Int, Int?)
        switch character {
        case "?": bounds = (0, 1); index += 1
        case "*": bounds = (0, nil); index += 1
        case "+": bounds = (1, nil); index += 1
        case "{":
            // {n}, {n,}, {n,m}; anything else is a literal '{'.
            var probe = index + 1
            var low = "", high = ""
            var sawComma = false
            while probe < characters.count, characters[probe] != "}" {
                let digit = characters[probe]
                if digit == "," && !sawComma { sawComma = true } else if digit.isNumber {
                    if sawComma { high.append(digit) } else { low.append(digit) }
                } else { return nil }
                probe += 1
            }
            guard probe < characters.count, let minimum = Int(low) else { return nil }
            bounds = (minimum, sawComma ? Int(high) : minimum)
            index = probe + 1
        default:
            return nil
        }
        if let mode = peek, mode == "?" || mode == "+" { index += 1 }  // lazy or possessive
        return bounds
    }
}
