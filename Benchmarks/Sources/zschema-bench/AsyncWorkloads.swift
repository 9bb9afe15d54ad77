import BenchmarkSchemas
import Foundation
import Synchronization
import ZSchemaRuntime

/// The `messages()` AsyncSequence against the blocking `receive()` loop on the same stream.
enum AsyncWorkloads {
    /// Ticks from a PUSH thread to a PULL read by a `for await` loop in a task on the
    /// cooperative pool; elapsed seconds from the first send to the last message.
    static func tickStream(endpoint: String, count: Int) throws -> Double {
        let context = ZMQContext()
        let receiving = try ZMQSocket(context: context, type: .pull, linger: .zero)
        let sending = try ZMQSocket(context: context, type: .push, linger: .zero)
        try receiving.setReceiveHighWaterMark(0)
        try sending.setSendHighWaterMark(0)
        try receiving.bind(endpoint)
        try sending.connect(try receiving.lastEndpoint)
        let puller = Puller<Tick>(socket: receiving)
        let pusher = Pusher<Tick>(socket: sending)
        let allReceived = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let start = ContinuousClock.now
        Task.detached {
            defer {
                puller.socket.close()
                allReceived.signal()
            }
            var sum = 0.0
            var received = 0
            do {
                for try await tick in puller.messages() {
                    sum += tick.price
                    received += 1
                    if received == count { break }
                }
            } catch {
                outcome.finish(.failure(error))
                return
            }
            outcome.finish(received == count && sum > 0 ? .success(ContinuousClock.now - start) : .failure(StreamEnded(received: received)))
        }
        let sender = SocketThread(name: "bench-sender") {
            defer { pusher.socket.close() }
            for index in 0..<count { try pusher.send(symbol: "AAPL", timestamp: Double(index), price: 100 + Double(index % 100)) }
            allReceived.wait()
        }
        try sender.join()
        return try outcome.result().seconds
    }

    /// The stream ended before every message arrived.
    struct StreamEnded: Error { let received: Int }

    /// The consuming task's result, handed to the thread that waits for it.
    private final class Outcome: Sendable {
        private let value = Mutex<Result<Duration, any Error>?>(nil)
        private let done = DispatchSemaphore(value: 0)

        func finish(_ result: Result<Duration, any Error>) {
            value.withLock { $0 = result }
            done.signal()
        }

        func result() throws -> Duration {
            done.wait()
            return try value.withLock { $0! }.get()
        }
    }
}
