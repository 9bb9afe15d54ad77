/// The Swift declarations of one generated file, with every name resolved and every value
/// typed: what ``SwiftRenderer`` turns into text. Nothing in a plan is Swift source yet, except
/// documentation lines.
struct SwiftFilePlan: Sendable {
    var sourceFileName: String
    /// The file-private alias that pins the runtime version.
    var runtimeCheck: String
    var runtimeVersion: SwiftType
    var messages: [MessagePlan]
    var unions: [UnionPlan]
    var sending: [SendingPlan]
    var services: [ServicePlan]
}

/// A type in a declaration, with its module where a generated name would hide it.
indirect enum SwiftType: Hashable, Sendable {
    case named(String)
    case optional(SwiftType)
    case array(SwiftType)
    case generic(String, [SwiftType])
    /// A type nested in another (`Order.Action`).
    case member(SwiftType, String)
}

/// One message struct.
struct MessagePlan: Sendable {
    var type: String
    /// The value of `messageName`, shown in errors.
    var wireName: String
    var documentation: [String]
    var conformances: [SwiftType]
    var enums: [EnumPlan]
    var fields: [FieldPlan]
    var statics: [StaticPlan]
    var codec: CodecPlan
}

/// A nested enum for an enum frame.
struct EnumPlan: Sendable {
    var type: String
    var rawType: SwiftType
    var conformances: [SwiftType]
    var documentation: [String]
    var cases: [(name: String, value: IntegerValue)]
}

/// A stored property of a message.
struct FieldPlan: Sendable {
    var name: String
    var type: SwiftType
    var documentation: String
    /// An optional field's parameters default to nil.
    var isOptional: Bool
}

/// A static holding a frame's fixed part.
enum StaticPlan: Sendable {
    case pattern(name: String, pcre: String)
    case constant(name: String, bytes: [UInt8])
    /// A nested `FramePatternPrecheck` enum that runs a pattern's ASCII automaton inline: true
    /// for an all-ASCII frame that matches, false for anything else, which the pattern decides.
    case check(CheckPlan)
}

/// An inline check: a `switch` on the automaton's state for each byte, then on the last state.
struct CheckPlan: Sendable {
    /// States with the same arcs, which share one `case` (the dead state has none).
    struct StateCase: Sendable {
        var states: [Int]
        var arcs: [ASCIIAutomaton.Arc]
    }

    var name: String
    /// The static `FramePattern` it stands for, named in its documentation.
    var pattern: String
    /// In order of each case's first state.
    var cases: [StateCase]
    var accepting: [Int]
    var types: (bytes: SwiftType, bool: SwiftType, check: SwiftType)
}

/// `init(frames:)` and `encode(into:)`.
struct CodecPlan: Sendable {
    var locals: SwiftNames.CodecLocals
    var cursorType: SwiftType
    var frameSequence: SwiftType
    var frameWriter: SwiftType
    var decodingError: SwiftType
    var encodingError: SwiftType
    var frameCount: (minimum: Int, maximum: Int?)
    /// `Int`, for an unbounded frame count's `Int.max`.
    var intType: SwiftType
    var decode: [DecodeStep]
    var encode: [EncodeStep]
    /// Whether the codec is small enough to be inlined into every caller (`@inline(__always)`).
    var alwaysInline: Bool
}

/// How one frame's value is read.
enum ReadOperation: Sendable {
    case integer(SwiftType, ByteOrder)
    case float(ByteOrder)
    case double(ByteOrder)
    case bool
    case string
    case bytes
    case enumeration(String)
    /// `check` names the pattern's inline check, when it has one.
    case wholeText(pattern: String, check: String?)
    case capture(pattern: String, group: Int, check: String?)
}

/// One step of a decoder, one per frame.
enum DecodeStep: Sendable {
    /// A constant frame, checked.
    case constant(static: String, label: String?)
    /// A frame that is one field.
    case field(property: String, read: ReadOperation, label: String)
    /// A repeated frame: elements until only `trailing` frames remain.
    case repeated(property: String, elements: String, type: SwiftType, trailing: Int, read: ReadOperation, label: String)
    /// A string frame with several captures, or optional ones.
    case captures(local: String, pattern: String, label: String?, fields: [(property: String, group: Int, isOptional: Bool)])
}

/// Where a value being written comes from.
enum ValueSource: Hashable, Sendable {
    /// A stored property (`self.price`).
    case property(String)
    /// A local of that name: an unwrapped optional or a loop's element.
    case local(String)
}

