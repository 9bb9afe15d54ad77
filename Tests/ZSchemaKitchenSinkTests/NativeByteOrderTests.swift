import Foundation
import Testing
import ZSchemaRuntime

/// (This module has a message called `String`, so the standard one is `Swift.String` here.)
///
/// Little-endian numbers against a peer zschema did not write: a pyzmq program plays the talk's
/// C tickz.server, packing each tick with `struct.pack('<q')` and `struct.pack('<d')` as that
/// server's memory layout does, and checks a tick the generated Swift publishes.
@Suite("Little-endian wire compatibility with pyzmq")
struct NativeByteOrderTests {
    static let script = #"""
        import struct, sys, time, zmq
        swift_sub, swift_pub = sys.argv[1], sys.argv[2]
        ctx = zmq.Context()
        pub = ctx.socket(zmq.PUB); pub.setsockopt(zmq.LINGER, 1000); pub.connect(swift_sub)
        sub = ctx.socket(zmq.SUB); sub.setsockopt(zmq.SUBSCRIBE, b"AAPL"); sub.connect(swift_pub)
        native = [b"MSFT", struct.pack("<q", 1700000000), struct.pack("<d", 41.78)]
        got, sent_after = None, 0
        for _ in range(400):
            pub.send_multipart(native)
            if got is None and sub.poll(25):
                got = sub.recv_multipart()
            if got is not None:
                sent_after += 1
                if sent_after > 20: break
        expected = [b"AAPL", struct.pack("<q", -5), struct.pack("<d", 0.125)]
        if got != expected:
            print("unexpected frames from Swift: %r" % (got,)); sys.exit(1)
        print("python peer ok")
        """#

    @Test(
        "a pyzmq peer's little-endian tick decodes, and Swift's satisfies it",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/python3")),
        .timeLimit(.minutes(1)))
    func littleEndianWithPython() throws {
        let context = ZMQContext()
        let subscriber = try Subscriber<NativeTick>(context: context, endpoint: "tcp://127.0.0.1:*", bind: true)
        try subscriber.subscribe(prefix: Array("MSFT".utf8))
        let server = try BeyondtheboxTickzServer(context: context, pubEndpoint: "tcp://127.0.0.1:*")
        defer { subscriber.socket.close(); server.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.script, try subscriber.socket.lastEndpoint, try server.pub.socket.lastEndpoint]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var received: NativeTick?
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline && (received == nil || process.isRunning) {
            try server.pub.send(stock: "AAPL", timestamp: -5, price: 0.125)
            if received == nil { received = try subscriber.receive(timeout: .milliseconds(25)) }
        }
        #expect(received == NativeTick(stock: "MSFT", timestamp: 1_700_000_000, price: 41.78))
        process.waitUntilExit()
        let text = Swift.String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "python said: \(text)")
        #expect(text.contains("python peer ok"))
    }
}
