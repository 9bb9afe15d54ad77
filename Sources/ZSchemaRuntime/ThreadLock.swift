#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX mutex with a condition variable.
///
/// The runtime uses POSIX primitives rather than `Synchronization.Mutex` on purpose:
/// ThreadSanitizer understands `pthread_mutex_t`, so a test run under it checks the runtime's
/// own hand-offs instead of reporting the lock's protected state as a race.
final class ThreadLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = .allocate(capacity: 1)
    private let condition: UnsafeMutablePointer<pthread_cond_t> = .allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the mutex held.
    @inline(__always)
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// With the mutex held: releases it while waiting for ``broadcast()``, then holds it again.
    func waitForBroadcast() { pthread_cond_wait(condition, mutex) }

    /// Like ``waitForBroadcast()``, but gives up at `deadline` (a `CLOCK_REALTIME` time);
    /// returns false then.
    func waitForBroadcast(deadline: timespec) -> Bool {
        var deadline = deadline
        return pthread_cond_timedwait(condition, mutex, &deadline) != ETIMEDOUT
    }

    /// Wakes every thread waiting in ``waitForBroadcast()``.
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// A value that several threads share, guarded by a ``ThreadLock``.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = ThreadLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        try lock.withLock { try body(&value) }
    }

    /// Blocks until `ready` returns a result for the value; ``withLock(_:)`` callers that change
    /// what `ready` looks at call ``broadcast()`` afterwards.
    func wait<R>(until ready: (Value) -> R?) -> R {
        lock.withLock {
            while true {
                if let result = ready(value) { return result }
                lock.waitForBroadcast()
            }
        }
    }

    /// Like ``wait(until:)``, but returns `nil` if `ready` has no result within `timeout`.
    func wait<R>(until ready: (Value) -> R?, timeout: Duration) -> R? {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(now.tv_nsec) + Int(attoseconds / 1_000_000_000)
        let deadline = timespec(
            tv_sec: now.tv_sec + Int(seconds) + nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
        return lock.withLock {
            while true {
                if let result = ready(value) { return result }
                if !lock.waitForBroadcast(deadline: deadline) { return ready(value) }
            }
        }
    }

    /// Wakes the threads blocked in ``wait(until:)``.
    func broadcast() { lock.withLock { lock.broadcast() } }
}
