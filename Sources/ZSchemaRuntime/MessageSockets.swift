/// A typed wrapper around one ``ZMQSocket``.
public protocol MessageSocket: AnyObject, Sendable {
    /// The socket underneath, for options, monitoring and polling.
    var socket: ZMQSocket { get }
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
        try Incoming(frames: socket.receive())
    }

    /// Waits at most `timeout` for a message; `nil` if none arrived.
    @inlinable
    public func receive(timeout: Duration) throws -> Incoming? {
        guard let frames = try socket.receive(timeout: timeout) else { return nil }
        return try Incoming(frames: frames)
    }

    /// The messages this socket receives, as an async sequence.
    ///
    /// Blocking receives run on a serial dispatch queue of the sequence's own, never on Swift's
    /// cooperative pool. Messages that fail to decode are passed to `onInvalid` and skipped, so
    /// one bad peer cannot end the stream. The sequence ends when the task is cancelled or the
    /// context is shut down; while it runs, use the socket from no other thread.
    public func messages(
        onInvalid: @escaping @Sendable (any Error) -> Void = MessageStreamDefaults.reportInvalid
    ) -> MessageStream<Incoming> {
        MessageStream(socket: socket, onInvalid: onInvalid) { frames throws(MessageDecodingError) in
            try Incoming(frames: frames)
        }
    }
}

/// Sends messages to every connected subscriber (PUB).
public final class Publisher<Outgoing: ZSchemaMessage>: MessageSending {
    public let socket: ZMQSocket
    /// Opens a PUB socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .pub)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open PUB socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .pub, "expected a PUB socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
}

/// Receives published messages whose first frame starts with a subscribed prefix (SUB).
public final class Subscriber<Incoming: ZSchemaMessage>: MessageReceiving {
    public let socket: ZMQSocket
    /// Opens a SUB socket and binds or connects it to `endpoint`. It receives nothing until
    /// subscribed.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .sub)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open SUB socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .sub, "expected a SUB socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
    /// Subscribes to messages whose first frame starts with `prefix` (empty: all messages).
    public func subscribe(prefix: [UInt8]) throws { try socket.subscribe(prefix: prefix) }
    /// Removes a subscription.
    public func unsubscribe(prefix: [UInt8]) throws { try socket.unsubscribe(prefix: prefix) }
}

/// Sends messages round-robin to connected pullers (PUSH).
public final class Pusher<Outgoing: ZSchemaMessage>: MessageSending {
    public let socket: ZMQSocket
    /// Opens a PUSH socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .push)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open PUSH socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .push, "expected a PUSH socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
}

/// Receives messages fair-queued from connected pushers (PULL).
public final class Puller<Incoming: ZSchemaMessage>: MessageReceiving {
    public let socket: ZMQSocket
    /// Opens a PULL socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .pull)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open PULL socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .pull, "expected a PULL socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
}

/// Sends a request and receives its reply, strictly alternating (REQ).
public final class Requester<Outgoing: ZSchemaMessage, Incoming: ZSchemaMessage>: MessageSending, MessageReceiving {
    public let socket: ZMQSocket
    /// Opens a REQ socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .req)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open REQ socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .req, "expected a REQ socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
    /// Sends `request` and waits at most `timeout` for the reply; `nil` on timeout. After a
    /// timeout a REQ socket cannot send again: close it and open a new one (Lazy Pirate).
    public func request(_ request: Outgoing, timeout: Duration) throws -> Incoming? {
        try send(request)
        return try receive(timeout: timeout)
    }
}

/// Receives a request and sends its reply, strictly alternating (REP).
public final class Replier<Incoming: ZSchemaMessage, Outgoing: ZSchemaMessage>: MessageSending, MessageReceiving {
    public let socket: ZMQSocket
    /// Opens a REP socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .rep)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open REP socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .rep, "expected a REP socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
}

/// Sends and receives freely, without envelopes of its own (DEALER).
public final class Dealer<Outgoing: ZSchemaMessage, Incoming: ZSchemaMessage>: MessageSending, MessageReceiving {
    public let socket: ZMQSocket
    /// Opens a DEALER socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .dealer)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open DEALER socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .dealer, "expected a DEALER socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
}

/// An exclusive two-way channel with one peer (PAIR).
public final class Pair<Outgoing: ZSchemaMessage, Incoming: ZSchemaMessage>: MessageSending, MessageReceiving {
    public let socket: ZMQSocket
    /// Opens a PAIR socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .pair)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket)
    }
    /// Wraps an open PAIR socket that the caller binds or connects (for example after
    /// attaching a ``SocketMonitor``, so that no connection event is missed).
    public init(socket: ZMQSocket) {
        precondition(socket.type == .pair, "expected a PAIR socket, got \(socket.type.rawValue)")
        self.socket = socket
    }
}
