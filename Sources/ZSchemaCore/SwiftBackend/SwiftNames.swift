/// Every Swift name the generated code uses, decided by ``SwiftNamer`` and nothing else.
///
/// Names are stored without backticks; ``SwiftIdentifier/escaped(_:)`` adds them where a name
/// is a keyword.
struct SwiftNames: Sendable {
    /// A message struct and what is inside it.
    struct Message: Sendable {
        /// The struct's name.
        var type: String
        /// The property of each of the message's fields, in ``ZSchemaCore/Message/fields`` order.
        var fields: [String]
        /// The nested enum of each enum frame, by frame index.
        var enums: [Int: NestedEnum]
        /// The static holding each pattern or constant frame's value, by frame index.
        var statics: [Int: String]
        /// The nested `FramePatternPrecheck` enum that checks ASCII frames of a pattern inline, by
        /// frame index (small ASCII automata only; see ``ASCIIAutomaton/isInlineCheckable``).
        var checks: [Int: String]
        /// Locals and parameters of the codec functions; none equals a field, a nested type or
        /// a generated type name.
        var codec: CodecLocals
        /// Parameters of the functions outside the struct that take the fields (send, reply).
        var call: CallParameters
    }

    /// A nested enum for an enum frame.
    struct NestedEnum: Sendable {
        var type: String
        /// One per case, in declaration order.
        var cases: [String]
    }

    /// The names inside `init(frames:)` and `encode(into:)`.
    struct CodecLocals: Sendable {
        var framesType: String
        var frames: String
        var writerType: String
        var writer: String
        var cursor: String
        var element: String
        /// A string frame's captures (`frame1`), by frame index.
        var match: [Int: String]
        /// A string frame's text being assembled (`text1`), by frame index.
        var text: [Int: String]
        /// A repeated frame's elements while decoding (`usrElements`), by frame index.
        var elements: [Int: String]
        /// The parameter and locals of the inline pattern checks.
        var checkFrame: String
        var checkState: String
        var checkByte: String
    }

    /// The parameters of a function that takes a message's fields.
    struct CallParameters: Sendable {
        /// The internal name of each field's parameter (its label is the field's property).
        var fields: [String]
        /// The label and internal name of the `dontWait` parameter.
        var dontWaitLabel: String
        var dontWait: String
        /// The internal name of a reply's `to` parameter.
        var peer: String
        /// A local holding the encoded frames (run-time subscriptions).
        var frames: String
    }

    /// A union enum.
    struct Union: Sendable {
        var type: String
        /// One per alternative, in decoding order.
        var cases: [String]
        var framesType: String
        var writerType: String
        var failures: String
        var message: String
    }

    /// A service class and its members.
    struct Service: Sendable {
        var type: String
        /// Each socket's property, by socket index.
        var properties: [String]
        /// Each typed socket's wrapper alias in the class (`RouterSocket`), by socket index.
        var socketAliases: [Int: String]
        /// Each socket's endpoint parameter of the initializer, by socket index.
        var endpoints: [String]
        /// Each socket's raw `ZMQSocket` local in the initializer, by socket index.
        var rawSockets: [Int: String]
        /// The run-time subscriptions, in socket and declaration order.
        var subscriptions: [Subscription]
    }

    /// A run-time subscription's nested type and methods.
    struct Subscription: Sendable {
        var type: String
        var subscribe: String
        var unsubscribe: String
        /// The subscription frame as a message: its fields and codec names.
        var message: Message
    }

    var messages: [String: Message] = [:]
    var unions: [String: Union] = [:]
    var services: [String: Service] = [:]
    /// Wrapper aliases (`TickPublisher`) by message name or union id, then role.
    var aliases: [String: [SocketRole: String]] = [:]
    /// The file-private alias that checks the runtime version.
    var runtimeCheck = "GeneratedForRuntime"
    /// Standard-library and runtime names that some generated name would hide, and which are
    /// therefore written with their module (`Swift.String`).
    var qualified: Set<String> = []

    /// `name` as generated code must write it: with its module when a generated name hides it.
    func external(_ name: ExternalName) -> String {
        qualified.contains(name.rawValue) ? "\(name.module).\(name.rawValue)" : name.rawValue
    }

    /// The Swift type of a message or union id.
    func typeName(of id: String) -> String { messages[id]?.type ?? unions[id]?.type ?? id }
}

/// The socket wrappers that carry exactly one message type, and so get an alias per message.
enum SocketRole: String, CaseIterable, Sendable {
    case publisher = "Publisher", subscriber = "Subscriber", pusher = "Pusher", puller = "Puller"

    init?(_ kind: SocketKind) {
        switch kind {
        case .PUB: self = .publisher
        case .SUB: self = .subscriber
        case .PUSH: self = .pusher
        case .PULL: self = .puller
        default: return nil
        }
    }

    /// Whether a socket of this role sends (its messages are ``Socket/sends``) rather than
    /// receives.
    var sends: Bool { self == .publisher || self == .pusher }
}

/// The standard-library and runtime names generated code refers to.
enum ExternalName: String, CaseIterable, Sendable {
    case string = "String", double = "Double", float = "Float", bool = "Bool", int = "Int"
    case uint8 = "UInt8", int8 = "Int8", uint16 = "UInt16", int16 = "Int16", uint32 = "UInt32", int32 = "Int32"
    case uint64 = "UInt64", int64 = "Int64", sendable = "Sendable", hashable = "Hashable", caseIterable = "CaseIterable"
    case void = "Void", unsafeRawBufferPointer = "UnsafeRawBufferPointer"
    case zschemaMessage = "ZSchemaMessage", frameSequence = "FrameSequence", frameCursor = "FrameCursor"
    case frameWriter = "FrameWriter", messageDecodingError = "MessageDecodingError"
    case messageEncodingError = "MessageEncodingError", framePattern = "FramePattern", framePatternPrecheck = "FramePatternPrecheck"
    case messageSending = "MessageSending", router = "Router", routingEnvelope = "RoutingEnvelope"
    case publisher = "Publisher", subscriber = "Subscriber", pusher = "Pusher", puller = "Puller"
    case requester = "Requester", replier = "Replier", dealer = "Dealer", pair = "Pair"
    case xPublisher = "XPublisher", xSubscriber = "XSubscriber", streamSocket = "StreamSocket"
    case zmqContext = "ZMQContext", zmqSocket = "ZMQSocket", socketMonitor = "SocketMonitor", rawMessage = "RawMessage"
    case runtimeVersion = "ZSchemaGeneratedCodeVersion5"

    /// The module that declares it.
    var module: String {
        switch self {
        case .string, .double, .float, .bool, .int, .uint8, .int8, .uint16, .int16, .uint32, .int32, .uint64, .int64,
            .sendable, .hashable, .caseIterable, .void, .unsafeRawBufferPointer:
            "Swift"
        default:
            "ZSchemaRuntime"
        }
    }

    /// Every name above, as a set.
    static let names = Set(allCases.map(\.rawValue))
}