/// How one value is written as a frame.
enum WriteOperation: Sendable {
    case integer(ByteOrder)
    case float(ByteOrder)
    case double(ByteOrder)
    case bool
    case string
    case bytes
    /// An enum's raw value, big-endian.
    case enumeration
    /// Text checked against a pattern (first by its inline `check`, if any) as it is copied.
    case checkedText(pattern: String, check: String?, label: String)
}

/// One step of an encoder, one per frame.
enum EncodeStep: Sendable {
    case write(WriteOperation, ValueSource)
    case integerConstant(SwiftType, IntegerValue)
    case textConstant(String)
    /// A repeated frame: `body` for every element (its value is the local `element`), and at
    /// least one element for `+`.
    indirect case repeated(property: String, element: String, requiresOne: Bool, label: String, body: EncodeStep)
    /// A string frame assembled from its captures, then checked to read back the same values.
    case template(local: String, parts: [TemplateStep], pattern: String, expected: [(group: Int, value: ValueSource)], label: String)
}

/// A piece of a frame text assembled from captures.
indirect enum TemplateStep: Sendable {
    case literal(String)
    case value(ValueSource)
    /// Written only when its captures are given; all `keys` or none must be.
    case optional(keys: [String], steps: [TemplateStep])
}

/// A union enum.
struct UnionPlan: Sendable {
    var names: SwiftNames.Union
    var alternatives: [String]
    var documentation: [String]
    var conformances: [SwiftType]
    var frameSequence: SwiftType
    var frameWriter: SwiftType
    var decodingError: SwiftType
    var encodingError: SwiftType
}

/// The wrapper aliases and sending methods for one message type or union.
struct SendingPlan: Sendable {
    var aliases: [(name: String, documentation: String, type: SwiftType)]
    /// `extension MessageSending where Outgoing == X`, and `extension Router where ...`.
    var sendingProtocol: SwiftType
    var router: SwiftType
    var target: String
    var sends: [SendMethodPlan]
    /// Present when some ROUTER sends the type.
    var replies: [SendMethodPlan]?
}

/// One `send...` or `reply...` method.
struct SendMethodPlan: Sendable {
    var name: String
    var documentation: [String]
    /// For replies: the routing envelope's type and the `to` parameter's internal name.
    var peer: (type: SwiftType, name: String)?
    var argument: SendArgument
    /// The union case that wraps the message, for a union.
    var unionCase: String?
    var dontWait: (label: String, name: String)
}

/// What a send method takes.
enum SendArgument: Sendable {
    /// A whole message: `send(_ message: UserList)`.
    case message(name: String, type: String)
    /// The fields, to build the message from.
    case fields(type: String, parameters: [ParameterPlan])
}

/// A parameter: its label, its internal name, its type and whether it defaults to nil.
struct ParameterPlan: Sendable {
    var label: String
    var name: String
    var type: SwiftType
    var defaultsToNil: Bool
}

/// A service class.
struct ServicePlan: Sendable {
    var type: String
    var documentation: [String]
    var context: SwiftType
    var zmqSocket: SwiftType
    var sockets: [ServiceSocketPlan]
    var initializerDocumentation: [String]
    var endpointParameters: [(name: String, address: String)]
    var opens: [OpenSocketPlan]
    /// Properties to close, monitors first.
    var closes: [String]
    var subscriptions: [SubscriptionPlan]
}

/// A socket property of a service.
struct ServiceSocketPlan: Sendable {
    var property: String
    var type: SwiftType
    var documentation: [String]
    /// The class's alias for the wrapper type (`RouterSocket`).
    var alias: String?
}

/// The initializer's steps for one socket, in order.
struct OpenSocketPlan: Sendable {
    var raw: String
    var property: String
    var kind: SocketKind
    var endpoint: String
    var binds: Bool
    var monitor: (property: String, endpoint: String, type: SwiftType)?
    /// For a ROUTER: whether its peers send an empty delimiter after their identity.
    var peersUseDelimiter: Bool?
    var fixedSubscriptions: [[UInt8]]
    /// `ZMQ_MAXMSGSIZE`: the largest frame the socket can legally receive, when known.
    var maximumFrameSize: Int?
}

/// A run-time subscription's type and methods.
struct SubscriptionPlan: Sendable {
    var names: SwiftNames.Subscription
    var message: MessagePlan
    var socketProperty: String
    var parameters: [ParameterPlan]
}
