import ZSchemaRuntime

/// Reliable request-reply to chatz over REQ (the ZeroMQ guide's Lazy Pirate): wait a bounded
/// time for each reply; on a timeout close the socket, open a new one and resend; give up after
/// `retries` attempts.
public final class LazyPirate {
    /// The REQ wrapper for chatz requests, as every service that talks to chatz declares it.
    public typealias ChatSocket = Requester<ChatRequest, UserListOrNoUsers>

    /// How a request ended.
    public enum Outcome: Equatable, Sendable {
        /// The server replied with its current users.
        case answered([String])
        /// The context was shut down (Ctrl-C) while waiting.
        case stopped
        /// No reply after every retry.
        case unreachable
    }

    public let context: ZMQContext
    public let endpoint: String
    /// The current socket; replaced after every timeout.
    public private(set) var socket: ChatSocket
    public let timeout: Duration
    public let retries: Int
    let log: ServiceLog
    /// Sets options on each fresh socket before it connects, as on the first one.
    let configure: (ZMQSocket) throws -> Void

    /// Wraps `socket`, already connected to `endpoint` on `context`; `configure` sets the same
    /// options (heartbeats, for one) on every socket opened after a timeout.
    public init(
        context: ZMQContext, endpoint: String, socket: ChatSocket, timeout: Duration, retries: Int, log: ServiceLog,
        configure: @escaping (ZMQSocket) throws -> Void = { _ in }
    ) {
        self.context = context
        self.endpoint = endpoint
        self.socket = socket
        self.timeout = timeout
        self.retries = retries
        self.log = log
        self.configure = configure
    }

    /// Sends `request` and waits for the reply, retrying on a fresh socket after each timeout.
    /// - Throws: errors other than a timeout or shutdown (a malformed reply, for instance).
    public func request(_ request: ChatRequest) throws -> Outcome {
        for attempt in 1...retries {
            do {
                try socket.send(request)
                if let reply = try socket.receive(timeout: timeout) {
                    switch reply {
                    case .userList(let list): return .answered(list.usr)
                    case .noUsers: return .answered([])
                    }
                }
            } catch {
                if error.isShutdown { return .stopped }
                throw error
            }
            log("no reply from \(endpoint) within \(timeout) (attempt \(attempt) of \(retries))")
            socket.socket.close()
            socket = try ChatSocket(context: context, endpoint: endpoint, bind: false, configure: configure)
        }
        log("server unreachable at \(endpoint); giving up")
        return .unreachable
    }
}
