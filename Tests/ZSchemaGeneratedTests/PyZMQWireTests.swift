import Foundation
import Testing
import ZSchemaRuntime

/// Wire compatibility with a peer zschema did not write: a pyzmq program builds and checks the
/// tickz and valuz frames by hand with `struct`, as docs/Language.md describes them.
@Suite("Wire compatibility with pyzmq")
struct PyZMQWireTests {
    static let script = #"""
        import struct, sys, zmq
        swift_pull, swift_push = sys.argv[1], sys.argv[2]
        ctx = zmq.Context()
        push = ctx.socket(zmq.PUSH); push.setsockopt(zmq.LINGER, 2000); push.connect(swift_pull)
        pull = ctx.socket(zmq.PULL); pull.setsockopt(zmq.RCVTIMEO, 10000); pull.connect(swift_push)
        # tickz: symbol, f64 timestamp, f64 price, all big-endian.
        push.send_multipart([b"AAPL", struct.pack(">d", 1700000000.5), struct.pack(">d", 189.25)])
        # valuz order: symbol, u8 action (SELL = 1), i32 shares, f64 price.
        push.send_multipart([b"MSFT", bytes([1]), struct.pack(">i", -250), struct.pack(">d", 12.5)])
        # valuz result from a worker: symbol, f64 value; and READY.
        push.send_multipart([b"IBM", struct.pack(">d", -99.75)])
        push.send_multipart([bytes([2])])
        frames = pull.recv_multipart()
        expected = [b"IBM", bytes([0]), struct.pack(">i", 100), struct.pack(">d", 99.25)]
        if frames != expected:
            print("unexpected order frames: %r" % (frames,)); sys.exit(1)
        tick = pull.recv_multipart()
        if tick != [b"ZZ9", struct.pack(">d", 2.5), struct.pack(">d", -0.0)]:
            print("unexpected tick frames: %r" % (tick,)); sys.exit(1)
        print("python peer ok")
        """#

    @Test(
        "pyzmq frames decode into generated types; generated frames satisfy pyzmq",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")),
        .timeLimit(.minutes(1)))
    func roundTripWithPython() throws {
        let context = ZMQContext()
        let incoming = try ZMQSocket(context: context, type: .pull, linger: .zero)
        try incoming.bind(anyLoopbackPort)
        let orders = try Pusher<Order>(context: context, endpoint: anyLoopbackPort, bind: true)
        let ticks = Pusher<Tick>(socket: orders.socket)  // the same PUSH socket carries a Tick next

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.script, try incoming.lastEndpoint, try orders.socket.lastEndpoint]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        func next() throws -> ReceivedFrames { try #require(try incoming.receive(timeout: .seconds(10))) }
        #expect(try Tick(frames: next()) == Tick(symbol: "AAPL", timestamp: 1_700_000_000.5, price: 189.25))
        #expect(try Order(frames: next()) == Order(stock: "MSFT", action: .sell, shares: -250, price: 12.5))
        #expect(try ReadyOrValuation(frames: next()) == .valuation(Valuation(stock: "IBM", value: -99.75)))
        #expect(try ReadyOrValuation(frames: next()) == .ready(Ready()))

        try orders.send(stock: "IBM", action: .buy, shares: 100, price: 99.25)
        try ticks.send(symbol: "ZZ9", timestamp: 2.5, price: -0.0)

        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "python said: \(text)")
        #expect(text.contains("python peer ok"))
    }
}
