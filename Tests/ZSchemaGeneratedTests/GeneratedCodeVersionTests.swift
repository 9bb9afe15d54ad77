import Testing
import ZSchemaRuntime

/// Code generated for version 1 of the runtime checked a string frame with `validate`, then
/// appended it; code of versions 1 to 4 decoded through a `FrameReader` that holds the frames.
/// The runtime keeps all of it, and the markers, so such code still compiles and behaves the
/// same.
@Suite("Generated code versions")
struct GeneratedCodeVersionTests {
    private typealias Version1 = ZSchemaGeneratedCodeVersion1
    private typealias Version2 = ZSchemaGeneratedCodeVersion2
    private typealias Version4 = ZSchemaGeneratedCodeVersion4

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

    /// The decoder a version 4 generator wrote for tickz's Tick: a reader that holds the frames.
    private func decodeTheVersion4Way<Frames: FrameSequence>(_ frames: consuming Frames) throws(MessageDecodingError) -> Tick {
        var reader = try FrameReader(consume frames, message: Tick.messageName, frameCount: 3...3)
        let symbol = try reader.capture(Tick.pattern1, group: 1, field: "symbol", precheck: Tick.Pattern1Check.self)
        let timestamp = try reader.double(field: "timestamp")
        let price = try reader.double(field: "price")
        #expect(reader.remaining == 0 && reader.index == 3 && reader.message == "Tick")
        return Tick(symbol: symbol, timestamp: timestamp, price: price)
    }

    @Test("version 4 decoding gives the value version 5 does, and fails where it fails, with the same error")
    func version4Decoding() throws {
        let good = try Tick(symbol: "BRK2", timestamp: 3, price: 4.5).encode()
        #expect(try decodeTheVersion4Way(good) == (try Tick(frames: good)))
        let hostile: [[[UInt8]]] = [
            [Array("brk".utf8), good[1], good[2]],  // the symbol's pattern
            [good[0], good[1]],  // the frame count
            [good[0], [1, 2, 3], good[2]],  // a frame's size
            [[0xC3, 0x28], good[1], good[2]],  // not UTF-8
        ]
        for frames in hostile {
            let old = #expect(throws: MessageDecodingError.self) { try decodeTheVersion4Way(frames) }
            let new = #expect(throws: MessageDecodingError.self) { try Tick(frames: frames) }
            #expect(old != nil && old?.description == new?.description)
        }
    }
}
