#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thread of its own for blocking socket work, started with the sockets it is to own.
///
/// Sockets are not `Sendable`: a socket belongs to one thread or task at a time. A
/// `SocketThread` is the explicit way to hand sockets (or a whole generated service) to a new
/// thread. Its body is a `sending` closure, so the compiler lets it capture a socket only if the
/// caller never touches that socket again:
///
/// ```swift
/// let server = try TickzServer()
/// let publishing = SocketThread(name: "tickz-pub") {
///     defer { server.close() }
///     for index in 0..<1000 { try server.pub.send(symbol: "MSFT", timestamp: Double(index), price: 20) }
/// }
/// try await publishing.value   // waits without blocking the cooperative pool
/// ```
///
/// Blocking calls (`receive()`, a `send` at the high-water mark, ``ZMQProxy``) belong on such
/// a thread, never on Swift's cooperative pool, which has as many threads as cores.
public final class SocketThread<Success: Sendable>: Sendable {
    private let outcome = Locked(Outcome())

    private struct Outcome: Sendable {
        var result: Result<Success, any Error>?
        var waiters: [CheckedContinuation<Success, any Error>] = []
    }

    /// Starts a thread that runs `body`.
    ///
    /// - Parameters:
    ///   - name: The thread's name in debuggers and `top -H`, shortened to 15 bytes (the system's
    ///     limit).
    ///   - body: What the thread does. It takes over everything it captures.
    public init(name: String, _ body: sending @escaping () throws -> Success) {
        let outcome = self.outcome
        let start = ThreadStart(name: name) {
            let result = Result { try body() }
            let waiters = outcome.withLock { state in
                state.result = result
                defer { state.waiters = [] }
                return state.waiters
            }
            outcome.broadcast()
            for waiter in waiters { waiter.resume(with: result) }
        }
        start.launch()
    }

    /// Blocks the calling thread until the body has returned, and returns what it returned.
    ///
    /// For threads of your own; from a task, use ``value`` instead.
    /// - Throws: What the body threw.
    public func join() throws -> Success {
        try outcome.wait { $0.result }.get()
    }

    /// Like ``join()``, but gives up after `timeout`: `nil` if the body is still running then.
    public func join(timeout: Duration) throws -> Success? {
        try outcome.wait(until: { $0.result }, timeout: timeout)?.get()
    }

    /// What the body returned, once it has; suspends the task without blocking a thread.
    public var value: Success {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let finished = outcome.withLock { state -> Result<Success, any Error>? in
                    if let result = state.result { return result }
                    state.waiters.append(continuation)
                    return nil
                }
                if let finished { continuation.resume(with: finished) }
            }
        }
    }
}

/// What a new thread runs, passed through `pthread_create`'s context pointer.
///
/// `@unchecked Sendable` is true here: the closure was given up by its creator (`sending`) and
/// only the new thread ever calls it.
private final class ThreadStart: @unchecked Sendable {
    let name: String
    let body: () -> Void

    init(name: String, body: @escaping () -> Void) {
        self.name = name
        self.body = body
    }

    func launch() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Darwin)
            var thread: pthread_t?
        #else
            var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, runThreadStart, context)
        guard status == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(context).release()
            fatalError("pthread_create failed: \(String(cString: strerror(status)))")
        }
    }

    func run() {
        let shortName = String(decoding: name.utf8.prefix(15), as: UTF8.self)
        #if canImport(Darwin)
            pthread_setname_np(shortName)
        #else
            // Glibc's pthread_setname_np is not imported (it needs _GNU_SOURCE); the kernel's
            // own interface does the same.
            let descriptor = open("/proc/thread-self/comm", O_WRONLY)
            if descriptor >= 0 {
                _ = shortName.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
            }
        #endif
        body()
    }
}

#if canImport(Darwin)
    private func runThreadStart(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        Unmanaged<ThreadStart>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }
#else
    private func runThreadStart(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }
#endif
