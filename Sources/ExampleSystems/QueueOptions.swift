import ArgumentParser
import ZSchemaRuntime

/// The queue-size option of the valuz programs (`--high-water-mark`): how many messages each
/// pipeline socket (PUSH or PULL) queues per peer before a PUSH blocks; nothing is lost.
///
/// Control sockets (PUB and SUB: START, RESEND, EXIT) keep libzmq's 1000. A SUB whose queue
/// is full stops reading its connection, and with heartbeats on that is where libzmq 4.3.4
/// aborts (libzmq #3937); a PUB whose queue is full drops START or EXIT.
public struct QueueOptions: ParsableArguments, Sendable {
    @Option(help: "Messages queued per peer and direction on PUSH and PULL sockets (ZMQ_SNDHWM and ZMQ_RCVHWM); libzmq's default is 1000.")
    public var highWaterMark: Int32?

    /// libzmq's defaults.
    public init() {}

    public func validate() throws {
        if let highWaterMark, highWaterMark < 1 { throw ValidationError("--high-water-mark must be at least 1.") }
    }

    /// Sets both high-water marks on `socket` if it is a PUSH or PULL socket, before it binds or
    /// connects; nothing by default.
    public func apply(to socket: ZMQSocket) throws(ZMQError) {
        guard let highWaterMark, socket.type.isPipeline else { return }
        try socket.setSendHighWaterMark(highWaterMark)
        try socket.setReceiveHighWaterMark(highWaterMark)
    }
}
