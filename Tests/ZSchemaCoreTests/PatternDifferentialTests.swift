import SeededRandom
import Testing

@testable import ZSchemaCore

/// A random PCRE2 pattern that knows how to draw strings it matches, so that what the checker
/// derives from a pattern can be compared with what PCRE2 does with it.
indirect enum GeneratedPattern {
    /// One character, escaped where PCRE2 needs it.
    case character(Character)
    /// `\Q...\E`.
    case quoted([Character])
    /// A class or `.`, with characters it matches.
    case characterClass(String, members: [Character])
    case group(GeneratedPattern)
    case capture(name: String?, GeneratedPattern)
    case sequence([GeneratedPattern])
    case alternation([GeneratedPattern])
    /// `min`...`max` repeats (`max` nil: unbounded), with PCRE2's spelling and an optional lazy mark.
    case quantified(GeneratedPattern, min: Int, max: Int?, spelling: String)

    var text: String {
        switch self {
        case .character(let character):
            return "\\^$.[]|()?*+{}".contains(character) ? "\\\(character)" : character == "\u{1F}" ? "\\037" : String(character)
        case .quoted(let characters): return "\\Q" + String(characters) + "\\E"
        case .characterClass(let text, _): return text
        case .group(let inner): return "(?:" + inner.text + ")"
        case .capture(let name?, let inner): return "(?<\(name)>" + inner.text + ")"
        case .capture(nil, let inner): return "(" + inner.text + ")"
        case .sequence(let items):
            return items.map { item in
                if case .alternation = item { "(?:" + item.text + ")" } else { item.text }
            }.joined()
        case .alternation(let branches): return branches.map(\.text).joined(separator: "|")
        case .quantified(let inner, _, _, let spelling): return inner.text + spelling
        }
    }

    /// A string the pattern matches.
    func sample(_ random: inout SplitMix64) -> String {
        switch self {
        case .character(let character): return String(character)
        case .quoted(let characters): return String(characters)
        case .characterClass(_, let members): return String(members.randomElement(using: &random)!)
        case .group(let inner), .capture(_, let inner): return inner.sample(&random)
        case .sequence(let items): return items.map { $0.sample(&random) }.joined()
        case .alternation(let branches): return branches.randomElement(using: &random)!.sample(&random)
        case .quantified(let inner, let min, let max, _):
            let count = Int.random(in: min...Swift.min(max ?? min + 2, min + 2), using: &random)
            if case .quoted(let characters) = inner {
                // A quantifier after \Q...\E repeats its last character only.
                return String(characters.dropLast()) + String(repeating: String(characters.last!), count: count)
            }
            return (0..<count).map { _ in inner.sample(&random) }.joined()
        }
    }

    static func random(_ random: inout SplitMix64, depth: Int = 0, names: inout Int) -> GeneratedPattern {
        let choice = Int.random(in: 0..<(depth > 2 ? 4 : 10), using: &random)
        switch choice {
        case 0, 1: return .character(Self.characters.randomElement(using: &random)!)
        case 2: return .quoted((0..<Int.random(in: 1...3, using: &random)).map { _ in Self.quotable.randomElement(using: &random)! })
        case 3:
            let (text, members) = Self.classes.randomElement(using: &random)!
            return .characterClass(text, members: members)
        case 4, 5:
            return .sequence((0..<Int.random(in: 2...4, using: &random)).map { _ in Self.random(&random, depth: depth + 1, names: &names) })
        case 6:
            return .alternation((0..<Int.random(in: 2...3, using: &random)).map { _ in Self.random(&random, depth: depth + 1, names: &names) })
        case 7:
            names += 1
            let name = Bool.random(using: &random) ? "c\(names)" : nil
            return .capture(name: name, Self.random(&random, depth: depth + 1, names: &names))
        case 8:
            return .group(Self.random(&random, depth: depth + 1, names: &names))
        default:
            let (min, max, spelling) = Self.quantifiers.randomElement(using: &random)!
            var inner = Self.random(&random, depth: depth + 1, names: &names)
            // Only a single item can be quantified; wrap anything longer.
            switch inner {
            case .sequence, .alternation, .quantified: inner = .group(inner)
            default: break
            }
            return .quantified(inner, min: min, max: max, spelling: spelling + (Bool.random(using: &random) ? "?" : ""))
        }
    }

    static let characters: [Character] = ["a", "b", "Z", "0", "-", "é", " ", "\u{1F}", ".", "{", "*", "}"]
    static let quotable: [Character] = ["a", "b", ".", "*", "(", "{", "é", "|"]
    static let classes: [(String, [Character])] = [
        ("[a-c]", ["a", "b", "c"]), ("[^x]", ["a", "y", "é", "-"]), (#"\d"#, ["0", "7"]), (#"\w"#, ["a", "Q", "_", "é"]),
        ("[[:digit:]]", ["3"]), (#"[\037-]"#, ["\u{1F}", "-"]), (".", ["a", "-", "é"]), (#"[^\037]"#, ["a", " "]),
    ]
    static let quantifiers: [(Int, Int?, String)] = [
        (0, 1, "?"), (0, nil, "*"), (1, nil, "+"), (2, 2, "{2}"), (1, 3, "{1,3}"), (2, nil, "{2,}"), (0, 0, "{0}"),
    ]
}

@Suite("Patterns against PCRE2")
struct PatternDifferentialTests {
    /// Prefixes that change how PCRE2 reads what follows, with what they do to samples.
    static let prefixes: [(text: String, caseless: Bool)] = [
        ("", false), ("", false), ("", false), ("(*UCP)", false), ("(?i)", true), ("(?#note)", false), ("^", false),
    ]

    @Test("whatever the analysis derives, PCRE2 agrees with", .timeLimit(.minutes(2)))
    func derivedAgreesWithPCRE2() throws {
        var random = SplitMix64(seed: 20_261_201)
        let matcher = PatternMatcher()
        var literals = 0, templates = 0, examples = 0, checked = 0
        for round in 0..<3000 {
            var names = 0
            let generated = GeneratedPattern.random(&random, names: &names)
            let prefix = Self.prefixes.randomElement(using: &random)!
            let pattern = prefix.text + generated.text + (Bool.random(using: &random) ? "" : "(?#end)")
            guard case .success(let info) = matcher.info(pattern) else { continue }
            checked += 1
            let analysis = PatternAnalysis(pattern: pattern, groupNumbers: info.groupNumbers, matcher: matcher)
            #expect(analysis.captures.map(\.name).sorted() == info.groupNumbers.keys.sorted(), "round \(round): \(pattern)")
            let samples = (0..<12).map { _ in
                var text = generated.sample(&random)
                if prefix.caseless { text = String(text.map { Bool.random(using: &random) ? Character($0.uppercased()) : $0 }) }
                return text
            }
            for sample in samples {
                // The generator's own claim, so that a wrong sampler cannot hide a wrong analysis.
                try #require(matcher.matches(pattern, sample) == true, "round \(round): \(pattern) should match \(sample.debugDescription)")
            }
            if let literal = analysis.literal {
                literals += 1
                #expect(matcher.matches(pattern, literal) == true, "round \(round): \(pattern) does not match its constant \(literal.debugDescription)")
                for sample in samples {
                    #expect(
                        sample == literal,
                        "round \(round): \(pattern) is taken as the constant \(literal.debugDescription) but also matches \(sample.debugDescription)")
                }
            }
            if let example = analysis.example {
                examples += 1
                #expect(matcher.matches(pattern, example) == true, "round \(round): \(pattern) does not match its example \(example.debugDescription)")
            }
            if let template = analysis.template {
                templates += 1
                for sample in samples {
                    guard case .matched(let groups) = matcher.match(pattern, sample) else { continue }
                    #expect(Self.fill(template, groups) == sample, "round \(round): \(pattern)'s template rebuilds \(sample.debugDescription) wrongly")
                }
            }
        }
        // The generator reaches every kind of derivation.
        #expect(checked > 2500)
        #expect(literals > 100)
        #expect(templates > 300)
        #expect(examples > 1000)
    }

    @Test("patterns the checker calls disjoint share no text", .timeLimit(.minutes(1)))
    func disjointPatternsShareNothing() {
        var random = SplitMix64(seed: 7)
        let matcher = PatternMatcher()
        let shapes = FrameShape(matcher: matcher)
        var disjoint = 0
        for _ in 0..<1500 {
            var names = 0
            let (a, b) = (GeneratedPattern.random(&random, names: &names), GeneratedPattern.random(&random, names: &names))
            let frames = [a, b].map { pattern -> Frame in
                let kind = FrameKind.text(TextPattern(source: pattern.text, pcre: pattern.text, captures: [], template: nil, example: nil))
                return Frame(name: nil, kind: kind, repetition: .once, location: SourceLocation(file: "t", line: 1, column: 1))
            }
            guard case .success = matcher.info(a.text), case .success = matcher.info(b.text) else { continue }
            guard !shapes.mayOverlap([frames[0]], [frames[1]]) else { continue }
            disjoint += 1
            for _ in 0..<10 {
                let (x, y) = (a.sample(&random), b.sample(&random))
                #expect(matcher.matches(b.text, x) == false, "\(a.text) and \(b.text) are called disjoint, yet both match \(x.debugDescription)")
                #expect(matcher.matches(a.text, y) == false, "\(a.text) and \(b.text) are called disjoint, yet both match \(y.debugDescription)")
            }
        }
        #expect(disjoint > 100)
    }

    /// The text a template gives for the captured groups of a match.
    static func fill(_ parts: [TemplatePart], _ groups: [String?]) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .capture(_, let group):
                guard group <= groups.count, let value = groups[group - 1] else { return nil }
                text += value
            case .optional(let inner, _):
                if let innerText = fill(inner, groups) { text += innerText }
            }
        }
        return text
    }
}
