import Testing
import ZSchemaRuntime

@Suite("FrameReader")
struct FrameReaderTests {
    enum Level: UInt16 { case low = 1, high = 0x0102 }

    @Test("reads every frame kind big-endian, in order")
    func readsInOrder() throws {
        let frames: [[UInt8]] = [[0x01, 0x02], [1], [0xff, 0xfe], Array("ok".utf8), [9, 9], [0x3f, 0x80, 0, 0], [7]]
        var reader = try FrameReader(frames, message: "M", frameCount: 7...7)
        #expect(try reader.enumeration(Level.self, field: "level") == .high)
        #expect(try reader.bool(field: "flag") == true)
        #expect(try reader.integer(Int16.self, field: "delta") == -2)
        #expect(try reader.string(field: "name") == "ok")
        #expect(try reader.bytes(field: "raw") == [9, 9])
        #expect(try reader.float(field: "ratio") == 1.0)
        #expect(reader.remaining == 1)
        try reader.constant([7], field: nil)
        #expect(reader.remaining == 0)
    }

    @Test("booleans other than 0 and 1, bad UTF-8 and unknown enum values are errors at their frame")
    func errors() throws {
        var reader = try FrameReader([[2], [0xc3, 0x28], [0, 3]] as [[UInt8]], message: "M", frameCount: 3...3)
        #expect(throws: MessageDecodingError(message: "M", frame: 0, field: "flag", reason: .invalidBool(2))) {
            try reader.bool(field: "flag")
        }
        var second = try FrameReader([[0xc3, 0x28]] as [[UInt8]], message: "M", frameCount: 1...1)
        #expect(throws: MessageDecodingError(message: "M", frame: 0, field: "name", reason: .invalidUTF8)) {
            try second.string(field: "name")
        }
        var third = try FrameReader([[0, 3]] as [[UInt8]], message: "M", frameCount: 1...1)
        #expect(throws: MessageDecodingError(message: "M", frame: 0, field: "level", reason: .unknownEnumValue(3))) {
            try third.enumeration(Level.self, field: "level")
        }
        #expect(throws: MessageDecodingError(message: "M", frame: nil, field: nil, reason: .frameCount(expected: 2...Int.max, actual: 1))) {
            try FrameReader([[1]] as [[UInt8]], message: "M", frameCount: 2...Int.max)
        }
    }

    @Test("error descriptions say where and why")
    func descriptions() {
        let error = MessageDecodingError(message: "Tick", frame: 1, field: "timestamp", reason: .frameSize(expected: 8, actual: 7))
        #expect(error.description == "Tick frame 1 (timestamp): expected 8 bytes, got 7")
        let constant = MessageDecodingError(message: "Exit", frame: 0, field: "command", reason: .constantMismatch(expected: [1], actual: [0]))
        #expect(constant.description == "Exit frame 0 (command): expected constant 0x01, got 0x00")
    }
}
