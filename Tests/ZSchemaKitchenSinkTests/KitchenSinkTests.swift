import Testing
import ZSchemaRuntime

/// The kitchen-sink schema's generated code, used as a user would: fields named like keywords
/// and like the generated code's own parameters, messages named like runtime and standard
/// types, both byte orders, every socket type, over real sockets on loopback.
@Suite("Kitchen sink")
struct KitchenSinkTests {
    static let reading = Reading(
        class: "abc", default: 7, protocol: -8, u16: 0x0102, i16: -2, u32: 0x0102_0304, i32: -3,
        u64: 0x0102_0304_0506_0708, i64: -4, f32: 1.5, f64: -2.25, in: true, for: "text", blob: [0, 255])

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    private static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    @Test("keyword-named fields in both byte orders: the exact frames, and back")
    func readingFrames() throws {
        let reading = Self.reading
        let frames = try reading.encode()
        #expect(
            frames == [
                Array("abc".utf8), [7], [0xF8], [0x01, 0x02], [0xFF, 0xFE], [0x04, 0x03, 0x02, 0x01],
                Self.littleEndian(Int32(-3)), [1, 2, 3, 4, 5, 6, 7, 8], Self.littleEndian(Int64(-4)),
                Self.littleEndian(Float(1.5).bitPattern), Self.littleEndian(Double(-2.25).bitPattern),
                [1], Array("text".utf8), [0, 255],
            ])
        let decoded = try Reading(frames: frames)
        #expect(decoded == reading)
        #expect(decoded.default == 7 && decoded.class == "abc" && decoded.for == "text" && decoded.in)
        // A little-endian frame of the wrong size names its field.
        var short = frames.frames
        short[5] = [1, 2, 3]
        #expect(throws: MessageDecodingError(message: "Reading", frame: 5, field: "u32", reason: .frameSize(expected: 4, actual: 3))) {
            try Reading(frames: short)
        }
    }

    @Test("an optional part with two captures: both or neither")
    func optionalPart() throws {
        #expect(try Query(peer: "bob").encode() == [Array("bob".utf8)])
        #expect(try Query(peer: "bob", to: "ann", dontWait: "5").encode() == [Array("bob/ann=5".utf8)])
        #expect(try Query(frames: [Array("bob/ann=5".utf8)]) == Query(peer: "bob", to: "ann", dontWait: "5"))
        #expect(throws: MessageEncodingError(message: "Query", field: "peer", reason: .incompleteOptionalPart)) {
            try Query(peer: "bob", to: "ann").encode()
        }
    }

    @Test("fields named like the codec's parameters and locals; enum cases named like keywords")
    func collidingFields() throws {
        let message = ReadingPublisher(writer: 1, frames: 0x0203, reader: .default, element: [[9], [8, 7]])
        #expect(try message.encode() == [[1], [0x03, 0x02], [0], [9], [8, 7]])
        #expect(try ReadingPublisher(frames: [[1], [3, 2], [2], [9]]) == ReadingPublisher(writer: 1, frames: 0x0203, reader: .allCases_, element: [[9]]))
        #expect(ReadingPublisher.Reader.allCases == [.default, .class, .allCases_])
        #expect(throws: MessageEncodingError(message: "ReadingPublisher", field: "element", reason: .emptyRepetition)) {
            try ReadingPublisher(writer: 1, frames: 2, reader: .class, element: []).encode()
        }
    }

    @Test("a constant text and a pattern longer than a line, split into literal pieces")
    func longLiterals() throws {
        let banner =
            "ZeroMQ is not middleware, it can be used anytime logic needs to be split: threads, processes, machines and networks; sockets are not really like network sockets"
        let frames = [Array(banner.utf8), Array("zeromq alpha omega".utf8)]
        #expect(try Banner(text: "zeromq alpha omega").encode().frames == frames)
        #expect(try Banner(frames: frames) == Banner(text: "zeromq alpha omega"))
        #expect(throws: MessageDecodingError.self) { try Banner(frames: [Array(banner.dropLast().utf8), Array("zeromq".utf8)]) }
        #expect(throws: MessageEncodingError.self) { try Banner(text: "zeromq beta2").encode() }
    }

    @Test("a repeated frame assembled from its capture, element by element")
    func repeatedTemplate() throws {
        let ping = Ping(seq: 1, tag: ["ab", "cd"])
        #expect(try ping.encode() == [Self.bigEndian(UInt64(1)), Array("tag-ab".utf8), Array("tag-cd".utf8)])
        #expect(try Ping(frames: try ping.encode()) == ping)
        #expect(try Ping(seq: 1, tag: []).encode().count == 1)
        #expect(throws: MessageEncodingError.self) { try Ping(seq: 1, tag: ["ab", "c d"]).encode() }
    }

    @Test("captures named init and self, a u64 constant, whole-text frames")
    func renamedAndWholeText() throws {
        let pong = Pong(seq: 9, init: "AB", self_: "cd")
        #expect(try pong.encode() == [Self.bigEndian(UInt64(9)), Array("AB-cd".utf8), [1, 2, 3, 4, 5, 6, 7, 8]])
        #expect(try Pong(frames: try pong.encode()).`init` == "AB")
        #expect(throws: MessageDecodingError.self) { try Pong(frames: [Self.bigEndian(UInt64(9)), Array("AB".utf8), [1, 2, 3, 4, 5, 6, 7, 9]]) }
        let reader = FrameReader(kind: .low, text2: " a b ", text3: "42")
        #expect(throws: MessageEncodingError.self) { try reader.encode() }  // "(?x) a b" matches "ab" only
        let fine = FrameReader(kind: .low, text2: "ab", text3: "42")
        #expect(try fine.encode() == [[0xFF], Array("ab".utf8), Array("42".utf8)])
        #expect(try FrameReader(frames: try fine.encode()) == fine)
    }

    @Test("every socket pair of the schema, through the generated services")
    func services() throws {
        let context = ZMQContext()
        let loopback = "tcp://127.0.0.1:*"
        let server = try SinkServer(
            context: context, pubEndpoint: loopback, routerEndpoint: loopback, pushEndpoint: loopback, pullEndpoint: loopback,
            repEndpoint: loopback, dealerEndpoint: loopback, pairEndpoint: "inproc://sink-pair-test", xpubEndpoint: loopback,
            streamEndpoint: loopback)
        let client = try SinkClient(
            context: context, subEndpoint: try server.pub.socket.lastEndpoint, contextEndpoint: try server.router.socket.lastEndpoint,
            pullEndpoint: try server.push.socket.lastEndpoint, pushEndpoint: try server.pull.socket.lastEndpoint,
            reqEndpoint: try server.rep.socket.lastEndpoint, dealerEndpoint: try server.dealer.socket.lastEndpoint,
            pairEndpoint: "inproc://sink-pair-test", xsubEndpoint: try server.xpub.socket.lastEndpoint,
            pullMonitorEndpoint: "inproc://monitor.sink.pull-test")
        defer { client.close(); server.close() }

        // REQ (named context) to ROUTER, and a reply with a capture called peer.
        try client.context_.send(peer: "bob", to: "ann", dontWait: "1")
        let (peer, query) = try #require(try server.router.receive(timeout: .seconds(5)))
        #expect(query == Query(peer: "bob", to: "ann", dontWait: "1"))
        try server.router.replyAnswer(to: peer, peer: "ann", message: "hi", failures: [1, 2])
        #expect(try client.context_.receive(timeout: .seconds(5)) == .answer(Answer(peer: "ann", message: "hi", failures: [1, 2])))

        // REQ to REP.
        try client.req.send(seq: 41, tag: ["ab", "cd"])
        #expect(try server.rep.receive(timeout: .seconds(5)) == Ping(seq: 41, tag: ["ab", "cd"]))
        try server.rep.send(seq: 42, init: "OK")
        #expect(try client.req.receive(timeout: .seconds(5)) == Pong(seq: 42, init: "OK", self_: nil))

        // PUSH to PULL both ways.
        try server.push.send(writer: 3, frames: 4, reader: .class, element: [[5]])
        #expect(try client.pull.receive(timeout: .seconds(5)) == ReadingPublisher(writer: 3, frames: 4, reader: .class, element: [[5]]))
        try client.push.send(kind: .high, text2: "ab", text3: "x")
        #expect(try server.pull.receive(timeout: .seconds(5)) == FrameReader(kind: .high, text2: "ab", text3: "x"))

        // DEALER to DEALER, and PAIR to PAIR with their constants.
        try server.dealer.send(id: 5, Type_: "job")
        #expect(try client.dealer.receive(timeout: .seconds(5)) == Job(id: 5, Type_: "job"))
        try client.dealer.send(id: 5, ok: true)
        #expect(try server.dealer.receive(timeout: .seconds(5)) == Done(id: 5, ok: true))
        try server.pair.send(value: -300)
        #expect(try client.pair.receive(timeout: .seconds(5)) == Left(value: -300))
        try client.pair.send(value: 300)
        #expect(try server.pair.receive(timeout: .seconds(5)) == Right(value: 300))

        // PUB to SUB through a run-time subscription whose field is called class.
        try client.subscribeSub(class: "abc")
        let received = try eventually {
            try server.pub.send(Self.reading)
            return try client.sub.receive(timeout: .milliseconds(50))
        }
        #expect(received == Self.reading)

        // XPUB to XSUB: the subscription arrives as an event, then the union's messages flow.
        try client.subscribeXsub(topic: "news")
        #expect(try server.xpub.receive(timeout: .seconds(5)) == SubscriptionEvent(.subscribe, prefix: Array("news".utf8)))
        try server.xpub.sendString(text: "12", value: 0.5, unit: 2)
        try server.xpub.sendEvent(topic: "news", body: "b")
        #expect(try client.xsub.receive(timeout: .seconds(5)) == .event(Event(topic: "news", body: "b")))
        try client.unsubscribeXsub(topic: "news")
        #expect(try server.xpub.receive(timeout: .seconds(5)) == SubscriptionEvent(.unsubscribe, prefix: Array("news".utf8)))

        // STREAM: a plain TCP client's bytes arrive with its routing id, and the answer goes back.
        let port = try #require(Int(try server.stream.socket.lastEndpoint.split(separator: ":").last ?? ""))
        let tcp = try PlainTCPClient(port: port)
        defer { tcp.close() }
        let opened = try #require(try server.stream.receive(timeout: .seconds(5)))
        #expect(opened.data.isEmpty)  // the connection itself
        try tcp.write(Array("hello".utf8))
        let hello = try #require(try server.stream.receive(timeout: .seconds(5)))
        #expect(hello == StreamMessage(routingID: opened.routingID, data: Array("hello".utf8)))
        try server.stream.send(StreamMessage(routingID: hello.routingID, data: Array("HELLO".utf8)))
        #expect(try tcp.read(count: 5) == Array("HELLO".utf8))

        // The monitor on the client's PULL reports its connection.
        let connected = try eventually { try client.pullMonitor.receive(timeout: .milliseconds(100)).flatMap { $0.kind == .connected ? $0 : nil } }
        #expect(connected != nil)
    }

    /// Repeats `attempt` until it returns a value or five seconds pass.
    private func eventually<T>(_ attempt: () throws -> T?) throws -> T? {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if let value = try attempt() { return value }
        }
        return nil
    }
}
