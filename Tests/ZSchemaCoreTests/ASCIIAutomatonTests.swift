import SeededRandom
import Testing

@testable import ZSchemaCore

/// The IR's ASCII automata must give PCRE2's answer on every all-ASCII text, since backends
/// check frames with them instead of a regex engine.
@Suite("ASCII automata in the IR")
struct ASCIIAutomatonTests {
    /// Patterns of the automaton's shape, in PCRE2 syntax.
    static let shaped = [
        "(?<symbol>[A-Z][A-Z0-9]+)", #"[^\037]+"#, #"(?<user>\w+)"#, "", "[A-Z]*[A-Z]", "a?a?a?aaa", #"[\w-]+"#,
        #"\d{2,4}"#, "[[:alpha:]]+", "[]a]+", "[^]a]", "x{0}a", #"\.\d+"#, ".*", "[a-c]{3,}?", #"\s+"#,
        #"[\x41-\x5A]{1,3}"#, "(?'n'[0-9]{3})", "(a*)", "-9_", #"[\d\s]{0,2}Z"#, #"\W\D\S"#, "[^[:alnum:]]{2}",
    ]

    /// Patterns whose meaning is not a plain class sequence: no automaton.
    static let unshaped = ["a|b", "(a)(b)", "^a", "a*+a", "(?i)a", #"\bA"#, "(?<x>a)b", "(?:ab)+", #"(\w)\1"#, "a{70}", "[ab]{1,300}", "é+"]

    /// Runs `automaton` on `text` as the IR describes: from state 1, a byte on no arc to state 0.
    static func accepts(_ automaton: ASCIIAutomaton, _ text: [UInt8]) -> Bool {
        var state = 1
        for byte in text {
            let arc = automaton.states[state].arcs.first { arc in arc.bytes.contains { $0.first <= byte && byte <= $0.last } }
            state = arc?.target ?? 0
        }
        return automaton.states[state].isAccepting
    }

    static func automaton(_ pattern: String, _ matcher: PatternMatcher) throws -> ASCIIAutomaton? {
        let info = try matcher.info(pattern).get()
        return ASCIIAutomaton(pattern: pattern, captureCount: info.captureCount, matcher: matcher)
    }

    /// Every text of up to four characters from an alphabet with the characters the patterns
    /// care about.
    static let texts: [[UInt8]] = {
        let alphabet = Array("AZa09_- \u{1F}.\n]".utf8)
        var all: [[UInt8]] = [[]]
        var previous: [[UInt8]] = [[]]
        for _ in 1...4 {
            previous = previous.flatMap { prefix in alphabet.map { prefix + [$0] } }
            all += previous
        }
        return all
    }()

    @Test("shaped patterns get an automaton that agrees with PCRE2 on every text", arguments: shaped)
    func agreement(pattern: String) throws {
        let matcher = PatternMatcher()
        let automaton = try #require(try Self.automaton(pattern, matcher))
        #expect(automaton.states[0].arcs.isEmpty && !automaton.states[0].isAccepting)
        var disagreements: [String] = []
        for text in Self.texts {
            let subject = String(decoding: text, as: UTF8.self)
            if Self.accepts(automaton, text) != matcher.matches(pattern, subject) { disagreements.append(subject.debugDescription) }
        }
        #expect(Array(disagreements.prefix(5)) == [], "\(pattern): \(disagreements.count) disagreements")
    }

    @Test("other patterns get none", arguments: unshaped)
    func noAutomaton(pattern: String) throws {
        #expect(try Self.automaton(pattern, PatternMatcher()) == nil)
    }

    @Test("random class-sequence patterns agree with PCRE2 on random texts")
    func randomPatterns() throws {
        var random = SplitMix64(seed: 2026_12_03)
        let atoms = ["a", "b", "Z", "-", "_", ".", #"\d"#, #"\w"#, #"\s"#, #"\W"#, #"\."#, "[a-c]", "[^a]", "[A-Z0-9]", #"[\d_]"#, "[[:alpha:]]", "[]b]"]
        let quantifiers = ["", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{1,3}?", "*?"]
        let alphabet = Array("abZ-_.5 \n\u{0}".utf8)
        let matcher = PatternMatcher()
        var checked = 0
        for _ in 0..<200 {
            var pattern = (0..<Int(1 + random.next() % 4)).map { _ in
                atoms[Int(random.next() % UInt64(atoms.count))] + quantifiers[Int(random.next() % UInt64(quantifiers.count))]
            }.joined()
            if random.next() % 3 == 0 { pattern = "(?<field>\(pattern))" }
            guard let automaton = try Self.automaton(pattern, matcher) else {
                Issue.record("\(pattern) should get an automaton")
                continue
            }
            for _ in 0..<100 {
                let text = (0..<Int(random.next() % 7)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                let subject = String(decoding: text, as: UTF8.self)
                #expect(Self.accepts(automaton, text) == matcher.matches(pattern, subject), "\(pattern) on \(subject.debugDescription)")
                checked += 1
            }
        }
        #expect(checked == 20_000)
    }

    @Test("the compiled IR carries tickz's automaton")
    func inTheIR() throws {
        let compilation = Compilation.check(try projectSchemas())
        let tick = try #require(compilation.ir.messages.first { $0.name == "Tick" })
        guard case .text(let pattern) = tick.frames[0].kind else {
            Issue.record("Tick's first frame is not text")
            return
        }
        let automaton = try #require(pattern.asciiAutomaton)
        #expect(Self.accepts(automaton, Array("AAPL".utf8)))
        #expect(!Self.accepts(automaton, Array("aapl".utf8)))
        #expect(!Self.accepts(automaton, Array("A".utf8)))
    }
}
