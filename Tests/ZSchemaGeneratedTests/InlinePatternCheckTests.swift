import SeededRandom
import Testing
import ZSchemaRuntime

/// The checks the generator writes inline for small ASCII automata must accept exactly the
/// all-ASCII frames PCRE2 matches, and leave everything else (non-ASCII text, invalid UTF-8) to
/// the pattern, so decoding and encoding answer as PCRE2 alone would.
@Suite("Inline pattern checks")
struct InlinePatternCheckTests {
    /// A generated check with the pattern it stands for.
    struct Case: CustomStringConvertible, Sendable {
        let owner: String
        let accepts: @Sendable (UnsafeRawBufferPointer) -> Bool
        let pattern: String
        var description: String { owner }
    }

    /// Every check in the four systems' generated code.
    static let cases = [
        Case(owner: "Tick", accepts: Tick.Pattern1Check.accepts, pattern: Tick.pattern1.pattern),
        Case(owner: "TickzClient.Subscription", accepts: TickzClient.Subscription.Pattern1Check.accepts, pattern: TickzClient.Subscription.pattern1.pattern),
        Case(owner: "UserList", accepts: UserList.Pattern1Check.accepts, pattern: UserList.pattern1.pattern),
        Case(owner: "Order", accepts: Order.Pattern1Check.accepts, pattern: Order.pattern1.pattern),
        Case(owner: "NumberedOrder", accepts: NumberedOrder.Pattern2Check.accepts, pattern: NumberedOrder.pattern2.pattern),
        Case(owner: "Valuation", accepts: Valuation.Pattern1Check.accepts, pattern: Valuation.pattern1.pattern),
        Case(owner: "NumberedValuation", accepts: NumberedValuation.Pattern2Check.accepts, pattern: NumberedValuation.pattern2.pattern),
    ]

    /// Every frame of up to four symbols from an alphabet with the bytes the patterns care about,
    /// a two-byte letter, a byte that is never UTF-8, and controls.
    static let subjects: [[UInt8]] = {
        let alphabet: [[UInt8]] = [[0x41], [0x5A], [0x61], [0x7A], [0x30], [0x39], [0x5F], [0x20], [0x1F], [0x7F], [0x00], [0xC3, 0xA9], [0xFF]]
        var all: [[UInt8]] = [[]]
        var previous: [[UInt8]] = [[]]
        for _ in 1...4 {
            previous = previous.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += previous
        }
        return all
    }()

    @Test("each check accepts exactly the all-ASCII frames PCRE2 matches", arguments: cases)
    func agreesWithPCRE2(check: Case) throws {
        let reference = try FramePattern(check.pattern, engine: .pcre2)
        var random = SplitMix64(seed: 2026_12_03)
        // The exhaustive short frames, then long random ones that mostly come close to matching.
        let long = (0..<2_000).map { _ in
            (0..<Int(5 + random.next() % 60)).map { index -> UInt8 in
                let roll = random.next() % 100
                if roll < 8 { return [0xC3, 0x61, 0x5F][Int(roll % 3)] }
                return index == 0 || roll < 60 ? UInt8(0x41 + random.next() % 26) : UInt8(0x30 + random.next() % 10)
            }
        }
        var disagreements: [[UInt8]] = []
        var accepted = 0
        for subject in Self.subjects + long {
            subject.withUnsafeBytes { bytes in
                let expected = subject.allSatisfy { $0 < 0x80 } && reference.test(bytes) == .matched
                let verdict = check.accepts(bytes)
                if verdict != expected { disagreements.append(subject) }
                if verdict { accepted += 1 }
            }
        }
        #expect(Array(disagreements.prefix(5)) == [], "\(check.pattern): \(disagreements.count) disagreements")
        // A check that accepted nothing would agree only on paper.
        #expect(accepted > 100)
    }

    @Test("a frame the check leaves alone still decodes and encodes as PCRE2 says")
    func fallbackToThePattern() throws {
        // `\w` matches letters beyond ASCII (PCRE2_UCP): the inline check says no, the pattern yes.
        let users = UserList(usr: ["zoë", "Σωκράτης", "ann"])
        #expect(try UserList(frames: users.encode()) == users)
        // Not UTF-8 at all, and a non-ASCII symbol outside `[A-Z]`: the pattern's verdicts.
        let invalid = #expect(throws: MessageDecodingError.self) {
            try UserList(frames: [[0x61, 0xFF]] as FrameBuffer)
        }
        #expect(invalid?.reason == .invalidUTF8)
        let outside = #expect(throws: MessageDecodingError.self) {
            try Tick(frames: [Array("ÀB".utf8), [UInt8](repeating: 0, count: 8), [UInt8](repeating: 0, count: 8)] as FrameBuffer)
        }
        #expect(outside?.reason == .patternMismatch(pattern: Tick.pattern1.pattern))
        #expect(throws: MessageEncodingError.self) { try Tick(symbol: "ÀB", timestamp: 0, price: 0).encode() }
        #expect(throws: MessageEncodingError.self) { try Tick(symbol: "A", timestamp: 0, price: 0).encode() }
    }
}
