import Dispatch
import Foundation
import Testing
import ZSchemaRuntime

@Suite("Generated tickz code")
struct TickTests {
    @Test("a Tick encodes to three big-endian frames and decodes back")
    func bufferRoundTrip() throws {
        let tick = Tick(symbol: "AAPL", timestamp: 1_700_000_000.25, price: 189.5)
        let frames = try tick.encode()
        #expect(frames == [Array("AAPL".utf8), bigEndianBytes(1_700_000_000.25), bigEndianBytes(189.5)])
        #expect(try Tick(frames: frames) == tick)
    }

    @Test("encoding refuses a symbol the pattern rejects and sends nothing")
    func encodeValidation() throws {
        #expect(throws: MessageEncodingError(message: "Tick", field: "symbol", reason: .patternMismatch(text: "aapl", pattern: "(?<symbol>[A-Z][A-Z0-9]+)"))) {
            try Tick(symbol: "aapl", timestamp: 0, price: 0).encode()
        }
    }

    @Test(
        "decoding names the frame and the reason",
        arguments: [
            (
                [[UInt8]]([Array("AAPL".utf8), bigEndianBytes(1.0)]),
                MessageDecodingError(message: "Tick", frame: nil, field: nil, reason: .frameCount(expected: 3...3, actual: 2))
            ),
            (
                [Array("AAPL".utf8), [1, 2, 3, 4, 5, 6, 7], bigEndianBytes(1.0)],
                MessageDecodingError(message: "Tick", frame: 1, field: "timestamp", reason: .frameSize(expected: 8, actual: 7))
            ),
            (
                [Array("aapl".utf8), bigEndianBytes(1.0), bigEndianBytes(1.0)],
                MessageDecodingError(message: "Tick", frame: 0, field: "symbol", reason: .patternMismatch(pattern: "(?<symbol>[A-Z][A-Z0-9]+)"))
            ),
            (
                [[0x41, 0xff], bigEndianBytes(1.0), bigEndianBytes(1.0)], MessageDecodingError(message: "Tick", frame: 0, field: "symbol", reason: .invalidUTF8)
            ),
            (
                [Array("AAPL".utf8), bigEndianBytes(1.0), []],
                MessageDecodingError(message: "Tick", frame: 2, field: "price", reason: .frameSize(expected: 8, actual: 0))
            ),
        ])
    func decodeErrors(frames: [[UInt8]], expected: MessageDecodingError) {
        #expect(throws: expected) { try Tick(frames: frames) }
    }

    @Test("a client gets only the symbols it subscribed to, over tcp and inproc", arguments: [anyLoopbackPort, "inproc://tickz-test"])
    func subscription(endpoint: String) throws {
        let context = ZMQContext()
        let server = try TickzServer(context: context, pubEndpoint: endpoint)
        let client = try TickzClient(context: context, subEndpoint: try server.pub.socket.lastEndpoint)
        defer { client.close(); server.close() }
        try client.subscribe(symbol: "MSFT")

        let first = try eventually {
            try server.pub.send(symbol: "AAPL", timestamp: 1, price: 10)
            try server.pub.send(symbol: "MSFT", timestamp: 2, price: 20)
            return try client.sub.receive(timeout: .milliseconds(20))
        }
        #expect(first == Tick(symbol: "MSFT", timestamp: 2, price: 20))
        // Whatever else arrives is MSFT only.
        while let tick = try client.sub.receive(timeout: .milliseconds(50)) { #expect(tick.symbol == "MSFT") }

        try client.unsubscribe(symbol: "MSFT")
        #expect(throws: MessageEncodingError.self) { try client.subscribe(symbol: "lower") }
    }

    @Test("the async sequence yields ticks off the cooperative pool and ends on cancellation")
    func asyncMessages() async throws {
        let context = ZMQContext()
        let server = try TickzServer(context: context, pubEndpoint: "inproc://tickz-async")
        let client = try TickzClient(context: context, subEndpoint: "inproc://tickz-async")
        try client.subscribe(symbol: "IBM")
        // The publisher runs on a thread of its own, as blocking socket code should; the server
        // is handed over to it whole.
        let stop = StopFlag()
        let publishing = SocketThread(name: "tick-publisher") {
            defer { server.close() }
            for index in 0..<2000 where !stop.isSet {
                try server.pub.send(symbol: "IBM", timestamp: Double(index), price: 100)
                usleep(2000)
            }
        }
        var received: [Tick] = []
        for try await tick in client.sub.messages() {
            received.append(tick)
            if received.count == 3 { break }
        }
        stop.set()
        try await publishing.value
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.symbol == "IBM" })
        #expect(received.map(\.timestamp) == received.map(\.timestamp).sorted())
        client.close()
    }
}

/// The generated services set `ZMQ_MAXMSGSIZE` from the schema.
@Suite("Frame limits from the schema")
struct FrameLimitTests {
    @Test("a server drops a peer that sends a frame over the schema's limit and goes on serving the others", .timeLimit(.minutes(1)))
    func oversizedFrame() throws {
        let context = ZMQContext()
        let server = try ChatzServer(context: context, routerEndpoint: anyLoopbackPort, pubEndpoint: "inproc://frame-limit-pub")
        let endpoint = try server.router.socket.lastEndpoint
        defer { server.close() }
        // A user name of 2 MiB matches the pattern (\w+): only the frame limit keeps it out.
        let hostile = try ZMQSocket(context: context, type: .dealer, linger: .zero)
        defer { hostile.close() }
        try hostile.connect(endpoint)
        try hostile.send(frames: [[], [UInt8](repeating: 0x41, count: 2 << 20)])
        usleep(500_000)  // it would be first in line
        let good = try Requester<ChatRequest, UserListOrNoUsers>(context: context, endpoint: endpoint, bind: false)
        defer { good.socket.close() }
        try good.send(ChatRequest(usr: "ann", msg: "hi"))
        let first = try #require(try server.router.receive(timeout: .seconds(5)))
        #expect(first.message == ChatRequest(usr: "ann", msg: "hi"))
    }
}
