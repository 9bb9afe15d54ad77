import Foundation

/// The pyzmq side: the same tick stream with `send_multipart`/`recv_multipart` and `struct`.
enum PythonWorkloads {
    static let script = #"""
        import json, struct, sys, threading, time, zmq
        count = int(sys.argv[1]); endpoints = sys.argv[2:]
        def stream(endpoint, pubsub):
            ctx = zmq.Context()
            rx = ctx.socket(zmq.SUB if pubsub else zmq.PULL); tx = ctx.socket(zmq.PUB if pubsub else zmq.PUSH)
            for s in (rx, tx): s.setsockopt(zmq.LINGER, 0)
            rx.setsockopt(zmq.RCVHWM, 0); tx.setsockopt(zmq.SNDHWM, 0)
            rx.bind(endpoint); tx.connect(rx.getsockopt(zmq.LAST_ENDPOINT))
            if pubsub:
                rx.setsockopt(zmq.SUBSCRIBE, b"")
                while True:
                    tx.send_multipart([b"AAPL", struct.pack(">d", -1), struct.pack(">d", -1)])
                    if rx.poll(10): rx.recv_multipart(); break
                while rx.poll(20): rx.recv_multipart()
            def send():
                for i in range(count):
                    tx.send_multipart([b"AAPL", struct.pack(">d", float(i)), struct.pack(">d", 100.0 + i % 100)])
            start = time.perf_counter(); t = threading.Thread(target=send); t.start()
            total = 0.0
            for _ in range(count):
                symbol, ts, price = rx.recv_multipart()
                assert len(ts) == 8 and len(price) == 8
                total += struct.unpack(">d", price)[0]
            elapsed = time.perf_counter() - start; t.join(); rx.close(); tx.close(); ctx.term()
            return elapsed
        results = {}
        for endpoint in endpoints:
            results["push-pull " + endpoint] = stream(endpoint, False)
            results["pub-sub " + endpoint] = stream(endpoint, True)
        print(json.dumps(results))
        """#

    /// Seconds per workload keyed "push-pull <endpoint>" / "pub-sub <endpoint>", or nil without pyzmq.
    static func run(count: Int, endpoints: [String]) -> [String: Double]? {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, "\(count)"] + endpoints
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return try? JSONDecoder().decode([String: Double].self, from: data)
    }
}
