import Testing
import ZSchemaRuntime

@Suite("Generated tickz code")
struct TickTests {
    @Test("a Tick encodes to three big-endian frames and decodes back")
    func bufferRoundTrip() throws {
        let tick = Tick(symbol: "AAPL", timestamp: 1_700_000_000.25, price: 189.5)
        let frames = try tick.encode()
        #expect(frames.count == 3)
        #expect(frames[0] == Array("AAPL".utf8))
        #expect(frames[1] == withUnsafeBytes(of: (1_700_000_000.25).bitPattern.bigEndian, Array.init))
        #expect(frames[2] == withUnsafeBytes(of: (189.5).bitPattern.bigEndian, Array.init))
        #expect(try Tick(frames: frames) == tick)
    }
}
