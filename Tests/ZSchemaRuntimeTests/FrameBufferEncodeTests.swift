import Testing

@testable import ZSchemaRuntime

/// ``FrameBuffer/encode(_:)`` lends the encoder a writer that appends without copy on write.
/// These encoders do what a generated one never does (copy the writer, keep the copy, throw
/// half-way) to show that the buffer's value semantics hold all the same.
@Suite("FrameBuffer.encode and the writer it lends")
struct FrameBufferEncodeTests {
    /// Writes `[1, 2, 3]`, then `[4]` through a copy of the writer, and keeps that copy in
    /// ``kept`` for the test to append through after the encode has returned.
    struct KeepsWriter: ZSchemaMessage {
        static var messageName: String { "KeepsWriter" }
        /// Set by the encoder, read and cleared by ``aKeptWriterCannotChangeTheBuffer()`` alone
        /// (a message must be `Sendable`, a writer is not, so it cannot be a stored property).
        nonisolated(unsafe) static var kept: (any FrameWriter)?
        init() {}
        init<Frames: FrameSequence>(frames: borrowing Frames) throws(MessageDecodingError) {
            throw MessageDecodingError(message: Self.messageName, frame: nil, field: nil, reason: .frameCount(expected: 0...0, actual: 0))
        }
        func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
            writer.append(bytes: [1, 2, 3])
            var copy = writer
            copy.append(bytes: [4])
            Self.kept = copy
        }
    }

    /// Writes `count` frames of `size` bytes, then fails if told to.
    struct Frames: ZSchemaMessage {
        static var messageName: String { "Frames" }
        var count: Int
        var size: Int
        var fails = false
        init(count: Int, size: Int, fails: Bool = false) { (self.count, self.size, self.fails) = (count, size, fails) }
        init<Source: FrameSequence>(frames: borrowing Source) throws(MessageDecodingError) {
            (count, size) = (frames.frameCount, frames.frameCount == 0 ? 0 : frames.withFrame(at: 0) { $0.count })
        }
        func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
            for index in 0..<count { writer.append(bytes: [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: size)) }
            if fails { throw MessageEncodingError(message: Self.messageName, field: "size", reason: .patternMismatch(text: "x", pattern: "y")) }
        }
    }

    @Test("frames written through a copy of the writer are in the message; a copy kept after the encode cannot change the buffer")
    func aKeptWriterCannotChangeTheBuffer() throws {
        defer { KeepsWriter.kept = nil }
        var buffer = FrameBuffer()
        try buffer.encode(KeepsWriter())
        #expect(buffer.frames == [[1, 2, 3], [4]])
        let copy = buffer
        var kept = try #require(KeepsWriter.kept)
        for _ in 0..<100 { kept.append(bytes: [9, 9, 9, 9, 9, 9, 9, 9, 9]) }  // past the room: the kept writer grows
        #expect(buffer.frames == [[1, 2, 3], [4]] && copy == buffer)
        // The buffer is its own again: reused for the next message, it holds that message only.
        try buffer.encode(Frames(count: 2, size: 1))
        #expect(buffer.frames == [[0], [1]] && copy.frames == [[1, 2, 3], [4]])
        // `encode()` writes into a new buffer of its own: whatever the encoder keeps, the
        // frames it returns stay as they were returned.
        let fresh = try KeepsWriter().encode()
        let returned = fresh.frames
        var keptAgain = try #require(KeepsWriter.kept)
        keptAgain.append(bytes: [7])
        #expect(fresh.frames == returned && returned.first == [1, 2, 3])
    }

    @Test("a shared buffer is copied before the encode; growing inside the encode keeps every frame")
    func sharedAndGrowing() throws {
        var buffer = FrameBuffer()
        try buffer.encode(Frames(count: 3, size: 2))
        let before = buffer
        try buffer.encode(Frames(count: 50, size: 40))  // more frames and bytes than the room
        #expect(before.frames == [[0, 0], [1, 1], [2, 2]])
        #expect(buffer.frameCount == 50 && buffer.frames.enumerated().allSatisfy { $0.element == [UInt8](repeating: UInt8($0.offset), count: 40) })
        try buffer.encode(Frames(count: 1, size: 0))
        #expect(buffer.frames == [[]])
    }

    @Test("an encoder that throws half-way leaves the buffer empty, and a copy of it untouched")
    func throwingEncoder() throws {
        var buffer = FrameBuffer()
        try buffer.encode(Frames(count: 2, size: 3))
        let copy = buffer
        #expect(throws: MessageEncodingError.self) { try buffer.encode(Frames(count: 5, size: 3, fails: true)) }
        #expect(buffer.frameCount == 0 && buffer.bytes.isEmpty)
        #expect(copy.frames == [[0, 0, 0], [1, 1, 1]])
        #expect(throws: MessageEncodingError.self) { try Frames(count: 5, size: 3, fails: true).encode() }
        try buffer.encode(Frames(count: 1, size: 3))
        #expect(buffer.frames == [[0, 0, 0]])
    }

    @Test("a buffer reused for message after message keeps its one storage: the check after each encode finds no writer left")
    func reuseKeepsTheStorage() throws {
        var buffer = FrameBuffer()
        try buffer.encode(Frames(count: 3, size: 8))
        let storage = ObjectIdentifier(buffer.storage)
        for index in 0..<1000 {
            try buffer.encode(Frames(count: 1 + index % 3, size: 8))
            #expect(ObjectIdentifier(buffer.storage) == storage, "encode \(index) moved the frames to new storage")
            if ObjectIdentifier(buffer.storage) != storage { break }
        }
    }
}
