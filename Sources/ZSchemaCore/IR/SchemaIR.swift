/// The checked model of every schema in one compilation: services, their sockets, the links
/// between sockets and the messages that travel over them.
///
/// `zschema ir --json` prints this value; its shape is described in `docs/IR.md` and changes
/// only with ``formatVersion``.
public struct SchemaIR: Sendable, Hashable, Codable {
    /// The version of this JSON shape.
    public var formatVersion = 1
    /// The schema files, in the order given.
    public var files: [String]
    /// Every service, in file order.
    public var services: [Service]
    /// Every distinct message, in the order first declared.
    public var messages: [Message]
    /// Every socket message set with more than one message, as one Swift enum.
    public var unions: [MessageUnion]
    /// Every connect resolved to the bind it reaches.
    public var links: [Link]

    /// The message called `name`.
    public func message(named name: String) -> Message? { messages.first { $0.name == name } }

    /// The ids of the sockets linked to socket `id`, either way, in link order.
    public func peers(of id: String) -> [String] {
        links.compactMap { link in
            link.connecting == id ? link.binding : link.binding == id ? link.connecting : nil
        }
    }

    /// The socket with the given id.
    public func socket(_ id: String) -> Socket? {
        for service in services { if let socket = service.sockets.first(where: { $0.id == id }) { return socket } }
        return nil
    }
}

/// One service (`tickz.server (C, Server)`).
public struct Service: Sendable, Hashable, Codable {
    /// The dotted name, unique in the compilation (`tickz.server`).
    public var id: String
    /// The first part of the name (`tickz`).
    public var system: String
    /// The rest of the name (`server`), nil for a one-part name such as `dealz`.
    public var role: String?
    /// The parenthesised list: original language, kind and so on.
    public var metadata: [MetadataItem]
    /// The comment lines above the header.
    public var documentation: [String]
    /// Where the header is.
    public var location: SourceLocation
    /// The generated Swift type (`TickzServer`).
    public var swiftName: String
    /// The sockets, in file order.
    public var sockets: [Socket]
}

/// One item of a service's metadata list.
public struct MetadataItem: Sendable, Hashable, Codable {
    /// The text without the `?` marker.
    public var name: String
    /// Whether it was marked optional with `?`.
    public var isOptional: Bool
}

/// The ZeroMQ socket types.
public enum SocketKind: String, Sendable, Hashable, Codable, CaseIterable {
    case REQ, REP, DEALER, ROUTER, PUB, SUB, XPUB, XSUB, PUSH, PULL, PAIR, STREAM
}

/// A socket of a service.
public struct Socket: Sendable, Hashable, Codable {
    /// `service/property`, unique in the compilation (`tickz.server/pub`).
    public var id: String
    /// The property name on the generated service type (`pub`, `chatzSub`).
    public var property: String
    /// The socket type.
    public var kind: SocketKind
    /// Where it binds or connects.
    public var endpoint: Endpoint
    /// The comment lines above the socket and its trailing comment.
    public var documentation: [String]
    /// Where the socket line is.
    public var location: SourceLocation
    /// Names of the messages this socket sends (declared here or taken from its peers).
    public var outgoing: [String]
    /// Names of the messages this socket receives.
    public var incoming: [String]
    /// The generated Swift type of what it sends: a message type, a union enum or `RawMessage`.
    public var outgoingType: String?
    /// The generated Swift type of what it receives.
    public var incomingType: String?
    /// The `?>` subscriptions of a SUB/XSUB socket.
    public var subscriptions: [Subscription]
    /// For a `PAIR inproc://monitor.<system>.<type>` socket: the id of the socket it monitors.
    public var monitoredSocket: String?
}

