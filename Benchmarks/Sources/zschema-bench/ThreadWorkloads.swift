import BenchmarkSchemas
import ZSchemaRuntime

/// Decoding on several threads at once, all sharing the generated messages' patterns: a Tick
/// (its symbol pattern runs on the byte-level automaton) and a chatz ChatRequest (its pattern,
/// with an optional group, needs PCRE2). Each returns messages decoded per second, all threads
/// together.
enum ThreadWorkloads {
    /// `threads` threads each decoding `count` Ticks from byte arrays.
    static func tickDecodes(threads: Int, count: Int) throws -> Double {
        try decodes(threads: threads, count: count) {
            let frames = try Tick(symbol: "AAPL", timestamp: 1_700_000_000, price: 189.25).encode()
            return { Double(try Tick(frames: frames).symbol.utf8.count) }
        }
    }

    /// `threads` threads each decoding `count` ChatRequests (a user name and a message).
    static func chatDecodes(threads: Int, count: Int) throws -> Double {
        try decodes(threads: threads, count: count) {
            let frames = try ChatRequest(usr: "alice", msg: "hello there").encode()
            return { Double(try ChatRequest(frames: frames).usr.utf8.count) }
        }
    }

    /// Starts `threads` threads that each make their decoder with `make` and run it `count`
    /// times, and returns the decodes per second from the first start to the last end.
    private static func decodes(threads: Int, count: Int, _ make: @escaping @Sendable () throws -> () throws -> Double) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let workers = (0..<threads).map { index in
            SocketThread(name: "bench-decode-\(index)") { () throws -> Double in
                let decode = try make()
                var sum = 0.0
                for _ in 0..<count { sum += try decode() }
                precondition(sum > 0)
                return sum
            }
        }
        for worker in workers { _ = try worker.join() }
        return Double(threads * count) / (clock.now - start).seconds
    }
}
