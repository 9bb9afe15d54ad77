import SeededRandom
import Testing
import ZSchemaRuntime

/// The byte-level automaton must answer exactly as PCRE2 does, for every pattern it accepts.
@Suite("FramePattern engines")
struct FramePatternEngineTests {
    /// Patterns the automaton takes, the schemas' own first; each is compared with PCRE2.
    static let automatonPatterns = [
        "(?<symbol>[A-Z][A-Z0-9]+)", #"[^\037]+"#, #"(?<user>\w+)"#, "",
        "[A-Z]*[A-Z]", "a?a?a?aaa", #"[\w-]+"#, #"\d{2,4}"#, "[[:alpha:]]+", "[]a]+", "[^]a]",
        "x{0}a", #"\.\d+"#, ".*", "[a-c]{3,}?", "()", #"\s+"#, #"[\x41-\x5A]{1,3}"#, #"\h\v?"#,
        "(?P<word>[[:upper:]][[:lower:]]*)", "(?'n'[0-9]{3})", "(a*)", "-9_", #"[\d\s]{0,2}Z"#,
        #"\W\D\S"#, "[^[:alnum:]]{2}", "a{2,}", "[A-Za-z0-9_.-]{1,4}",
    ]

    /// Patterns it must leave to PCRE2, because their meaning is not a plain class sequence.
    static let pcre2Patterns = [
        "a|b", "(a)(b)", "^a", "a$", "a*+a", "(?i)a", #"\bA"#, "(?<x>a)b", "(?:ab)+", #"(\w)\1"#,
        "a{,3}", #"\Qa\E"#, "[[a]", "(*UTF)a", "a{70}", "[ab]{1,100}", "é+", #"\p{Lu}"#, "(?<x>a)|b",
    ]

    /// Every string of up to four symbols from an alphabet with the characters the patterns care
    /// about, plus a two-byte letter and a byte that is never UTF-8.
    static let subjects: [[UInt8]] = {
        let alphabet: [[UInt8]] = [
            [0x41], [0x5A], [0x61], [0x30], [0x39], [0x5F], [0x2D], [0x0A], [0x20], [0x1F], [0x2E], [0xC3, 0xA9], [0xFF],
        ]
        var all: [[UInt8]] = [[]]
        var previous: [[UInt8]] = [[]]
        for _ in 1...4 {
            previous = previous.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += previous
        }
        return all
    }()

    @Test("simple patterns get the automaton; the others stay with PCRE2", arguments: automatonPatterns)
    func automatonChosen(pattern: String) throws {
        #expect(try FramePattern(pattern).usesASCIIAutomaton)
        #expect(try !FramePattern(pattern, engine: .pcre2).usesASCIIAutomaton)
    }

    @Test("patterns outside the automaton's shape stay with PCRE2", arguments: pcre2Patterns)
    func pcre2Kept(pattern: String) throws {
        #expect(try !FramePattern(pattern).usesASCIIAutomaton)
    }

    @Test("the automaton agrees with PCRE2 on every subject", arguments: automatonPatterns)
    func agreement(pattern: String) throws {
        let fast = try FramePattern(pattern)
        let reference = try FramePattern(pattern, engine: .pcre2)
        var disagreements: [String] = []
        for subject in Self.subjects {
            subject.withUnsafeBytes { bytes in
                let expected = reference.test(bytes)
                if fast.test(bytes) != expected { disagreements.append("test \(subject)") }
                if fast.captures(bytes) != reference.captures(bytes) { disagreements.append("captures \(subject)") }
                if fast.captureCount == 1, fast.capture(bytes, group: 1) != reference.capture(bytes, group: 1) {
                    disagreements.append("capture \(subject)")
                }
            }
        }
        let firstDisagreements = Array(disagreements.prefix(5))
        #expect(firstDisagreements == [], "\(pattern): \(disagreements.count) disagreements")
    }

    @Test("a longer frame: tens of thousands of characters, then one bad one at the end")
    func longFrames() throws {
        let fast = FramePattern(generated: "(?<symbol>[A-Z][A-Z0-9]+)")
        let long = [UInt8](repeating: UInt8(ascii: "Q"), count: 50_000)
        #expect(long.withUnsafeBytes { fast.test($0) } == .matched)
        #expect((long + [UInt8(ascii: "a")]).withUnsafeBytes { fast.test($0) } == .noMatch)
        // A mismatch early on, but invalid UTF-8 later: PCRE2's verdict (invalid UTF-8) wins.
        #expect((Array("a".utf8) + long + [0xFF]).withUnsafeBytes { fast.test($0) } == .invalidUTF8)
    }

    /// Random patterns of the automaton's shape (classes, escapes, literals and `.` with every
    /// kind of quantifier, sometimes wrapped in a named group) against random subjects that
    /// mostly come close to matching: a differential test against PCRE2.
    @Test("random class-sequence patterns agree with PCRE2 on random subjects")
    func randomPatterns() throws {
        var random = SplitMix64(seed: 2026_11_25)
        let atoms = ["a", "b", "Z", "-", "_", ".", #"\d"#, #"\w"#, #"\s"#, #"\W"#, #"\."#, "[a-c]", "[^a]", "[A-Z0-9]", #"[\d_]"#, "[[:alpha:]]", "[]b]"]
        let quantifiers = ["", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{1,3}?", "*?"]
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x5A], [0x2D], [0x5F], [0x2E], [0x35], [0x20], [0x0A], [0x00], [0xC3, 0xA9], [0xFF]]
        var checked = 0
        for _ in 0..<300 {
            var pattern = (0..<Int(1 + random.next() % 4)).map { _ in
                atoms[Int(random.next() % UInt64(atoms.count))] + quantifiers[Int(random.next() % UInt64(quantifiers.count))]
            }.joined()
            if random.next() % 3 == 0 { pattern = "(?<field>\(pattern))" }
            let fast = try FramePattern(pattern)
            let reference = try FramePattern(pattern, engine: .pcre2)
            guard fast.usesASCIIAutomaton else {
                Issue.record("\(pattern) should get the automaton")
                continue
            }
            for _ in 0..<200 {
                let subject = (0..<Int(random.next() % 7)).flatMap { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                subject.withUnsafeBytes { bytes in
                    #expect(fast.test(bytes) == reference.test(bytes), "\(pattern) on \(subject)")
                    if fast.captureCount == 1 {
                        #expect(fast.capture(bytes, group: 1) == reference.capture(bytes, group: 1), "\(pattern) on \(subject)")
                    }
                }
                checked += 1
            }
        }
        #expect(checked == 60_000)
    }
}
