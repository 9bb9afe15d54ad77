import CZeroMQ

/// An error reported by libzmq, carrying the `errno` value and libzmq's own description of it.
public struct ZMQError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `errno` value libzmq set (for example `EAGAIN` when a timeout expired).
    public let code: Int32
    /// `zmq_strerror(code)`.
    public let message: String
    /// The libzmq call that failed, such as `zmq_bind(tcp://*:9003)`.
    public let operation: String

    /// Creates an error from an explicit code.
    public init(code: Int32, operation: String) {
        self.code = code
        self.message = String(cString: zmq_strerror(code))
        self.operation = operation
    }

    /// Creates an error with its own message, for a failure that is not an `errno`.
    public init(code: Int32, operation: String, message: String) {
        self.code = code
        self.message = message
        self.operation = operation
    }

    /// Captures `zmq_errno()` right after a failed libzmq call.
    @usableFromInline
    static func last(_ operation: @autoclosure () -> String) -> ZMQError {
        ZMQError(code: zmq_errno(), operation: operation())
    }

    /// True when the call failed because it would block or its timeout expired (`EAGAIN`).
    public var isTimeout: Bool { code == EAGAIN }

    /// True when the context was terminated while the call was waiting (`ETERM`).
    public var isContextTerminated: Bool { code == ETERM }

    public var description: String { "\(operation): \(message) (errno \(code))" }
}

/// Runs a libzmq call that returns -1 on failure.
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(ZMQError) {
    if result == -1 { throw ZMQError.last(operation()) }
}
