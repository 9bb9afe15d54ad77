#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One task's wait for a libzmq socket's `ZMQ_FD` to become readable.
///
/// Its phase is guarded by the ``ReadinessWatcher``'s lock, which makes sharing it between the
/// waiting task, the watcher's thread and a cancellation handler safe.
final class ReadinessWait: @unchecked Sendable {
    enum Phase {
        /// Created, not yet waiting.
        case idle
        /// Suspended; resumed by whoever finishes the wait first.
        case waiting(CheckedContinuation<Void, Never>)
        /// Finished: woken, cancelled, or the socket was used or closed.
        case done
    }

    /// The socket's `ZMQ_FD`.
    let descriptor: Int32
    var phase = Phase.idle

    init(descriptor: Int32) { self.descriptor = descriptor }
}

/// Resumes tasks whose sockets may have become readable, from one thread for the whole process.
///
/// libzmq signals a socket's `ZMQ_FD` whenever the socket's state may have changed (a message
/// arrived, the context is shutting down); the waiting task then retries a non-blocking receive
/// itself, in its own isolation. So no socket is ever touched by the watcher's thread: only its
/// file descriptor is, which is what lets sockets stay non-`Sendable` and still be awaited.
final class ReadinessWatcher: Sendable {
    /// The process's watcher, started on first use.
    static let shared = ReadinessWatcher()

    private let waits = Locked([ReadinessWait]())
    /// A pipe whose read end is always polled: writing to it makes the thread pick up new waits.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private init() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { fatalError("pipe failed: \(String(cString: strerror(errno)))") }
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        _ = SocketThread(name: "zschema.ready") { [self] in watch() }
    }

    /// Suspends until `wait`'s descriptor is readable, the wait is finished by ``finish(_:)``, or
    /// the task is cancelled; the task resumes in `isolation`.
    func suspend(until wait: ReadinessWait, isolation: isolated (any Actor)? = #isolation) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation(isolation: isolation) { (continuation: CheckedContinuation<Void, Never>) in
                let armed = waits.withLock { waiting -> Bool in
                    guard case .idle = wait.phase else { return false }
                    wait.phase = .waiting(continuation)
                    waiting.append(wait)
                    return true
                }
                if armed { wakeThread() } else { continuation.resume() }
            }
        } onCancel: {
            finish(wait)
        }
    }

    /// Ends `wait` now (from any thread); a wait not yet suspended returns at once when it is.
    func finish(_ wait: ReadinessWait) {
        let continuation = waits.withLock { waiting -> CheckedContinuation<Void, Never>? in
            defer { wait.phase = .done }
            guard case .waiting(let continuation) = wait.phase else { return nil }
            waiting.removeAll { $0 === wait }
            return continuation
        }
        continuation?.resume()
    }

    private func wakeThread() {
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up.
        _ = write(wakeWrite, &byte, 1)
    }

    /// The thread's loop: poll the wake pipe and every waiting descriptor; finish the ready ones.
    private func watch() -> Never {
        var drain = [UInt8](repeating: 0, count: 64)
        while true {
            let watched = waits.withLock { $0 }
            var descriptors = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            descriptors += watched.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            if poll(&descriptors, nfds_t(descriptors.count), -1) < 0 { continue }  // EINTR
            if descriptors[0].revents != 0 { while read(wakeRead, &drain, drain.count) > 0 {} }
            // Readable, or closed (POLLNVAL) or failed: either way the task must look again.
            for (index, wait) in watched.enumerated() where descriptors[index + 1].revents != 0 {
                finish(wait)
            }
        }
    }
}
