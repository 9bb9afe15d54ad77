import CZeroMQ

/// libzmq's built-in proxy (`zmq_proxy_steerable`): shuttles messages between two sockets, such
/// as an XSUB facing publishers and an XPUB facing subscribers, until told to stop.
public enum ZMQProxy {
    /// Runs the proxy on the calling thread until `control` receives `TERMINATE` or the context
    /// is shut down (both return normally). Every message is also copied to `capture`, if given.
    ///
    /// Call it from a thread of its own, such as a ``SocketThread`` that owns the three sockets
    /// (never from a Swift task: it blocks).
    public static func run(
        frontend: ZMQSocket, backend: ZMQSocket, capture: ZMQSocket? = nil, control: ZMQSocket? = nil
    ) throws(ZMQError) {
        let result = zmq_proxy_steerable(
            try frontend.handle(), try backend.handle(), try capture?.handle(), try control?.handle())
        if result == -1 {
            let error = ZMQError.last("zmq_proxy_steerable")
            if !error.isContextTerminated { throw error }
        }
    }

    /// The command that stops a steerable proxy, sent to its control socket.
    public static let terminateCommand: [UInt8] = Array("TERMINATE".utf8)
}
