import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The messages a socket receives, as an `AsyncSequence`.
///
/// Each `next()` waits on a serial dispatch queue that belongs to the iterator, so blocking
/// libzmq calls never occupy Swift's cooperative thread pool. Cancelling the waiting task ends
/// the sequence within about 100 ms; so does shutting down the socket's context.
public struct MessageStream<Element: Sendable>: AsyncSequence, Sendable {
    let socket: ZMQSocket
    let onInvalid: @Sendable (any Error) -> Void
    let decode: @Sendable (ReceivedFrames) throws -> Element

    init(
        socket: ZMQSocket,
        onInvalid: @escaping @Sendable (any Error) -> Void,
        decode: @escaping @Sendable (ReceivedFrames) throws -> Element
    ) {
        self.socket = socket
        self.onInvalid = onInvalid
        self.decode = decode
    }

    public func makeAsyncIterator() -> Iterator { Iterator(stream: self) }

    /// Waits for the next message on the stream's own queue.
    public struct Iterator: AsyncIteratorProtocol {
        let stream: MessageStream
        let queue = DispatchQueue(label: "zschema.message-stream")

        public mutating func next() async throws -> Element? {
            if Task.isCancelled { return nil }
            let stream = self.stream
            let queue = self.queue
            let cancelled = CancellationFlag()
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    queue.async { continuation.resume(with: stream.waitForNext(until: cancelled)) }
                }
            } onCancel: {
                cancelled.set()
            }
        }
    }

    /// Blocks until a decodable message, cancellation, context shutdown or a socket error.
    func waitForNext(until cancelled: CancellationFlag) -> Result<Element?, any Error> {
        while !cancelled.isSet {
            let frames: ReceivedFrames?
            do {
                frames = try socket.receive(timeout: .milliseconds(100))
            } catch let error as ZMQError {
                return error.isContextTerminated || error.code == ENOTSOCK ? .success(nil) : .failure(error)
            } catch {
                onInvalid(error)  // an over-long message, already drained
                continue
            }
            guard let frames else { continue }
            do { return .success(try decode(frames)) } catch { onInvalid(error) }
        }
        return .success(nil)
    }
}

/// Set once, read from any thread.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .releasing) }
    var isSet: Bool { flag.load(ordering: .acquiring) }
}

/// Defaults shared by the message streams.
public enum MessageStreamDefaults {
    /// Writes `zschema: dropped invalid message: <error>` to standard error.
    public static let reportInvalid: @Sendable (any Error) -> Void = { error in
        let line = "zschema: dropped invalid message: \(error)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
