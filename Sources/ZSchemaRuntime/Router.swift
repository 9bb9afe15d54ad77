/// The routing envelope a ROUTER socket received with a message: the peer's routing id, then
/// (for REQ peers) the empty delimiter frame. Sending it back first routes a reply to that peer.
public struct RoutingEnvelope: Sendable, Hashable {
    /// The envelope frames, routing id first.
    public let frames: [[UInt8]]
    /// The routing id libzmq gave the peer (or the one the peer set).
    public var identity: [UInt8] { frames.first ?? [] }

    @usableFromInline init(frames: [[UInt8]]) { self.frames = frames }
}

/// A message a ROUTER received that does not fit the schema, with the envelope needed to answer
/// the peer anyway (a REQ peer waits for a reply to every request).
public struct RoutedDecodingError: Error, Sendable, CustomStringConvertible {
    /// Who sent it.
    public let peer: RoutingEnvelope
    /// Why it does not fit.
    public let error: MessageDecodingError
    public var description: String { "from peer \(peer.identity.hexString): \(error)" }

    @usableFromInline
    init(peer: RoutingEnvelope, error: MessageDecodingError) {
        self.peer = peer
        self.error = error
    }
}

/// Receives messages tagged with the peer that sent them and routes replies back (ROUTER).
/// The routing envelope is taken off on receive and put back by ``reply(to:_:dontWait:)``.
public final class Router<Incoming: ZSchemaMessage, Outgoing: ZSchemaMessage>: MessageSocket {
    public let socket: ZMQSocket
    /// Whether peers put an empty delimiter frame after their routing id (REQ peers do,
    /// DEALER peers do not).
    public let peersUseDelimiter: Bool

    /// Opens a ROUTER socket and binds or connects it to `endpoint`.
    public convenience init(context: ZMQContext = .shared, endpoint: String, bind: Bool, peersUseDelimiter: Bool) throws {
        let socket = try ZMQSocket(context: context, type: .router)
        try socket.attach(to: endpoint, bind: bind)
        self.init(socket: socket, peersUseDelimiter: peersUseDelimiter)
    }

    /// Wraps an open ROUTER socket that the caller binds or connects.
    public init(socket: ZMQSocket, peersUseDelimiter: Bool) {
        precondition(socket.type == .router, "expected a ROUTER socket, got \(socket.type.rawValue)")
        self.socket = socket
        self.peersUseDelimiter = peersUseDelimiter
    }

    /// Blocks until a message arrives; returns it with the peer that sent it.
    /// - Throws: ``RoutedDecodingError`` for a message that does not fit (reply to its `peer`
    ///   so that a REQ peer is not left waiting), or ``ZMQError``.
    public func receive() throws -> (peer: RoutingEnvelope, message: Incoming) {
        try Self.decode(socket.receive(), peersUseDelimiter: peersUseDelimiter)
    }

    /// Waits at most `timeout` for a message; `nil` if none arrived.
    public func receive(timeout: Duration) throws -> (peer: RoutingEnvelope, message: Incoming)? {
        guard let frames = try socket.receive(timeout: timeout) else { return nil }
        return try Self.decode(frames, peersUseDelimiter: peersUseDelimiter)
    }

    /// Sends `message` to the peer that `peer` came from.
    public func reply(to peer: RoutingEnvelope, _ message: Outgoing, dontWait: Bool = false) throws {
        try socket.send(dontWait: dontWait) { writer in
            for frame in peer.frames { writer.append(bytes: frame) }
            try message.encode(into: &writer)
        }
    }

    /// The messages this socket receives with their peers, as an async sequence; see
    /// ``MessageReceiving/messages(onInvalid:)``. Undecodable messages reach `onInvalid` as
    /// ``RoutedDecodingError`` values that carry the peer.
    @inlinable
    public func messages(
        onInvalid: @escaping (any Error) -> Void = MessageStreamDefaults.reportInvalid
    ) -> MessageStream<(peer: RoutingEnvelope, message: Incoming)> {
        let delimited = peersUseDelimiter
        return MessageStream(socket: socket, onInvalid: onInvalid) { frames in
            try Self.decode(frames, peersUseDelimiter: delimited)
        }
    }

    @inlinable
    static func decode(
        _ frames: ReceivedFrames, peersUseDelimiter: Bool
    ) throws(RoutedDecodingError) -> (peer: RoutingEnvelope, message: Incoming) {
        let envelopeCount = peersUseDelimiter ? 2 : 1
        let envelope = (0..<min(envelopeCount, frames.frameCount)).map { index in
            frames.withFrame(at: index) { [UInt8]($0) }
        }
        let peer = RoutingEnvelope(frames: envelope)
        if peersUseDelimiter, envelope.count == 2, !envelope[1].isEmpty {
            throw RoutedDecodingError(
                peer: RoutingEnvelope(frames: [envelope[0]]),
                error: MessageDecodingError(
                    message: Incoming.messageName, frame: nil, field: "envelope",
                    reason: .constantMismatch(expected: [], actual: Array(envelope[1].prefix(32)))))
        }
        do {
            return (peer, try Incoming(frames: FrameSlice(frames, droppingFirst: envelopeCount)))
        } catch {
            throw RoutedDecodingError(peer: peer, error: error)
        }
    }
}
