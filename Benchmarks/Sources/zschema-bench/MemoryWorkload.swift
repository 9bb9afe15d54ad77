import BenchmarkSchemas
import Foundation
import Synchronization
import ZSchemaRuntime

/// The memory of a subscriber that receives a long stream of ticks: resident memory sampled as
/// it goes, and the process's peak.
enum MemoryWorkload {
    struct Result {
        /// Resident memory in MiB after each tenth of the ticks.
        let samples: [Double]
        /// The process's peak resident memory (VmHWM) in MiB.
        let peak: Double
        /// How many ticks the publisher sent for `count` to arrive (PUB drops at its
        /// high-water mark when the subscriber falls behind, as it should).
        let sent: Int
    }

    /// A publisher thread sends ticks flat out, with libzmq's default high-water marks (1,000),
    /// to a SUB over tcp on this thread until `count` have been received and decoded.
    static func subscriber(count: Int) throws -> Result {
        resetPeak()
        let context = ZMQContext()
        let receiving = try ZMQSocket(context: context, type: .sub, linger: .zero)
        let sending = try ZMQSocket(context: context, type: .pub, linger: .zero)
        try receiving.bind("tcp://127.0.0.1:*")
        try sending.connect(try receiving.lastEndpoint)
        let subscriber = Subscriber<Tick>(socket: receiving)
        let publisher = Publisher<Tick>(socket: sending)
        try subscriber.subscribe(prefix: [])
        defer { receiving.close() }
        let stop = StopFlag()
        let sent = SentCount()
        let sender = SocketThread(name: "bench-publisher") {
            defer { publisher.socket.close() }
            var index = 0
            while !stop.isSet {
                try publisher.send(symbol: "AAPL", timestamp: Double(index), price: 100 + Double(index % 100))
                index += 1
            }
            sent.value.store(index, ordering: .releasing)
        }
        var samples: [Double] = []
        var sum = 0.0
        for received in 1...count {
            sum += try subscriber.receive().price
            if received % max(1, count / 10) == 0 { samples.append(residentMegabytes()) }
        }
        stop.set()
        try sender.join()
        precondition(sum > 0)
        return Result(samples: samples, peak: peakMegabytes(), sent: sent.value.load(ordering: .acquiring))
    }

    /// Starts the peak (`VmHWM`) afresh at the current resident memory, so earlier workloads of
    /// the same run do not count (Linux's `clear_refs`, value 5).
    static func resetPeak() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
    }

    /// Resident memory now, from `/proc/self/statm`.
    static func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return .nan }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// The peak resident memory so far (`VmHWM` in `/proc/self/status`).
    static func peakMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return .nan }
        return kilobytes / 1024
    }

    private final class SentCount: Sendable {
        let value = Atomic<Int>(0)
    }
}
