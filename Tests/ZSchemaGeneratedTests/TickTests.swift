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
