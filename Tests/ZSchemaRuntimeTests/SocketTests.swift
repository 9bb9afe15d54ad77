import Glibc
import Testing

@testable import ZSchemaRuntime

@Suite("ZMQSocket")
struct SocketTests {
    @Test("multipart messages cross inproc, ipc and tcp whole and in order")
    func multipartRoundTrip() throws {
        let context = ZMQContext()
        for endpoint in ["inproc://socket-tests", "ipc:///tmp/zschema-socket-tests-\(getpid())", "tcp://127.0.0.1:*"] {
            let pull = try ZMQSocket(context: context, type: .pull, linger: .zero)
            try pull.bind(endpoint)
            let push = try ZMQSocket(context: context, type: .push, linger: .zero)
            try push.connect(try pull.lastEndpoint)
            let frames: [[UInt8]] = [[1, 2, 3], [], Array("hello".utf8)]
            for _ in 0..<3 { try push.send(frames: frames) }
            for _ in 0..<3 {
                let received = try #require(try pull.receive(timeout: .seconds(5)))
                #expect(received.copyFrames() == frames, "\(endpoint)")
            }
            #expect(try pull.receive(timeout: .milliseconds(20)) == nil)
        }
    }

    @Test("a build that throws sends nothing")
    func failedBuildSendsNothing() throws {
        struct Boom: Error {}
        let context = ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull, linger: .zero)
        try pull.bind("inproc://failed-build")
        let push = try ZMQSocket(context: context, type: .push, linger: .zero)
        try push.connect("inproc://failed-build")
        #expect(throws: Boom.self) {
            try push.send { writer in
                writer.append(integer: UInt8(1))
                throw Boom()
            }
        }
        try push.send(frames: [[9]])
        let received = try #require(try pull.receive(timeout: .seconds(5)))
        #expect(received.copyFrames() == [[9]])
    }

    @Test("a builder that swaps in another socket's writer cannot point this socket's writer elsewhere")
    func replacedWriterIsRestored() throws {
        let context = ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull, linger: .zero)
        try pull.bind("inproc://replaced-writer")
        let push = try ZMQSocket(context: context, type: .push, linger: .zero)
        try push.connect("inproc://replaced-writer")
        let other = try ZMQSocket(context: context, type: .push, linger: .zero)
        var stolen: ZMQFrameWriter?
        #expect(throws: ZMQError.self) { try other.send { writer in stolen = writer } }
        let foreign = try #require(stolen)
        // Frames written through the swapped-in writer land in the other socket's storage, so
        // this message has none; the socket's own writer must be back for the next one.
        #expect(throws: ZMQError.self) {
            try push.send { writer in
                writer = foreign
                writer.append(integer: UInt8(1))
            }
        }
        try push.send { writer in writer.append(integer: UInt8(7)) }
        let received = try #require(try pull.receive(timeout: .seconds(5)))
        #expect(received.copyFrames() == [[7]])
        let frames = ZMQMessageFrames()
        Swapping.foreign = foreign
        defer { Swapping.foreign = nil }
        try frames.encode(Swapping())
        #expect(frames.frames.frameCount == 0)
        try frames.encode(OneByte(value: 5))
        #expect(frames.frames.copyFrames() == [[5]])
    }

    /// A message whose encoder replaces the writer it is lent with `foreign`, then writes a frame.
    struct Swapping: ZSchemaMessage {
        static var messageName: String { "Swapping" }
        /// Set and cleared by ``replacedWriterIsRestored()`` alone, on its own thread (a message
        /// must be `Sendable`, a writer is not, so it cannot be a stored property).
        nonisolated(unsafe) static var foreign: ZMQFrameWriter?
        init() {}
        init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError) {
            throw MessageDecodingError(message: Self.messageName, frame: nil, field: nil, reason: .frameCount(expected: 0...0, actual: 0))
        }
        func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
            if let foreign = Self.foreign as? Writer { writer = foreign }
            writer.append(integer: UInt8(1))
        }
    }

    /// A one-frame message for the writer tests.
    struct OneByte: ZSchemaMessage {
        static var messageName: String { "OneByte" }
        var value: UInt8
        init(value: UInt8) { self.value = value }
        init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError) {
            var reader = try FrameReader(frames, message: Self.messageName, frameCount: 1...1)
            value = try reader.integer(UInt8.self, field: "value")
        }
        func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
            writer.append(integer: value)
        }
    }

    @Test("a message over the frame limit is drained and rejected, the next one arrives")
    func frameLimit() throws {
        let context = ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull, linger: .zero)
        pull.maximumFrameCount = 4
        try pull.bind("inproc://frame-limit")
        let push = try ZMQSocket(context: context, type: .push, linger: .zero)
        try push.connect("inproc://frame-limit")
        try push.send(frames: Array(repeating: [0], count: 10))
        try push.send(frames: [[7], [8]])
        #expect(
            throws: MessageDecodingError(
                message: "message", frame: nil, field: nil, reason: .tooManyFrames(limit: 4, actual: 10))
        ) { _ = try pull.receive(dontWait: false) }
        let next = try #require(try pull.receive(timeout: .seconds(5)))
        #expect(next.copyFrames() == [[7], [8]])
    }

    @Test("errors carry errno and libzmq's text")
    func errors() throws {
        let socket = try ZMQSocket(context: ZMQContext(), type: .rep, linger: .zero)
        let error = #expect(throws: ZMQError.self) { try socket.bind("nonsense://x") }
        #expect(error?.code == EPROTONOSUPPORT)
        #expect(error?.description.contains("zmq_bind(nonsense://x)") == true)
        socket.close()
        #expect(throws: ZMQError.self) { try socket.bind("inproc://closed") }
    }
}
