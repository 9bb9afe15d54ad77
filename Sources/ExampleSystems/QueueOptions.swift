import ArgumentParser
import ZSchemaRuntime

/// The queue-size option of the valuz programs (`--high-water-mark`): how many messages each
/// socket queues per peer before a PUSH blocks (nothing is lost) and a PUB drops.
public struct QueueOptions: ParsableArguments, Sendable {
    @Option(help: "Messages queued per peer and direction (ZMQ_SNDHWM and ZMQ_RCVHWM); libzmq's default is 1000.")
    public var highWaterMark: Int32?

    /// libzmq's defaults.
    public init() {}

    public func validate() throws {
        if let highWaterMark, highWaterMark < 1 { throw ValidationError("--high-water-mark must be at least 1.") }
    }

    /// Sets both high-water marks on `socket`, before it binds or connects; nothing by default.
    public func apply(to socket: ZMQSocket) throws(ZMQError) {
        guard let highWaterMark else { return }
        try socket.setSendHighWaterMark(highWaterMark)
        try socket.setReceiveHighWaterMark(highWaterMark)
    }
}
