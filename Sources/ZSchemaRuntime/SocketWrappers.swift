// The typed wrappers, one per socket type but ROUTER (see Router.swift). Each adds to
// ``TypedSocket`` only what its socket type allows beyond sending and receiving.

/// Sends messages to every connected subscriber (PUB).
public final class Publisher<Outgoing: ZSchemaMessage>: MessageSending, TypedSocket {
    public static var socketType: SocketType { .pub }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// Receives published messages whose first frame starts with a subscribed prefix (SUB).
public final class Subscriber<Incoming: ZSchemaMessage>: MessageReceiving, TypedSocket {
    public static var socketType: SocketType { .sub }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
    /// Subscribes to messages whose first frame starts with `prefix` (empty: all messages).
    public func subscribe(prefix: [UInt8]) throws { try socket.subscribe(prefix: prefix) }
    /// Removes a subscription.
    public func unsubscribe(prefix: [UInt8]) throws { try socket.unsubscribe(prefix: prefix) }
}

/// Sends messages round-robin to connected pullers (PUSH).
public final class Pusher<Outgoing: ZSchemaMessage>: MessageSending, TypedSocket {
    public static var socketType: SocketType { .push }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// Receives messages fair-queued from connected pushers (PULL).
public final class Puller<Incoming: ZSchemaMessage>: MessageReceiving, TypedSocket {
    public static var socketType: SocketType { .pull }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// Sends a request and receives its reply, strictly alternating (REQ).
public final class Requester<Outgoing: ZSchemaMessage, Incoming: ZSchemaMessage>: MessageSending, MessageReceiving, TypedSocket {
    public static var socketType: SocketType { .req }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
    /// Sends `request` and waits at most `timeout` for the reply; `nil` on timeout. After a
    /// timeout a REQ socket cannot send again: close it and open a new one (Lazy Pirate).
    public func request(_ request: Outgoing, timeout: Duration) throws -> Incoming? {
        try send(request)
        return try receive(timeout: timeout)
    }
}

/// Receives a request and sends its reply, strictly alternating (REP).
public final class Replier<Incoming: ZSchemaMessage, Outgoing: ZSchemaMessage>: MessageSending, MessageReceiving, TypedSocket {
    public static var socketType: SocketType { .rep }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// Sends and receives freely, without envelopes of its own (DEALER).
public final class Dealer<Outgoing: ZSchemaMessage, Incoming: ZSchemaMessage>: MessageSending, MessageReceiving, TypedSocket {
    public static var socketType: SocketType { .dealer }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// An exclusive two-way channel with one peer (PAIR).
public final class Pair<Outgoing: ZSchemaMessage, Incoming: ZSchemaMessage>: MessageSending, MessageReceiving, TypedSocket {
    public static var socketType: SocketType { .pair }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// An XPUB socket: publishes the schema's messages like a ``Publisher``, and receives the
/// subscriptions its subscribers make as ``SubscriptionEvent`` values (the building block of
/// forwarders and last-value caches).
public final class XPublisher<Outgoing: ZSchemaMessage>: MessageSending, MessageReceiving, TypedSocket {
    public typealias Incoming = SubscriptionEvent
    public static var socketType: SocketType { .xpub }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

/// An XSUB socket: receives what its publishers send, like a ``Subscriber``, and sends
/// subscriptions as ``SubscriptionEvent`` values (``subscribe(prefix:)`` builds them).
public final class XSubscriber<Incoming: ZSchemaMessage>: MessageSending, MessageReceiving, TypedSocket {
    public typealias Outgoing = SubscriptionEvent
    public static var socketType: SocketType { .xsub }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
    /// Sends a subscription: messages whose first frame starts with `prefix` are forwarded.
    public func subscribe(prefix: [UInt8]) throws { try send(SubscriptionEvent(.subscribe, prefix: prefix)) }
    /// Sends the removal of a subscription made with ``subscribe(prefix:)``.
    public func unsubscribe(prefix: [UInt8]) throws { try send(SubscriptionEvent(.unsubscribe, prefix: prefix)) }
}

/// A STREAM socket, for TCP peers that do not speak ZeroMQ: every message is a
/// ``StreamMessage``, a peer's routing id and raw bytes.
public final class StreamSocket: MessageSending, MessageReceiving, TypedSocket {
    public typealias Outgoing = StreamMessage
    public typealias Incoming = StreamMessage
    public static var socketType: SocketType { .stream }
    public let socket: ZMQSocket
    public init(socket: ZMQSocket) { self.socket = Self.checked(socket) }
}

// A wrapper is its socket: like ``ZMQSocket``, it is handed over, never shared.
@available(*, unavailable) extension Publisher: Sendable {}
@available(*, unavailable) extension Subscriber: Sendable {}
@available(*, unavailable) extension Pusher: Sendable {}
@available(*, unavailable) extension Puller: Sendable {}
@available(*, unavailable) extension Requester: Sendable {}
@available(*, unavailable) extension Replier: Sendable {}
@available(*, unavailable) extension Dealer: Sendable {}
@available(*, unavailable) extension Pair: Sendable {}
@available(*, unavailable) extension XPublisher: Sendable {}
@available(*, unavailable) extension XSubscriber: Sendable {}
@available(*, unavailable) extension StreamSocket: Sendable {}
@available(*, unavailable) extension Router: Sendable {}
@available(*, unavailable) extension SocketMonitor: Sendable {}
@available(*, unavailable) extension MessageStream: Sendable {}
