/// A typed wrapper around one ``ZMQSocket``.
///
/// Wrappers are not `Sendable`, like the socket they wrap: see <doc:Threading>.
public protocol MessageSocket: AnyObject {
    /// The socket underneath, for options, monitoring and polling.
    var socket: ZMQSocket { get }
}

/// A typed wrapper that stands for exactly one libzmq socket type and can be opened from an
/// endpoint: every wrapper but ``Router`` (whose envelope handling needs more to go on).
public protocol TypedSocket: MessageSocket {
    /// The libzmq socket type the wrapper stands for.
    static var socketType: SocketType { get }

    /// Wraps an open socket of ``socketType`` that the caller binds or connects (for example
    /// after attaching a ``SocketMonitor``, so that no connection event is missed).
    init(socket: ZMQSocket)
}

extension TypedSocket {
    /// Opens a socket of ``socketType`` on `context` and binds (`bind == true`) or connects it
    /// to `endpoint`. A SUB socket receives nothing until subscribed.
    ///
    /// `configure` is called with the socket before it binds or connects: the place for options
    /// that must precede them (heartbeats, `setMaximumMessageSize`, CURVE keys).
    public init(
        context: ZMQContext = .shared, endpoint: String, bind: Bool, configure: (ZMQSocket) throws -> Void = { _ in }
    ) throws {
        let socket = try ZMQSocket(context: context, type: Self.socketType)
        try configure(socket)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }

    /// `socket`, after checking that it has the wrapper's type (a wrapper around the wrong
    /// socket type would fail at its first send or receive, far from the mistake).
    public static func checked(_ socket: ZMQSocket) -> ZMQSocket {
        precondition(
            socket.type == socketType,
            "\(Self.self) needs a \(socketType.rawValue) socket, got \(socket.type.rawValue)")
        return socket
    }
}

/// A socket that sends messages of one type.
public protocol MessageSending: MessageSocket {
    /// The message type this socket sends (an enum when it sends several alternatives).
    associatedtype Outgoing: ZSchemaMessage
}

/// A socket that receives messages of one type.
public protocol MessageReceiving: MessageSocket {
    /// The message type this socket receives (an enum when it receives several alternatives).
    associatedtype Incoming: ZSchemaMessage
}

extension MessageSending {
    /// Encodes `message` in place into libzmq buffers and sends it as one multipart message.
    /// - Throws: ``MessageEncodingError`` (nothing is sent), or ``ZMQError``.
    @inlinable
    public func send(_ message: Outgoing, dontWait: Bool = false) throws {
        try socket.send(dontWait: dontWait) { writer in try message.encode(into: &writer) }
    }
}

extension MessageReceiving {
    /// Blocks until a message arrives and decodes it.
    /// - Throws: ``MessageDecodingError`` for a message that does not fit the schema (it is
    ///   consumed; the next receive gets the next message), or ``ZMQError``.
    @inlinable
    public func receive() throws -> Incoming {
        try socket.receive(Incoming.self)
    }

    /// Waits at most `timeout` for a message; `nil` if none arrived.
    @inlinable
    public func receive(timeout: Duration) throws -> Incoming? {
        try socket.receive(Incoming.self, timeout: timeout)
    }

    /// The messages this socket receives, as an async sequence.
    ///
    /// Waiting for a message suspends the iterating task without holding a thread, and the
    /// socket is only ever used in that task's isolation. Messages that fail to decode are
    /// passed to `onInvalid` and skipped, so one bad peer cannot end the stream. The sequence
    /// ends when the task is cancelled, the socket is closed or its context is shut down.
    @inlinable
    public func messages(
        onInvalid: @escaping (any Error) -> Void = MessageStreamDefaults.reportInvalid
    ) -> MessageStream<Incoming> {
        MessageStream(socket: socket, onInvalid: onInvalid) { frames throws(MessageDecodingError) in
            try Incoming(frames: frames)
        }
    }
}
