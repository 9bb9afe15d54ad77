/// Emits the field-by-field sending methods and the wrapper type aliases for a message type.
struct SendingAPIEmitter {
    let schema: SchemaIndex
    let access: AccessLevel

    private var pub: String { access.prefix }

    private func join(_ parts: String...) -> String { parts.filter { !$0.isEmpty }.joined(separator: ", ") }

    /// `extension MessageSending where Outgoing == M { func send(fields...) }`.
    func emitSend(for message: Message, into writer: inout CodeWriter) {
        let (declaration, arguments) = MessageEmitter.fieldParameters(of: message)
        writer.block("extension MessageSending where Outgoing == \(message.name)") { writer in
            writer.documentation(["Sends a ``\(message.name)`` built from its fields."])
            writer.block("\(pub)func send(\(join(declaration, "dontWait: Bool = false"))) throws") { writer in
                writer.line("try send(\(message.name)(\(arguments)), dontWait: dontWait)")
            }
        }
    }

    /// The same for a union: `send(_: Alternative)` and `sendAlternative(fields...)`.
    func emitSend(for union: MessageUnion, into writer: inout CodeWriter) {
        writer.block("extension MessageSending where Outgoing == \(union.name)") { writer in
            for (index, name) in union.messages.enumerated() {
                guard let message = schema.messages[name] else { continue }
                let (declaration, arguments) = MessageEmitter.fieldParameters(of: message)
                if index > 0 { writer.line() }
                writer.documentation(["Sends a ``\(name)``."])
                writer.block("\(pub)func send(_ message: \(name), dontWait: Bool = false) throws") { writer in
                    writer.line("try send(.\(SwiftNaming.memberName(name))(message), dontWait: dontWait)")
                }
                writer.line()
                writer.documentation(["Sends a ``\(name)`` built from its fields."])
                writer.block("\(pub)func send\(name)(\(join(declaration, "dontWait: Bool = false"))) throws") { writer in
                    writer.line("try send(.\(SwiftNaming.memberName(name))(\(name)(\(arguments))), dontWait: dontWait)")
                }
            }
        }
    }

    /// `extension Router where Outgoing == M { func reply(to:fields...) }`.
    func emitReply(for message: Message, into writer: inout CodeWriter) {
        let (declaration, arguments) = MessageEmitter.fieldParameters(of: message)
        writer.block("extension Router where Outgoing == \(message.name)") { writer in
            writer.documentation(["Sends a ``\(message.name)`` built from its fields to `peer`."])
            writer.block("\(pub)func reply(\(join("to peer: RoutingEnvelope", declaration, "dontWait: Bool = false"))) throws") { writer in
                writer.line("try reply(to: peer, \(message.name)(\(arguments)), dontWait: dontWait)")
            }
        }
    }

    /// The same for a union: `reply(to:_: Alternative)` and `replyAlternative(to:fields...)`.
    func emitReply(for union: MessageUnion, into writer: inout CodeWriter) {
        writer.block("extension Router where Outgoing == \(union.name)") { writer in
            for (index, name) in union.messages.enumerated() {
                guard let message = schema.messages[name] else { continue }
                let (declaration, arguments) = MessageEmitter.fieldParameters(of: message)
                if index > 0 { writer.line() }
                writer.documentation(["Sends a ``\(name)`` to `peer`."])
                writer.block("\(pub)func reply(to peer: RoutingEnvelope, _ message: \(name), dontWait: Bool = false) throws") { writer in
                    writer.line("try reply(to: peer, .\(SwiftNaming.memberName(name))(message), dontWait: dontWait)")
                }
                writer.line()
                writer.documentation(["Sends a ``\(name)`` built from its fields to `peer`."])
                writer.block("\(pub)func reply\(name)(\(join("to peer: RoutingEnvelope", declaration, "dontWait: Bool = false"))) throws") { writer in
                    writer.line("try reply(to: peer, .\(SwiftNaming.memberName(name))(\(name)(\(arguments))), dontWait: dontWait)")
                }
            }
        }
    }

    /// `typealias TickPublisher = Publisher<Tick>` for each single-type role the type plays.
    func emitAliases(for typeName: String, into writer: inout CodeWriter) {
        let roles = schema.roles[typeName] ?? []
        for role in SocketRole.allCases where roles.contains(role) {
            writer.documentation(["A \(role.rawValue.lowercased()) socket for ``\(typeName)``."])
            writer.line("\(pub)typealias \(typeName)\(role.rawValue) = \(role.rawValue)<\(typeName)>")
        }
    }

    /// Whether some ROUTER socket sends `typeName`.
    func isRouterReply(_ typeName: String) -> Bool {
        schema.routerReplies.contains(typeName)
    }
}

/// The socket wrappers that carry exactly one message type, and so get a type alias per message.
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

    /// The message type `socket` (of this role) carries: what it sends or what it receives.
    func carries(_ socket: Socket) -> String? {
        self == .publisher || self == .pusher ? socket.outgoingType : socket.incomingType
    }
}
