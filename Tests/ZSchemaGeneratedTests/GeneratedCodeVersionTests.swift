import Testing
import ZSchemaRuntime

/// Code generated for version 1 of the runtime checked a string frame with `validate`, then
/// appended it; the runtime keeps both, and the version 1 marker, so such code still compiles
/// and behaves the same.
@Suite("Generated code versions")
struct GeneratedCodeVersionTests {
    private typealias Version1 = ZSchemaGeneratedCodeVersion1
    private typealias Version2 = ZSchemaGeneratedCodeVersion2

    /// The encoder a version 1 generator wrote for tickz's Tick.
    private func encodeTheVersion1Way(_ tick: Tick) throws -> [[UInt8]] {
        var writer = ByteFramesWriter()
        try Tick.pattern1.validate(tick.symbol, expected: [], message: Tick.messageName, field: "symbol")
        writer.append(string: tick.symbol)
        writer.append(double: tick.timestamp)
        writer.append(double: tick.price)
        return writer.frames
    }

    @Test("version 1 encoding gives the frames version 2 does, and rejects what it rejects")
    func version1Encoding() throws {
        let tick = Tick(symbol: "BRK2", timestamp: 3, price: 4.5)
        #expect(try encodeTheVersion1Way(tick) == (try tick.encode()).frames)
        let bad = Tick(symbol: "brk", timestamp: 3, price: 4.5)
        let old = #expect(throws: MessageEncodingError.self) { try encodeTheVersion1Way(bad) }
        let new = #expect(throws: MessageEncodingError.self) { try bad.encode() }
        #expect(old?.description == new?.description)
    }
}
