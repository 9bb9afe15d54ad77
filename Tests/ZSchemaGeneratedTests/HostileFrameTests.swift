import SeededRandom
import Testing
import ZSchemaRuntime

/// Decoders meet random frame lists: each either decodes a value that re-encodes to the same
/// frames or throws a ``MessageDecodingError``; nothing crashes.
@Suite("Hostile frames")
struct HostileFrameTests {
    private func check<M: ZSchemaMessage & Equatable>(_ type: M.Type, _ frames: [[UInt8]]) -> Bool {
        do {
            let message = try M(frames: frames)
            #expect(try message.encode().frames == frames, "\(M.self) decoded \(frames) but re-encodes differently")
            return true
        } catch {
            return false
        }
    }

    @Test("random frames are decoded exactly or rejected", .timeLimit(.minutes(1)))
    func randomFrames() {
        var random = SplitMix64(seed: 42)
        let pieces: [[UInt8]] = [
            [], [0], [1], [2], Array("AAPL".utf8), Array("bob".utf8), Array("bob\u{1F}hi".utf8), [0xff, 0xfe], Array(repeating: 0x41, count: 8), [0xc3, 0xa9],
        ]
        var decoded = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...5, using: &random)
            let frames: [[UInt8]] = (0..<count).map { _ in
                Bool.random(using: &random)
                    ? pieces.randomElement(using: &random) ?? []
                    : (0..<Int.random(in: 0...9, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            for outcome in [
                check(Tick.self, frames), check(Order.self, frames), check(ChatRequest.self, frames),
                check(UserList.self, frames), check(ReadyOrValuation.self, frames), check(Exit.self, frames),
            ] where outcome {
                decoded += 1
            }
        }
        #expect(decoded > 100)
    }
}
