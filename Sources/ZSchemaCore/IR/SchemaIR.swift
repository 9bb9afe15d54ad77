/// The checked model of every schema in one compilation: services, their sockets, the links
/// between sockets and the messages that travel over them.
///
/// The model is language-neutral: names are as written in the schemas (or derived from them by
/// the checker, and then marked so), and nothing in it is particular to Swift. The Swift backend
/// (``SwiftGenerator``) decides every Swift name from it; a generator for another language reads
/// the same model as JSON (`zschema ir --json`, shape in `docs/IR.md` and `docs/ir.schema.json`).
public struct SchemaIR: Sendable, Hashable, Encodable {
    /// The version of the JSON shape; it changes whenever the shape changes incompatibly.
    public static let currentFormatVersion = 2

    /// The version of this JSON shape.
    public var formatVersion = currentFormatVersion
    /// The schema files, in the order given.
    public var files: [String]
    /// Every service, in file order.
    public var services: [Service]
    /// Every distinct message, in the order first declared.
    public var messages: [Message]
    /// Every set of alternatives that some socket sends or receives.
    public var unions: [MessageUnion]
    /// Every connect resolved to the bind it reaches.
    public var links: [Link]

    /// The message called `name`.
    public func message(named name: String) -> Message? { messages.first { $0.name == name } }

    /// The largest frame `socket` can legally receive: the largest fixed frame of the messages it
    /// receives (at least 255 bytes, a routing id), or ``unboundedFrameLimit`` when one of them has
    /// a text or byte frame. Nil where
    /// the socket receives no schema messages (it cannot receive, or it is an XPUB, XSUB or
    /// STREAM socket, or its messages are raw).
    public func largestIncomingFrame(of socket: Socket) -> Int? {
        largestIncomingFrame(of: socket, messageNamed: message(named:), unionMessages: unionMessages(_:))
    }

    /// ``largestIncomingFrame(of:)`` with the look-ups supplied, for a caller that has indexed
    /// the messages and unions (the linear ones make a whole generation run quadratic).
    func largestIncomingFrame(of socket: Socket, messageNamed: (String) -> Message?, unionMessages: (String) -> [String]) -> Int? {
        guard let received = socket.receives, ![.XPUB, .XSUB, .STREAM].contains(socket.kind) else { return nil }
        let messages = Self.messages(in: received, unionMessages: unionMessages).compactMap(messageNamed)
        guard !messages.isEmpty else { return nil }
        var largest = 0
        for frame in messages.flatMap(\.frames) {
            guard let size = frame.kind.maximumSize else { return Self.unboundedFrameLimit }
            largest = max(largest, size)
        }
        // Routing ids (up to 255 bytes) travel as frames of their own: a ROUTER's peers', and the
        // envelope a REP or DEALER behind a broker gets.
        return max(largest, 255)
    }

    /// The frame limit of a socket whose messages have text or byte frames, which the schema does
    /// not bound: 1 MiB. A peer that sends a larger frame is disconnected; a service that needs
    /// more raises it in its `configure` step.
    public static let unboundedFrameLimit = 1 << 20

    /// The names of the messages in `set`.
    public func messages(in set: MessageSet) -> [String] {
        Self.messages(in: set, unionMessages: unionMessages(_:))
    }

    /// The names of the messages in union `id`.
    private func unionMessages(_ id: String) -> [String] { unions.first { $0.id == id }?.messages ?? [] }

    /// The names of the messages in `set`, with the union look-up supplied.
    private static func messages(in set: MessageSet, unionMessages: (String) -> [String]) -> [String] {
        switch set {
        case .message(let name): [name]
        case .union(let id): unionMessages(id)
        case .raw: []
        }
    }

    /// The socket with the given id.
    public func socket(_ id: String) -> Socket? {
        for service in services { if let socket = service.sockets.first(where: { $0.id == id }) { return socket } }
        return nil
    }
}

