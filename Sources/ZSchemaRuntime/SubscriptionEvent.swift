/// A subscription as it travels from an XSUB (or SUB) socket to an XPUB socket: one frame, the
/// byte 1 (subscribe) or 0 (unsubscribe), then the prefix.
///
/// An ``XPublisher`` receives these and an ``XSubscriber`` sends them, so that a proxy or a
/// last-value cache sees exactly which prefixes its subscribers want.
public struct SubscriptionEvent: ZSchemaMessage, Hashable {
    public static var messageName: String { "SubscriptionEvent" }

    /// Whether a prefix is added or removed.
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
        case unsubscribe = 0
        case subscribe = 1
    }

    /// Whether the prefix is added or removed.
    public var kind: Kind
    /// The bytes a message's first frame must start with (empty: every message).
    public var prefix: [UInt8]

    /// Creates an event.
    public init(_ kind: Kind, prefix: [UInt8]) {
        self.kind = kind
        self.prefix = prefix
    }

    /// Decodes the one frame of a subscription; anything else is a ``MessageDecodingError``.
    public init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError) {
        var reader = try FrameReader(frames, message: Self.messageName, frameCount: 1...1)
        let bytes = try reader.bytes(field: "subscription")
        guard let first = bytes.first else {
            throw MessageDecodingError(message: Self.messageName, frame: 0, field: "subscription", reason: .frameSize(expected: 1, actual: 0))
        }
        guard let kind = Kind(rawValue: first) else {
            throw MessageDecodingError(message: Self.messageName, frame: 0, field: "subscription", reason: .unknownEnumValue(UInt64(first)))
        }
        self.kind = kind
        self.prefix = Array(bytes.dropFirst())
    }

    /// Writes the subscription's one frame.
    public func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
        writer.append(bytes: [kind.rawValue] + prefix)
    }
}

/// A message of a STREAM socket: the routing id of a TCP peer that does not speak ZeroMQ, and
/// bytes to or from it. An empty `data` received means the peer connected or disconnected; an
/// empty `data` sent closes the connection.
public struct StreamMessage: ZSchemaMessage, Hashable {
    public static var messageName: String { "StreamMessage" }

    /// The peer's routing id, as libzmq assigned it when it connected.
    public var routingID: [UInt8]
    /// Bytes of the TCP stream, as they came (no framing of any kind).
    public var data: [UInt8]

    /// Creates a message for or from `routingID`.
    public init(routingID: [UInt8], data: [UInt8]) {
        self.routingID = routingID
        self.data = data
    }

    /// Decodes the two frames libzmq delivers: routing id, data.
    public init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError) {
        var reader = try FrameReader(frames, message: Self.messageName, frameCount: 2...2)
        routingID = try reader.bytes(field: "routingID")
        data = try reader.bytes(field: "data")
    }

    /// Writes the routing id and the data.
    public func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
        writer.append(bytes: routingID)
        writer.append(bytes: data)
    }
}
