import CZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The messages a socket receives, as an `AsyncSequence`.
///
/// Iterating never blocks a thread: each `next()` receives without waiting, in the isolation of
/// the task that iterates, and when nothing is queued it suspends until libzmq signals the
/// socket's file descriptor (watched by one thread for the whole process). So the socket never
/// leaves its owner, and a `for await` loop costs the cooperative pool nothing while it waits.
/// While messages keep arriving faster than they are handled, the iterator yields its thread
/// every ``yieldInterval`` messages, so a busy stream never shuts other tasks out of the pool.
///
/// Messages that fail to decode are passed to `onInvalid` and skipped, so one bad peer cannot
/// end the stream. The sequence ends when the iterating task is cancelled, the socket is closed
/// or its context is shut down; any use of the socket while the stream waits (sending on a
/// DEALER, for example) makes the stream look again.
public struct MessageStream<Element>: AsyncSequence {
    public typealias Failure = any Error

    @usableFromInline let socket: ZMQSocket
    @usableFromInline let onInvalid: (any Error) -> Void
    /// Built where the message type is known (the wrappers' `messages()` are inlinable), so the
    /// decoder runs specialised for it rather than through generic metadata.
    @usableFromInline let decode: (ReceivedFrames) throws -> Element

    @inlinable
    init(socket: ZMQSocket, onInvalid: @escaping (any Error) -> Void, decode: @escaping (ReceivedFrames) throws -> Element) {
        self.socket = socket
        self.onInvalid = onInvalid
        self.decode = decode
    }

    public func makeAsyncIterator() -> Iterator { Iterator(stream: self) }

    /// How many messages in a row an iterator hands out without suspending before it calls
    /// `Task.yield()`: often enough that other tasks on the cooperative pool get a turn within
    /// tens of microseconds of a flat-out stream, rarely enough not to slow it measurably.
    public static var yieldInterval: Int { 64 }

    /// Receives the stream's messages one by one.
    public struct Iterator: AsyncIteratorProtocol {
        let stream: MessageStream
        /// The socket's `ZMQ_FD`, read on the first wait.
        var descriptor: Int32?
        /// Messages handed out since this iterator last suspended.
        var sinceSuspension = 0

        /// The next decodable message, or `nil` once the stream has ended.
        public mutating func next() async throws -> Element? {
            try await next(isolation: nil)
        }

        /// The next decodable message, or `nil` once the stream has ended; runs in `actor`'s
        /// isolation, where the socket lives.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> Element? {
            let socket = stream.socket
            if sinceSuspension >= MessageStream.yieldInterval {
                // Before receiving, so that no other task can use the socket between the
                // receive and the decode of its frames.
                sinceSuspension = 0
                await Task.yield()
            }
            while !Task.isCancelled {
                let frames: ReceivedFrames
                do {
                    frames = try socket.receive(dontWait: true)
                } catch let error as ZMQError {
                    if error.isContextTerminated || error.code == ENOTSOCK { return nil }
                    guard error.code == EAGAIN else { throw error }
                    try await waitUntilReadable(socket)
                    continue
                } catch {
                    stream.onInvalid(error)  // an over-long message, already drained
                    continue
                }
                sinceSuspension += 1
                do { return try stream.decode(frames) } catch { stream.onInvalid(error) }
            }
            return nil
        }

        /// Suspends until libzmq signals that the socket's state may have changed.
        private mutating func waitUntilReadable(_ socket: ZMQSocket, isolation: isolated (any Actor)? = #isolation) async throws {
            let descriptor = try self.descriptor ?? socket.intOption(ZMQ_FD, "ZMQ_FD")
            self.descriptor = descriptor
            let wait = ReadinessWait(descriptor: descriptor)
            socket.suspendedWait = wait
            await ReadinessWatcher.shared.suspend(until: wait)
            if socket.suspendedWait === wait { socket.suspendedWait = nil }
            sinceSuspension = 0
        }
    }
}

/// Defaults shared by the message streams.
public enum MessageStreamDefaults {
    /// Writes `zschema: dropped invalid message: <error>` to standard error.
    public static let reportInvalid: @Sendable (any Error) -> Void = { error in
        let line = "zschema: dropped invalid message: \(error)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
