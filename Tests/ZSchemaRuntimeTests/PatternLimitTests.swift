import Testing
import ZSchemaRuntime

/// PCRE2's limits, set on purpose: a long valid frame matches whatever it costs the JIT's stack,
/// a hostile frame is refused as too costly (its own error, never "does not match"), and an
/// ordinary mismatch stays a mismatch.
@Suite("Pattern limits")
struct PatternLimitTests {
    /// A group repeated over the whole frame: PCRE2's default JIT stack gives up at a few
    /// thousand bytes, and a frame that almost matches backtracks exponentially.
    let repeatedGroup = FramePattern(generated: #"(\w|a)+"#)

    @Test("valid frames of 5,000 and 100,000 bytes match a group repeated over the whole frame", arguments: [5_000, 100_000])
    func longValidFrames(length: Int) throws {
        #expect(repeatedGroup.test(String(repeating: "a", count: length)) == .matched)
        let text = String(repeating: "ab", count: length / 2)
        let captured = text.utf8CString.withUnsafeBytes { repeatedGroup.captures(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        #expect(try captured.get() == ["b"])
    }

    @Test("a 30-byte hostile frame is refused as too costly, not as a mismatch, and an ordinary mismatch stays one")
    func hostileFrame() throws {
        let hostile = String(repeating: "a", count: 29) + "!"
        #expect(repeatedGroup.test(hostile) == .limitExceeded)
        #expect(repeatedGroup.test("!") == .noMatch)
        #expect(repeatedGroup.test("ab!") == .noMatch)

        var reader = try FrameReader([Array(hostile.utf8)] as [[UInt8]], message: "M", frameCount: 1...1)
        let error = #expect(throws: MessageDecodingError.self) { try reader.text(matching: repeatedGroup, field: "name") }
        #expect(error?.reason == .patternLimitExceeded(pattern: #"(\w|a)+"#))
        #expect(error?.description.contains("PCRE2's limits") == true)

        let refused = #expect(throws: MessageEncodingError.self) { try repeatedGroup.validate(hostile, message: "M", field: "name") }
        #expect(refused?.reason == .patternLimitExceeded(text: hostile, pattern: #"(\w|a)+"#))
    }

    @Test("the step budget grows with the frame: short frames get little, long ones enough")
    func budget() {
        #expect(FramePattern.matchLimit(forLength: 30) < 25_000)
        #expect(FramePattern.matchLimit(forLength: 1 << 20) > 64 << 20)
        #expect(FramePattern.matchLimit(forLength: Int.max) == UInt32.max)
    }
}
