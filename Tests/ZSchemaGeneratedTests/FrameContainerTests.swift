import Testing
import ZSchemaRuntime

/// Generated codecs on the two socket-free frame containers: libzmq buffers
/// (`ZMQMessageFrames`) and one flat byte buffer (`FrameBuffer`).
@Suite("Frame containers without sockets")
struct FrameContainerTests {
    static let messages: [any ZSchemaMessage] = [
        Order(stock: "IBM", action: .sell, shares: -7, price: 12.5),
        Tick(symbol: "AAPL", timestamp: 1.25, price: 189.5),
        ChatRequest(usr: "zoë", msg: "héllo ✓"),
        UserList(usr: (0..<40).map { "user\($0)" }),
        NoUsers(),
        Ready(),
    ]

    @Test("ZMQMessageFrames holds exactly the frames encode() makes, and decodes back")
    func messageFrames() throws {
        let frames = ZMQMessageFrames()
        for message in Self.messages {
            try check(message, frames)
        }
    }

    private func check<M: ZSchemaMessage>(_ message: M, _ frames: ZMQMessageFrames) throws {
        try frames.encode(message)
        #expect(frames.frames.copyFrames() == (try message.encode()).frames, "\(M.self)")
        let decoded = try M(frames: frames.frames)
        #expect(try decoded.encode() == (try message.encode()), "\(M.self)")
        // The lent frames decode the same, and a message of another shape fails on them.
        #expect(try frames.decode(M.self).encode() == (try message.encode()), "\(M.self)")
        if M.self != Ready.self {
            #expect(throws: MessageDecodingError.self) { try frames.decode(Ready.self) }
        }
    }

    @Test("FrameBuffer is reused from message to message, longer then shorter, and decodes back")
    func frameBuffer() throws {
        var buffer = FrameBuffer()
        for message in Self.messages + Self.messages.reversed() {
            try check(message, &buffer)
        }
        #expect(FrameBuffer(frames: try Tick(symbol: "A1", timestamp: 0, price: 0).encode()).frameCount == 3)
    }

    private func check<M: ZSchemaMessage>(_ message: M, _ buffer: inout FrameBuffer) throws {
        try buffer.encode(message)
        let expected = try message.encode()
        #expect(buffer == expected, "\(M.self)")
        #expect(buffer.bytes == expected.flatMap { $0 }, "\(M.self)")
        #expect(try M(frames: buffer).encode() == expected, "\(M.self)")
    }

    @Test("a message that fails to encode leaves either container empty, not half-filled")
    func failedEncodeLeavesNothing() throws {
        var buffer = FrameBuffer()
        let frames = ZMQMessageFrames()
        try buffer.encode(Tick(symbol: "AAPL", timestamp: 1, price: 2))
        try frames.encode(Tick(symbol: "AAPL", timestamp: 1, price: 2))
        // Order's stock must match [A-Z][A-Z0-9]+; lower case fails before any frame is written.
        let bad = Order(stock: "ibm", action: .buy, shares: 1, price: 1)
        #expect(throws: MessageEncodingError.self) { try buffer.encode(bad) }
        #expect(throws: MessageEncodingError.self) { try frames.encode(bad) }
        #expect(buffer.frameCount == 0 && buffer.bytes.isEmpty)
        #expect(frames.frames.frameCount == 0)
        // A frame of the wrong size is still caught when decoding from a buffer.
        let truncated = FrameBuffer(frames: [Array("AAPL".utf8), [1, 2, 3], [0, 0, 0, 0, 0, 0, 0, 0]])
        let error = #expect(throws: MessageDecodingError.self) { try Tick(frames: truncated) }
        #expect(error?.frame == 1)
    }
}

extension FrameContainerTests {
    @Test("FrameBuffer equality and hashing look at the frames only, not at spare room")
    func frameBufferEquality() throws {
        var reused = FrameBuffer()
        try reused.encode(UserList(usr: (0..<40).map { "user\($0)" }))
        try reused.encode(Tick(symbol: "AAPL", timestamp: 1, price: 2))
        var fresh = FrameBuffer()
        try fresh.encode(Tick(symbol: "AAPL", timestamp: 1, price: 2))
        #expect(reused == fresh)
        #expect(reused.hashValue == fresh.hashValue)
        try fresh.encode(Tick(symbol: "AAPL", timestamp: 1, price: 3))
        #expect(reused != fresh)
        // Same bytes, different frame boundaries.
        #expect(FrameBuffer(frames: [[1, 2], [3]]) != FrameBuffer(frames: [[1], [2, 3]]))
        reused.removeAll(keepingCapacity: false)
        #expect(reused == FrameBuffer())
    }
}

extension FrameContainerTests {
    @Test("FrameBuffer is a value: a copy keeps its frames when the original is written, and the other way round")
    func frameBufferCopyOnWrite() throws {
        var original = try Tick(symbol: "AAPL", timestamp: 1, price: 2).encode()
        let copy = original
        try original.encode(Order(stock: "IBM", action: .buy, shares: 1, price: 1))
        #expect(copy == (try Tick(symbol: "AAPL", timestamp: 1, price: 2).encode()))
        #expect(try Tick(frames: copy) == Tick(symbol: "AAPL", timestamp: 1, price: 2))
        #expect(try Order(frames: original) == Order(stock: "IBM", action: .buy, shares: 1, price: 1))
        var grown = copy
        grown.appendFrame(count: 3) { $0.copyBytes(from: [7, 8, 9]) }
        #expect(copy.count == 3 && grown.count == 4 && grown[3] == [7, 8, 9] && grown[0] == copy[0])
    }

    @Test("FrameBuffer grows past its first room: many frames, a large frame, empty frames, and reads them all back")
    func frameBufferGrowth() throws {
        var buffer = FrameBuffer()
        let frames: [[UInt8]] =
            (0..<300).map { index in
                index % 7 == 0 ? [] : (0..<(index * 37 % 500)).map { UInt8(truncatingIfNeeded: $0 &+ index) }
            } + [[UInt8](repeating: 0xAB, count: 100_000)]
        for frame in frames { buffer.append(bytes: frame) }
        #expect(buffer.frames == frames)
        #expect(buffer.count == frames.count)
        #expect(buffer.ends.last == frames.reduce(0) { $0 + $1.count })
        #expect(buffer == FrameBuffer(frames: frames))
        let literal: FrameBuffer = [[1, 2], [], [3]]
        #expect(literal.frames == [[1, 2], [], [3]] && literal.bytes == [1, 2, 3] && literal.ends == [2, 2, 3])
    }
}
