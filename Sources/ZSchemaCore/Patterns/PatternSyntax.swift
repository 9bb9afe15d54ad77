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
    /// lookaround. `example` is one string it matches, when known.
    case opaque(text: String, example: String?)
}

/// Parses PCRE2 pattern text into ``PatternNode``s, one Unicode scalar at a time (PCRE2 in UTF
/// mode quantifies code points, not grapheme clusters).
///
/// The parser never fails and never reads past the end: PCRE2 itself validates the pattern.
/// Whatever it does not fully understand clears ``isUnderstood``, and the analysis then derives
/// nothing from the structure: inline options (`(?x)`, `(?i)`) and verbs (`(*UCP)`) that change
/// how the rest reads, branch resets, conditionals, recursion, callouts, a quantifier that does
/// not follow a plain item (`a{2}{3}`, `\E{2}`), a stray `)`, a truncated escape.
struct PatternSyntaxParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// False when the pattern uses something whose meaning the parser does not model.
    private(set) var isUnderstood = true

    static func parse(_ pattern: String) -> (node: PatternNode, isUnderstood: Bool) {
        var parser = PatternSyntaxParser(scalars: Array(pattern.unicodeScalars))
        let node = parser.parseAlternation()
        if parser.index < parser.scalars.count {
            // A stray ')' (PCRE2 reports it): keep whatever follows as opaque.
            return (.sequence([node, .opaque(text: parser.text(from: parser.index), example: nil)]), false)
        }
        return (node, parser.isUnderstood)
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var peek: Unicode.Scalar? { peek(0) }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// Moves on by `count` scalars, never past the end.
    private mutating func advance(_ count: Int = 1) { index = min(index + count, scalars.count) }

    /// The pattern text from `start` to the current position.
    private func text(from start: Int) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[min(start, index)..<index])
        return result
    }

    private mutating func parseAlternation() -> PatternNode {
        var branches = [parseSequence()]
        while peek == "|" {
            advance()
            branches.append(parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            let atom = parseAtom()
            guard let (min, max) = parseQuantifier() else {
                append(atom, to: &items)
                continue
            }
            if parseQuantifier() != nil { isUnderstood = false }  // `a{2}{3}`, `a**`
            switch atom {
            case .literal(let text) where text.unicodeScalars.count > 1:
                // A quantifier applies to the last character only: `\Qab\E{2}` is `abb`.
                var head = text
                let last = head.unicodeScalars.removeLast()
                append(.literal(head), to: &items)
                items.append(.quantified(.literal(String(last)), min: min, max: max))
            case .literal(let text) where text.isEmpty:
                // `\E{2}`, `(?#...)*`: PCRE2 quantifies something else, or refuses.
                isUnderstood = false
                items.append(.quantified(atom, min: min, max: max))
            case .opaque(_, let example) where example == "":
                isUnderstood = false  // a quantified anchor or assertion
                items.append(.quantified(atom, min: min, max: max))
            default:
                items.append(.quantified(atom, min: min, max: max))
            }
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// Appends `atom`, merging neighbouring literals so that `abc` is one piece.
    private func append(_ atom: PatternNode, to items: inout [PatternNode]) {
        if case .literal(let text) = atom, case .literal(let previous)? = items.last {
            items[items.count - 1] = .literal(previous + text)
        } else {
            items.append(atom)
        }
    }

    private mutating func parseAtom() -> PatternNode {
        let start = index
        let scalar = scalars[index]
        switch scalar {
        case "(": return parseGroup()
        case "[": return parseClass()
        case "\\": return parseEscape()
        case ".":
            advance()
            return .opaque(text: ".", example: "a")
        case "^", "$":
            advance()
            return .opaque(text: text(from: start), example: "")
        case "*", "+", "?":
            return quantifierWithoutItem(from: start)
        case "{" where startsQuantifier():
            return quantifierWithoutItem(from: start)
        default:
            advance()
            return .literal(String(scalar))
        }
    }

    /// A quantifier with nothing to repeat: PCRE2 reports it; keep it opaque.
    private mutating func quantifierWithoutItem(from start: Int) -> PatternNode {
        advance()
        isUnderstood = false
        return .opaque(text: text(from: start), example: nil)
    }

    /// Whether a `{` at the current position starts a quantifier.
    private func startsQuantifier() -> Bool {
        var probe = self
        return probe.parseQuantifier() != nil
    }

    private mutating func parseGroup() -> PatternNode {
        let start = index
        advance()  // '('
        if peek == "*" {
            // A verb such as (*UCP), (*ACCEPT): changes matching in ways not modelled.
            isUnderstood = false
            skipPast(")")
            return .opaque(text: text(from: start), example: nil)
        }
        guard peek == "?" else {
            let inner = parseAlternation()
            close()
            return .capture(name: nil, inner)
        }
        switch (peek(1), peek(2)) {
        case ("<", let after?) where after != "=" && after != "!":
            advance(2)
            return namedCapture(terminator: ">")
        case ("P", "<"):
            advance(3)
            return namedCapture(terminator: ">")
        case ("'", _):
            advance(2)
            return namedCapture(terminator: "'")
        case (":", _):
            advance(2)
            let inner = parseAlternation()
            close()
            return .group(inner)
        case ("#", _):
            skipPast(")")
            return .literal("")
        case ("=", _), ("!", _), ("<", _), (">", _):
            // Lookarounds and atomic groups: opaque, but parsed so the rest lines up.
            advance(peek(1) == "<" ? 3 : 2)
            _ = parseAlternation()
            close()
            return .opaque(text: text(from: start), example: nil)
        default:
            // Options (?i) (?i:...) (?^), branch resets (?|...), conditionals (?(...)...),
            // recursion (?R) (?1) (?&name), callouts (?C...), (?P=name) (?P>name).
            isUnderstood = false
            advance()
            while let scalar = peek, scalar.properties.isAlphabetic || scalar == "-" || scalar == "^" { advance() }
            if peek == ")" {
                advance()
            } else {
                if peek == ":" || peek == "|" { advance() }
                _ = parseAlternation()
                close()
            }
            return .opaque(text: text(from: start), example: nil)
        }
    }

    private mutating func namedCapture(terminator: Unicode.Scalar) -> PatternNode {
        let name = readName(until: terminator)
        let inner = parseAlternation()
        close()
        return .capture(name: name, inner)
    }

    /// Consumes a group's `)`; a missing one (PCRE2 reports it) leaves the parse unreliable.
    private mutating func close() {
        if peek == ")" { advance() } else { isUnderstood = false }
    }

    private mutating func skipPast(_ terminator: Unicode.Scalar) {
        while let scalar = peek, scalar != terminator { advance() }
        if peek == terminator { advance() } else { isUnderstood = false }
    }

    private mutating func readName(until terminator: Unicode.Scalar) -> String {
        var name = ""
        while let scalar = peek, scalar != terminator {
            name.unicodeScalars.append(scalar)
            advance()
        }
        if peek == terminator { advance() } else { isUnderstood = false }
        return name
    }

    private mutating func parseClass() -> PatternNode {
        let start = index
        advance()
        var negated = false
        if peek == "^" {
            negated = true
            advance()
        }
        var first: Character?
        var isFirstMember = true
        while let scalar = peek, scalar != "]" || isFirstMember {
            isFirstMember = false
            if scalar == "[", peek(1) == ":" {
                skipPast("]")
                if first == nil { first = "a" }
                continue
            }
            if scalar == "\\" {
                if peek(1) == "Q" || peek(1) == "E" { isUnderstood = false }
                if first == nil, let escaped = peek(1) { first = Self.exampleForClassEscape(escaped) }
                advance(2)
                continue
            }
            if first == nil { first = Character(scalar) }
            advance()
        }
        if peek == "]" { advance() } else { isUnderstood = false }
        return .opaque(text: text(from: start), example: negated ? nil : first.map(String.init))
    }

    private static func exampleForClassEscape(_ escaped: Unicode.Scalar) -> Character? {
        switch escaped {
        case "d": "0"
        case "w": "a"
        case "s": " "
        default: escaped.properties.isAlphabetic || escaped.properties.numericType != nil ? nil : Character(escaped)
        }
    }

    private mutating func parseEscape() -> PatternNode {
        let start = index
        advance()
        guard let escaped = peek else {
            isUnderstood = false
            return .opaque(text: "\\", example: nil)
        }
        advance()
        switch escaped {
        case "0":
            // \0, \0d, \0dd: octal.
            var digits = "0"
            while digits.count < 3, let digit = peek, ("0"..."7").contains(digit) {
                digits.unicodeScalars.append(digit)
                advance()
            }
            return scalarLiteral(UInt32(digits, radix: 8))
        case "x":
            if peek == "{" {
                advance()
                return scalarLiteral(UInt32(readName(until: "}"), radix: 16))
            }
            var hex = ""
            while hex.count < 2, let digit = peek, digit.properties.isASCIIHexDigit {
                hex.unicodeScalars.append(digit)
                advance()
            }
            return scalarLiteral(hex.isEmpty ? 0 : UInt32(hex, radix: 16))
        case "o":
            guard peek == "{" else { return notUnderstood(from: start) }
            advance()
            return scalarLiteral(UInt32(readName(until: "}"), radix: 8))
        case "n": return .literal("\n")
        case "t": return .literal("\t")
        case "r": return .literal("\r")
        case "f": return .literal("\u{0C}")
        case "e": return .literal("\u{1B}")
        case "a": return .literal("\u{07}")
        case "Q":
            var text = ""
            while let scalar = peek {
                if scalar == "\\", peek(1) == "E" {
                    advance(2)
                    break
                }
                text.unicodeScalars.append(scalar)
                advance()
            }
            return .literal(text)
        case "E": return .literal("")
        case "d": return .opaque(text: "\\d", example: "0")
        case "w": return .opaque(text: "\\w", example: "a")
        case "s": return .opaque(text: "\\s", example: " ")
        case "h": return .opaque(text: "\\h", example: " ")
        case "b", "B", "A", "z", "Z", "G", "K":
            return .opaque(text: text(from: start), example: "")
        case "p", "P":
            if peek == "{" { _ = readName(until: "}") } else { advance() }
            return .opaque(text: text(from: start), example: nil)
        case "c":
            advance()  // the control character's letter
            return .opaque(text: text(from: start), example: nil)
        case "g", "k":
            if let open = peek, open == "{" || open == "<" || open == "'" {
                advance()
                _ = readName(until: open == "{" ? "}" : open == "<" ? ">" : "'")
            } else {
                while let digit = peek, digit.properties.numericType != nil || digit == "-" || digit == "+" { advance() }
            }
            return .opaque(text: text(from: start), example: nil)
        case "N":
            if peek == "{" { return notUnderstood(from: start) }
            return .opaque(text: "\\N", example: "a")
        default:
            if ("1"..."9").contains(escaped) {
                // A back-reference, or an octal escape: PCRE2 decides by the number of groups.
                while let digit = peek, ("0"..."9").contains(digit) { advance() }
                return notUnderstood(from: start)
            }
            if escaped.isASCII, escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) {
                return .opaque(text: text(from: start), example: nil)
            }
            return .literal(String(escaped))
        }
    }

    private mutating func notUnderstood(from start: Int) -> PatternNode {
        isUnderstood = false
        return .opaque(text: text(from: start), example: nil)
    }

    private mutating func scalarLiteral(_ value: UInt32?) -> PatternNode {
        guard let value, let scalar = Unicode.Scalar(value) else {
            isUnderstood = false
            return .opaque(text: "\\", example: nil)
        }
        return .literal(String(scalar))
    }

    /// Reads `?`, `*`, `+` or `{n}`, `{n,}`, `{n,m}` (with a lazy or possessive marker); anything
    /// else, a `{` that is not a quantifier included, is left alone.
    private mutating func parseQuantifier() -> (Int, Int?)? {
        guard let scalar = peek else { return nil }
        var bounds: (Int, Int?)
        switch scalar {
        case "?": bounds = (0, 1); advance()
        case "*": bounds = (0, nil); advance()
        case "+": bounds = (1, nil); advance()
        case "{":
            var probe = index + 1
            var low = "", high = ""
            var sawComma = false
            while probe < scalars.count, scalars[probe] != "}" {
                let digit = scalars[probe]
                if digit == "," && !sawComma {
                    sawComma = true
                } else if ("0"..."9").contains(digit), low.count < 6, high.count < 6 {
                    if sawComma { high.unicodeScalars.append(digit) } else { low.unicodeScalars.append(digit) }
                } else {
                    return nil
                }
                probe += 1
            }
            guard probe < scalars.count, let minimum = Int(low) else { return nil }
            bounds = (minimum, sawComma ? Int(high) : minimum)
            index = probe + 1
        default:
            return nil
        }
        if let mode = peek, mode == "?" || mode == "+" { advance() }  // lazy or possessive
        return bounds
    }
}
