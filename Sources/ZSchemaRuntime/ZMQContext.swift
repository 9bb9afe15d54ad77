import CZeroMQ

/// A libzmq context: the owner of sockets and the transport for `inproc://` endpoints.
///
/// A context is thread-safe. Sockets created from it must all be closed before the context can
/// terminate; `deinit` terminates it, so keep the context alive as long as any of its sockets.
public final class ZMQContext: @unchecked Sendable {
    /// The underlying `void *` context handle.
    public let handle: UnsafeMutableRawPointer

    /// A process-wide context, created on first use and never terminated.
    public static let shared = ZMQContext()

    /// Creates a new context with libzmq's defaults (one I/O thread).
    public init(ioThreads: Int32 = 1) {
        guard let handle = zmq_ctx_new() else {
            fatalError("zmq_ctx_new failed: \(ZMQError.last("zmq_ctx_new"))")
        }
        self.handle = handle
        if ioThreads != 1 { zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads) }
    }

    deinit {
        // Retries on EINTR; sockets left open would make this block, which linger=0 on close prevents.
        while zmq_ctx_term(handle) == -1 && zmq_errno() == EINTR {}
    }

    /// Interrupts every blocking call on this context's sockets with `ETERM` (as `zmq_ctx_shutdown`).
    public func shutdown() { zmq_ctx_shutdown(handle) }

    /// The version of the libzmq library linked at run time, as (major, minor, patch).
    public static var libraryVersion: (major: Int32, minor: Int32, patch: Int32) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (major, minor, patch)
    }

    /// The oldest libzmq the runtime opens sockets with: 4.3.2 fixed CVE-2019-6250 (a remote
    /// peer could write past a buffer, 4.2.0 to 4.3.0) and CVE-2019-13132 (a stack overflow a
    /// remote CURVE peer could cause before authenticating, 4.0.0 to 4.3.1).
    public static let minimumLibraryVersion: (major: Int32, minor: Int32, patch: Int32) = (4, 3, 2)

    /// Why the runtime refuses libzmq `version`, or nil when it is recent enough.
    public static func libraryVersionProblem(_ version: (major: Int32, minor: Int32, patch: Int32)) -> ZMQError? {
        let minimum = minimumLibraryVersion
        guard [version.major, version.minor, version.patch].lexicographicallyPrecedes([minimum.major, minimum.minor, minimum.patch]) else {
            return nil
        }
        return ZMQError(
            code: ENOTSUP, operation: "libzmq \(version.major).\(version.minor).\(version.patch)",
            message: "older than \(minimum.major).\(minimum.minor).\(minimum.patch), which fixed CVE-2019-6250 and CVE-2019-13132; upgrade libzmq")
    }

    /// ``libraryVersionProblem(_:)`` for the library linked at run time, checked once.
    static let linkedLibraryProblem = libraryVersionProblem(libraryVersion)

    /// Whether libzmq was built with a capability such as `"curve"` or `"ipc"` (`zmq_has`).
    public static func has(_ capability: String) -> Bool { zmq_has(capability) == 1 }
}