/// Where a name in the model comes from.
public enum NameOrigin: String, Sendable, Hashable, Encodable {
    /// Written in the schema (`<< Tick [...]`, `PULL tcp://*:9005 as results`): a backend keeps it
    /// as written where its language allows.
    case declared
    /// The name of the message's constant frame (`[ command :START = 0uy ]` gives `START`).
    case constant
    /// Made by the checker from the service, socket and direction (`valuz.reduce.pull.in`) or from
    /// the socket type (`pub`, `chatz_sub`, `sub_2`): words joined by `.` or `_`, for a backend
    /// to spell in its own style.
    case derived
}

/// One service (`tickz.server (C, Server)`).
public struct Service: Sendable, Hashable, Encodable {
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
    /// The sockets, in file order.
    public var sockets: [Socket]
}

/// One item of a service's metadata list.
public struct MetadataItem: Sendable, Hashable, Encodable {
    /// The text without the `?` marker.
    public var name: String
    /// Whether it was marked optional with `?`.
    public var isOptional: Bool
}

/// The ZeroMQ socket types.
public enum SocketKind: String, Sendable, Hashable, Encodable, CaseIterable {
    case REQ, REP, DEALER, ROUTER, PUB, SUB, XPUB, XSUB, PUSH, PULL, PAIR, STREAM
}

/// A socket of a service.
public struct Socket: Sendable, Hashable, Encodable {
    /// `service/name`, unique in the compilation (`tickz.server/pub`, `dealz/chatz_sub`).
    public var id: String
    /// The socket's name in its service: the `as` clause, or derived from its type.
    public var name: String
    /// Whether ``name`` was written in the schema or derived.
    public var nameOrigin: NameOrigin
    /// The socket type.
    public var kind: SocketKind
    /// Where it binds or connects.
    public var endpoint: Endpoint
    /// The comment lines above the socket and its trailing comment.
    public var documentation: [String]
    /// Where the socket line is.
    public var location: SourceLocation
    /// What it sends (declared here or taken from its peers); nil where the type cannot send.
    public var sends: MessageSet?
    /// What it receives; nil where the type cannot receive.
    public var receives: MessageSet?
    /// The `?>` subscriptions of a SUB/XSUB socket.
    public var subscriptions: [Subscription]
    /// For a `PAIR inproc://monitor.<system>.<type>` socket: the id of the socket it monitors.
    public var monitoredSocket: String?
}

/// The messages one direction of a socket carries.
public enum MessageSet: Sendable, Hashable, Encodable {
    /// Always this one message.
    case message(String)
    /// One of several alternatives: the id of a ``MessageUnion``.
    case union(String)
    /// Frames no schema describes.
    case raw

    private enum CodingKeys: String, CodingKey { case kind, message, union }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .message(let name):
            try container.encode("message", forKey: .kind)
            try container.encode(name, forKey: .message)
        case .union(let id):
            try container.encode("union", forKey: .kind)
            try container.encode(id, forKey: .union)
        case .raw:
            try container.encode("raw", forKey: .kind)
        }
    }
}

