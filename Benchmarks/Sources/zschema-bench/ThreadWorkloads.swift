import BenchmarkSchemas
import Foundation
import ZSchemaRuntime

/// Decoding on several threads at once, all sharing the generated messages' patterns: a Tick
/// (its symbol pattern runs on the byte-level automaton) and a chatz ChatRequest (its pattern,
/// with an optional group, needs PCRE2).
enum ThreadWorkloads {
    /// One run: decodes per second, all threads together, from the first start to the last
    /// end; and the CPU time the threads spent per decode.
    struct Run {
        let decodesPerSecond: Double
        let cpuSecondsPerDecode: Double
    }

    /// `threads` threads each decoding `count` Ticks from byte arrays.
    static func tickDecodes(threads: Int, count: Int) throws -> Run {
        try decodes(threads: threads, count: count) {
            let frames = try Tick(symbol: "AAPL", timestamp: 1_700_000_000, price: 189.25).encode()
            return { Double(try Tick(frames: frames).symbol.utf8.count) }
        }
    }

    /// `threads` threads each decoding `count` ChatRequests (a user name and a message).
    static func chatDecodes(threads: Int, count: Int) throws -> Run {
        try decodes(threads: threads, count: count) {
            let frames = try ChatRequest(usr: "alice", msg: "hello there").encode()
            return { Double(try ChatRequest(frames: frames).usr.utf8.count) }
        }
    }

    /// Starts `threads` threads that each make their decoder with `make` and run it `count`
    /// times. Each thread also reads its own CPU clock around its loop: decodes that slowed
    /// each other down (a shared cache line written by both) would cost more CPU time each,
    /// where a core taken away by the machine costs wall-clock time only.
    private static func decodes(threads: Int, count: Int, _ make: @escaping @Sendable () throws -> () throws -> Double) throws -> Run {
        let clock = ContinuousClock()
        let start = clock.now
        let workers = (0..<threads).map { index in
            SocketThread(name: "bench-decode-\(index)") { () throws -> Double in
                let decode = try make()
                let cpuStart = threadCPUSeconds()
                var sum = 0.0
                for _ in 0..<count { sum += try decode() }
                precondition(sum > 0)
                return threadCPUSeconds() - cpuStart
            }
        }
        let cpu = try workers.reduce(0) { $0 + (try $1.join()) }
        let decodes = Double(threads * count)
        return Run(decodesPerSecond: decodes / (clock.now - start).seconds, cpuSecondsPerDecode: cpu / decodes)
    }

    /// The calling thread's CPU time.
    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