/// A ZeroMQ endpoint.
public struct Endpoint: Sendable, Hashable, Codable {
    /// The endpoint without any `@`/`>` prefix (`tcp://*:9003`).
    public var address: String
    /// `tcp`, `ipc`, `inproc`, ...
    public var transport: String
    /// Whether the socket binds (otherwise it connects).
    public var binds: Bool
    /// For tcp: the host part (`*`, `localhost`).
    public var host: String?
    /// For tcp: the port, or nil for `*` (any free port).
    public var port: Int?
}

/// A `?>` line: a prefix filter on the first frame.
public struct Subscription: Sendable, Hashable, Codable {
    /// The frame that gives the prefix.
    public var frame: Frame
    /// True for `*`: the application adds subscriptions at run time; false: subscribed on open.
    public var isDynamic: Bool
    /// For a fixed subscription, the prefix bytes.
    public var prefix: [UInt8]?
    /// Comments above the line.
    public var documentation: [String]
    /// Where the `?>` is.
    public var location: SourceLocation
}

/// Several messages that may travel in one direction on one socket (valuz.reduce's PULL
/// receives READY or a result), generated as one enum.
public struct MessageUnion: Sendable, Hashable, Codable {
    /// The Swift enum's name.
    public var name: String
    /// The alternatives, in the order the decoder tries them.
    public var messages: [String]
    /// The socket whose declaration defines it.
    public var location: SourceLocation
}

/// A resolved `connect` → `bind` pair.
public struct Link: Sendable, Hashable, Codable {
    /// The connecting socket's id.
    public var connecting: String
    /// The binding socket's id.
    public var binding: String
}

/// A message: an ordered list of frames.
public struct Message: Sendable, Hashable, Codable {
    /// The Swift type name, unique in the compilation (`Tick`).
    public var name: String
    /// The comments above the message and after its lines.
    public var documentation: [String]
    /// Where the arrow is.
    public var location: SourceLocation
    /// The frames, in order.
    public var frames: [Frame]
}

/// One frame of a message.
public struct Frame: Sendable, Hashable, Codable {
    /// The field name for a typed frame (constants keep theirs for documentation), nil for a
    /// string frame (its captures are the fields).
    public var name: String?
    /// What the frame holds.
    public var kind: FrameKind
    /// `+`, `*` or once.
    public var repetition: Repetition
    /// Where the `[` is.
    public var location: SourceLocation
}

/// What a frame holds.
public enum FrameKind: Sendable, Hashable, Codable {
    /// A fixed-width big-endian number or a one-byte bool.
    case scalar(ScalarType)
    /// Any UTF-8 text.
    case string
    /// Raw bytes.
    case bytes
    /// One of several named values of one width.
    case enumeration(EnumType)
    /// A fixed value; no field in the API.
    case constant(Constant)
    /// UTF-8 text matching a pattern; its named captures are the fields.
    case text(TextPattern)
}

/// An enum frame's type.
public struct EnumType: Sendable, Hashable, Codable {
    /// The wire width.
    public var width: ScalarType
    /// The cases in declaration order.
    public var cases: [EnumCase]
}

/// One enum case.
public struct EnumCase: Sendable, Hashable, Codable {
    /// The name as written (`BUY`).
    public var name: String
    /// The value in decimal.
    public var value: String
}

/// A constant frame.
public struct Constant: Sendable, Hashable, Codable {
    /// The case name (`START`); nil for a constant string frame.
    public var name: String?
    /// The integer width, nil for a constant string frame.
    public var width: ScalarType?
    /// The value in decimal, or the text of a constant string frame.
    public var value: String
    /// The exact bytes on the wire.
    public var bytes: [UInt8]
}

/// A string frame's pattern.
public struct TextPattern: Sendable, Hashable, Codable {
    /// The pattern as written in the schema.
    public var source: String
    /// The pattern in PCRE2 syntax (named captures as `(?<name>...)`).
    public var pcre: String
    /// The named captures, in group order.
    public var captures: [PatternCapture]
    /// How to assemble the text from the captures, nil when the API takes the whole text.
    public var template: [TemplatePart]?
    /// One text the pattern matches, when zschema could derive it.
    public var example: String?
}