/// A ZeroMQ endpoint.
public struct Endpoint: Sendable, Hashable, Encodable {
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
public struct Subscription: Sendable, Hashable, Encodable {
    /// The frame that gives the prefix (never repeated).
    public var frame: Frame
    /// The fields of ``frame`` that a run-time subscription takes.
    public var fields: [Field]
    /// True for `*`: the application adds subscriptions at run time; false: subscribed on open.
    public var isDynamic: Bool
    /// For a fixed subscription, the prefix bytes.
    public var prefix: [UInt8]?
    /// Comments above the line.
    public var documentation: [String]
    /// Where the `?>` is.
    public var location: SourceLocation
}

/// Several messages that may travel in one direction of a socket (valuz.reduce's PULL
/// receives `Ready` or a `Valuation`). Sockets with the same alternatives in the same order
/// share one union.
public struct MessageUnion: Sendable, Hashable, Encodable {
    /// The alternatives' names joined by `|` (`Ready|Valuation`), unique in the compilation.
    public var id: String
    /// The alternatives, in the order a decoder tries them.
    public var messages: [String]
    /// The first socket declaration that defines the set.
    public var location: SourceLocation
}

/// A resolved `connect` → `bind` pair.
public struct Link: Sendable, Hashable, Encodable {
    /// The connecting socket's id.
    public var connecting: String
    /// The binding socket's id.
    public var binding: String
}

/// A message: an ordered list of frames and the fields they carry.
public struct Message: Sendable, Hashable, Encodable {
    /// The message's name, unique in the compilation (`Tick`, `START`, `valuz.reduce.pull.in`).
    public var name: String
    /// Whether ``name`` was written, taken from a constant, or derived from the socket.
    public var nameOrigin: NameOrigin
    /// The comments above the message and after its lines.
    public var documentation: [String]
    /// Where the arrow is.
    public var location: SourceLocation
    /// The frames, in order.
    public var frames: [Frame]
    /// The values an application gives and gets, in frame order (the rule is in `docs/Language.md`).
    public var fields: [Field]
}

/// One frame of a message.
public struct Frame: Sendable, Hashable, Encodable {
    /// The field name of a typed frame (constants keep theirs for documentation), nil for a
    /// string frame (its captures are the fields).
    public var name: String?
    /// What the frame holds.
    public var kind: FrameKind
    /// How often it occurs.
    public var repetition: Repetition
    /// Where the `[` is.
    public var location: SourceLocation
}

/// The byte order of a multi-byte number on the wire.
public enum ByteOrder: String, Sendable, Hashable, Encodable {
    /// Network order, the schema language's default (`u32`, `u32be`).
    case big
    /// Native order on x86 and ARM (`u32le`), as C programs send structs from memory.
    case little
}

/// What a frame holds.
public enum FrameKind: Sendable, Hashable, Encodable {
    /// A fixed-width number or a one-byte bool.
    case scalar(ScalarType, ByteOrder)
    /// Any UTF-8 text.
    case string
    /// Raw bytes.
    case bytes
    /// One of several named integer values of one width.
    case enumeration(EnumType)
    /// A fixed integer (`START = 0uy`); no field.
    case integerConstant(IntegerConstant)
    /// A fixed text (a pattern that matches one text, such as `""`); no field.
    case textConstant(String)
    /// UTF-8 text matching a pattern; its named captures are the fields.
    case text(TextPattern)

    private enum CodingKeys: String, CodingKey { case kind, type, byteOrder, enumeration, constant, text, pattern }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .scalar(let type, let order):
            try container.encode("scalar", forKey: .kind)
            try container.encode(type, forKey: .type)
            if type.byteCount > 1 { try container.encode(order, forKey: .byteOrder) }
        case .string: try container.encode("string", forKey: .kind)
        case .bytes: try container.encode("bytes", forKey: .kind)
        case .enumeration(let type):
            try container.encode("enumeration", forKey: .kind)
            try container.encode(type, forKey: .enumeration)
        case .integerConstant(let constant):
            try container.encode("integerConstant", forKey: .kind)
            try container.encode(constant, forKey: .constant)
        case .textConstant(let text):
            try container.encode("textConstant", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .text(let pattern):
            try container.encode("text", forKey: .kind)
            try container.encode(pattern, forKey: .pattern)
        }
    }

    /// The most bytes a frame of this kind can hold; nil for text and byte frames, which the
    /// schema does not bound.
    public var maximumSize: Int? {
        switch self {
        case .scalar(let type, _): type.byteCount
        case .enumeration(let type): type.width.byteCount
        case .integerConstant(let constant): constant.bytes.count
        case .textConstant(let text): text.utf8.count
        case .string, .bytes, .text: nil
        }
    }

    /// The exact bytes of a constant frame, nil for any other.
    public var constantBytes: [UInt8]? {
        switch self {
        case .integerConstant(let constant): constant.bytes
        case .textConstant(let text): Array(text.utf8)
        default: nil
        }
    }
}

/// An enum frame's type.
public struct EnumType: Sendable, Hashable, Encodable {
    /// The wire width (big-endian).
    public var width: ScalarType
    /// The cases in declaration order.
    public var cases: [EnumCase]
}

/// One enum case.
public struct EnumCase: Sendable, Hashable, Encodable {
    /// The name as written (`BUY`).
    public var name: String
    /// The value.
    public var value: IntegerValue
    /// The value's bytes on the wire.
    public var bytes: [UInt8]
}

/// A constant integer frame.
public struct IntegerConstant: Sendable, Hashable, Encodable {
    /// The case name (`START`).
    public var name: String
    /// The width (big-endian).
    public var width: ScalarType
    /// The value.
    public var value: IntegerValue
    /// The exact bytes on the wire.
    public var bytes: [UInt8]
}

/// An integer of any schema width, from `Int64.min` to `UInt64.max`; a JSON number.
public struct IntegerValue: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// The value.
    public var value: Int128

    public init(_ value: Int128) { self.value = value }

    public var description: String { "\(value)" }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let small = Int64(exactly: value) { try container.encode(small) } else { try container.encode(UInt64(value)) }
    }
}

/// A string frame's pattern.
public struct TextPattern: Sendable, Hashable, Encodable {
    /// The pattern as written in the schema.
    public var source: String
    /// The pattern in PCRE2 syntax (named captures as `(?<name>...)`), matched as a whole in
    /// UTF mode with Unicode properties.
    public var pcre: String
    /// The named captures, in group order.
    public var captures: [PatternCapture]
    /// How to assemble the text from the captures, nil when the application gives the whole text.
    public var template: [TemplatePart]?
    /// One text the pattern matches, when zschema could derive it.
    public var example: String?
    /// For a pattern that is a sequence of quantified single-character classes (optionally
    /// wrapped whole in one group): the automaton that decides ASCII frames without PCRE2.
    public var asciiAutomaton: ASCIIAutomaton?
}

/// A deterministic automaton over ASCII bytes that accepts exactly the all-ASCII frames a
/// pattern matches as a whole, with the same answers as PCRE2 (each class's ASCII members were
/// asked of PCRE2 with the runtime's options).
///
/// A frame is read from state 1, one byte per arc; a byte no arc of the current state covers
/// leads to the dead state 0, which no arc leaves. The frame matches when it is all ASCII and
/// the last state is accepting. A frame with a byte of 0x80 or above is not decided here: PCRE2
/// must tell whether it matches or is not even valid UTF-8.
public struct ASCIIAutomaton: Sendable, Hashable, Encodable {
    /// One state; index 0 is the dead state, index 1 the start.
    public struct State: Sendable, Hashable, Encodable {
        /// Whether a frame that ends here matches.
        public var isAccepting: Bool
        /// Where each byte leads; bytes on no arc lead to the dead state.
        public var arcs: [Arc]
    }

    /// The bytes that lead from one state to `target`.
    public struct Arc: Sendable, Hashable, Encodable {
        /// The next state's index.
        public var target: Int
        /// Ascending, disjoint ranges of ASCII bytes.
        public var bytes: [ByteRange]
    }

    /// The bytes `first` through `last`, both included.
    public struct ByteRange: Sendable, Hashable, Encodable {
        public var first: UInt8
        public var last: UInt8
    }

    /// Every state; index 0 is dead, 1 the start.
    public var states: [State]
}

/// A value an application gives and gets for a message (or a run-time subscription).
public struct Field: Sendable, Hashable, Encodable {
    /// How a field maps to its frame.
    public enum Source: Sendable, Hashable, Encodable {
        /// The whole value of a typed frame (`price :f64`).
        case value
        /// A named capture of a string frame, by group number.
        case capture(group: Int)
        /// The whole text of a string frame whose pattern cannot be assembled from captures.
        case wholeText

        private enum CodingKeys: String, CodingKey { case kind, group }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .value: try container.encode("value", forKey: .kind)
            case .capture(let group):
                try container.encode("capture", forKey: .kind)
                try container.encode(group, forKey: .group)
            case .wholeText: try container.encode("wholeText", forKey: .kind)
            }
        }
    }

    /// The name as written in the schema (a typed frame's or a capture's), or `text`, `text2`, ...
    /// for whole-text fields.
    public var name: String
    /// The index of the frame it comes from.
    public var frame: Int
    /// How it maps to the frame.
    public var source: Source
    /// Whether it may be absent (a capture in an optional part).
    public var isOptional: Bool
    /// Whether it is a list, one element per frame (a repeated frame).
    public var isArray: Bool
    /// Where the frame is declared.
    public var location: SourceLocation
}
