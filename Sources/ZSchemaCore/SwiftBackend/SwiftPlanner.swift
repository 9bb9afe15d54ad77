/// Turns the checked model and its Swift names into one ``SwiftFilePlan`` per schema file.
///
/// Each file holds what its schema declares first: message structs, union enums, the wrapper
/// aliases and sending methods for those types, and one class per service.
struct SwiftPlanner: Sendable {
    let ir: SchemaIR
    let names: SwiftNames
    /// Each socket's type, by socket id.
    private let socketKinds: [String: SocketKind]
    private let peers: [String: [String]]
    private let routerReplies: Set<String>
    /// The messages, unions and services each schema file declares, in declaration order.
    private let messagesByFile: [String: [Message]]
    private let unionsByFile: [String: [MessageUnion]]
    private let servicesByFile: [String: [Service]]
    private let messagesByName: [String: Message]
    private let unionMessages: [String: [String]]

    init(ir: SchemaIR, names: SwiftNames) {
        self.ir = ir
        self.names = names
        // Each socket read in place: copies of whole sockets cost more than the indexes.
        var kinds: [String: SocketKind] = [:]
        var routerReplies = Set<String>()
        kinds.reserveCapacity(ir.services.count * 2)
        for service in ir.services.indices {
            for socket in ir.services[service].sockets.indices {
                let id = ir.services[service].sockets[socket].id
                let kind = ir.services[service].sockets[socket].kind
                if kinds[id] == nil { kinds[id] = kind }
                if kind == .ROUTER, let reply = ir.services[service].sockets[socket].sends.flatMap(Self.typeID) { routerReplies.insert(reply) }
            }
        }
        socketKinds = kinds
        self.routerReplies = routerReplies
        var peers: [String: [String]] = [:]
        for link in ir.links {
            peers[link.connecting, default: []].append(link.binding)
            peers[link.binding, default: []].append(link.connecting)
        }
        self.peers = peers
        messagesByFile = Dictionary(grouping: ir.messages) { $0.location.file }
        unionsByFile = Dictionary(grouping: ir.unions) { $0.location.file }
        servicesByFile = Dictionary(grouping: ir.services) { $0.location.file }
        messagesByName = Dictionary(ir.messages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        unionMessages = Dictionary(ir.unions.map { ($0.id, $0.messages) }, uniquingKeysWith: { first, _ in first })
    }

    private static func typeID(_ set: MessageSet) -> String? {
        switch set {
        case .message(let name): name
        case .union(let id): id
        case .raw: nil
        }
    }

    private func external(_ name: ExternalName) -> SwiftType { .named(names.external(name)) }

    /// The plan of the file generated from `file`.
    func plan(file: SourceFile) -> SwiftFilePlan {
        let messages = messagesByFile[file.path] ?? []
        let unions = unionsByFile[file.path] ?? []
        return SwiftFilePlan(
            sourceFileName: file.fileName, runtimeCheck: names.runtimeCheck, runtimeVersion: external(.runtimeVersion),
            messages: messages.compactMap(messagePlan), unions: unions.compactMap(unionPlan),
            sending: messages.compactMap { sendingPlan(id: $0.name) } + unions.compactMap { sendingPlan(id: $0.id) },
            services: (servicesByFile[file.path] ?? []).compactMap(servicePlan))
    }

    // MARK: Messages

    private func messagePlan(_ message: Message) -> MessagePlan? {
        guard let own = names.messages[message.name] else { return nil }
        let documentation = message.documentation + (message.documentation.isEmpty ? [] : [""]) + wireDocumentation(message)
        return MessagePlanner(names: names, message: message, own: own).plan(documentation: documentation)
    }

    private func wireDocumentation(_ message: Message) -> [String] {
        var lines = ["Frames on the wire:"]
        for (index, frame) in message.frames.enumerated() {
            // A code span cannot be broken across lines: a very long frame is shortened here (its
            // pattern is in full in the static that holds it).
            let source = SwiftLiteral.inline(frameSource(frame))
            lines.append("\(index + 1). `\(source.count > 100 ? source.prefix(100) + "…" : Substring(source))`")
        }
        return lines + ["", "Generated from \(message.location.provenance)."]
    }

    /// The frame as the schema would write it.
    private func frameSource(_ frame: Frame) -> String {
        let field = frame.name ?? ""
        let body: String =
            switch frame.kind {
            case .text(let pattern): "\"\(pattern.source)\""
            case .textConstant(let text): "\"\(text)\""
            case .integerConstant(let constant): "\(field) :\(constant.name) = \(constant.value) (\(constant.width.rawValue))"
            case .scalar(let type, let order): "\(field) :\(type.rawValue)\(order == .little ? "le" : "")"
            case .string: "\(field) :string"
            case .bytes: "\(field) :bytes"
            case .enumeration(let type): "\(field) :(" + type.cases.map { "\($0.name) = \($0.value)" }.joined(separator: " | ") + ") (\(type.width.rawValue))"
            }
        return "[ \(body) ]\(frame.repetition.suffix)"
    }

    // MARK: Unions

    private func unionPlan(_ union: MessageUnion) -> UnionPlan? {
        guard let own = names.unions[union.id] else { return nil }
        let types = union.messages.map(names.typeName)
        return UnionPlan(
            names: own, alternatives: types,
            documentation: [
                "One of the messages \(types.map { "``\($0)``" }.joined(separator: ", ")).", "",
                "Decoding tries them in this order and takes the first that fits.", "",
                "Generated from \(union.location.provenance).",
            ],
            conformances: [external(.zschemaMessage), external(.hashable)],
            frameSequence: external(.frameSequence), frameWriter: external(.frameWriter),
            decodingError: external(.messageDecodingError), encodingError: external(.messageEncodingError))
    }

    // MARK: Sending

    private func sendingPlan(id: String) -> SendingPlan? {
        let target = names.typeName(of: id)
        let aliases = SocketRole.allCases.compactMap { role -> (name: String, documentation: String, type: SwiftType)? in
            guard let alias = names.aliases[id]?[role] else { return nil }
            let wrapper: ExternalName =
                switch role {
                case .publisher: .publisher
                case .subscriber: .subscriber
                case .pusher: .pusher
                case .puller: .puller
                }
            return (alias, "A \(role.rawValue.lowercased()) socket for ``\(target)``.", .generic(names.external(wrapper), [.named(target)]))
        }
        let sends: [SendMethodPlan]
        let replies: [SendMethodPlan]
        if let message = messagesByName[id], let own = names.messages[id] {
            sends = [fieldsMethod(message, own, name: "send", unionCase: nil, replying: false)]
            replies = [fieldsMethod(message, own, name: "reply", unionCase: nil, replying: true)]
        } else if let alternatives = unionMessages[id], let own = names.unions[id] {
            var unionSends: [SendMethodPlan] = []
            var unionReplies: [SendMethodPlan] = []
            for (index, name) in alternatives.enumerated() {
                guard let message = messagesByName[name], let alternative = names.messages[name] else { continue }
                for replying in [false, true] {
                    let verb = replying ? "reply" : "send"
                    let whole = SendMethodPlan(
                        name: verb, documentation: ["Sends a ``\(alternative.type)``\(replying ? " to `peer`" : "")."],
                        peer: replying ? (external(.routingEnvelope), alternative.call.peer) : nil,
                        argument: .message(name: "message", type: alternative.type), unionCase: own.cases[index],
                        dontWait: ("dontWait", "dontWait"))
                    let fields = fieldsMethod(message, alternative, name: verb + alternative.type, unionCase: own.cases[index], replying: replying)
                    if replying { unionReplies += [whole, fields] } else { unionSends += [whole, fields] }
                }
            }
            (sends, replies) = (unionSends, unionReplies)
        } else {
            return nil
        }
        return SendingPlan(
            aliases: aliases, sendingProtocol: external(.messageSending), router: external(.router), target: target,
            sends: sends, replies: routerReplies.contains(id) ? replies : nil)
    }

    /// `send(fields...)` or `reply(to:fields...)` for `message`, wrapped in `unionCase` for a union.
    private func fieldsMethod(_ message: Message, _ own: SwiftNames.Message, name: String, unionCase: String?, replying: Bool) -> SendMethodPlan {
        let planner = MessagePlanner(names: names, message: message, own: own)
        let parameters = message.fields.indices.map { index in
            ParameterPlan(
                label: own.fields[index], name: own.call.fields[index], type: planner.fieldType(index, qualified: true),
                defaultsToNil: message.fields[index].isOptional)
        }
        return SendMethodPlan(
            name: name, documentation: ["Sends a ``\(own.type)`` built from its fields\(replying ? " to `peer`" : "")."],
            peer: replying ? (external(.routingEnvelope), own.call.peer) : nil,
            argument: .fields(type: own.type, parameters: parameters), unionCase: unionCase,
            dontWait: (own.call.dontWaitLabel, own.call.dontWait))
    }

    // MARK: Services

    private func servicePlan(_ service: Service) -> ServicePlan? {
        guard let own = names.services[service.id] else { return nil }
        var documentation = service.documentation
        if !documentation.isEmpty { documentation.append("") }
        documentation.append("The sockets of `\(service.id)`, opened together on one context.")
        documentation += [
            "",
            "Not `Sendable`, like its sockets: the service belongs to one thread or task at a time, and moves",
            "to another whole, through a `sending` hand-off (`Task`, `SocketThread`).",
        ]
        if !service.metadata.isEmpty {
            documentation += ["", "Schema metadata: " + service.metadata.map { ($0.isOptional ? "?" : "") + $0.name }.joined(separator: ", ") + "."]
        }
        documentation += ["", "Generated from \(service.location.provenance)."]

        let indices = service.sockets.indices
        let monitors = indices.filter { service.sockets[$0].monitoredSocket != nil }
        let plain = indices.filter { service.sockets[$0].monitoredSocket == nil }
        let sockets = indices.map { index in
            ServiceSocketPlan(
                property: own.properties[index], type: wrapperType(service.sockets[index]),
                documentation: socketDocumentation(service.sockets[index]), alias: own.socketAliases[index])
        }
        var initializerDocumentation = [
            "Opens every socket of `\(service.id)` on `context`, binding or connecting as the schema says.", "",
            "- Parameters:", "  - context: The context for every socket; the process-wide one by default.",
        ]
        for index in indices {
            let socket = service.sockets[index]
            initializerDocumentation.append(
                "  - \(own.endpoints[index]): Where `\(own.properties[index])` \(socket.endpoint.binds ? "binds" : "connects"); the schema's `\(socket.endpoint.address)` by default."
            )
        }
        initializerDocumentation.append(
            "  - configure: Called with each socket's property name and socket before it binds or connects: the place for options that must precede them (`setMaximumMessageSize`, high-water marks, `makeCurveServer`)."
        )
        initializerDocumentation.append("- Throws: ``ZMQError`` when a socket cannot be opened, bound or connected, or what `configure` throws.")

        let opens = plain.map { index -> OpenSocketPlan in
            let socket = service.sockets[index]
            let monitor = monitors.first { service.sockets[$0].monitoredSocket == socket.id }.map {
                (property: own.properties[$0], endpoint: own.endpoints[$0], type: external(.socketMonitor))
            }
            return OpenSocketPlan(
                raw: own.rawSockets[index] ?? own.properties[index], property: own.properties[index],
                kind: socket.kind, endpoint: own.endpoints[index], binds: socket.endpoint.binds, monitor: monitor,
                peersUseDelimiter: socket.kind == .ROUTER ? peersUseDelimiter(socket) : nil,
                fixedSubscriptions: socket.subscriptions.compactMap(\.prefix),
                maximumFrameSize: socket.monitoredSocket == nil
                    ? ir.largestIncomingFrame(of: socket, messageNamed: { messagesByName[$0] }, unionMessages: { unionMessages[$0] ?? [] }) : nil)
        }
        var subscriptions: [SubscriptionPlan] = []
        let dynamic = plain.flatMap { index in service.sockets[index].subscriptions.filter(\.isDynamic).map { (index, $0) } }
        for ((index, subscription), subscriptionNames) in zip(dynamic, own.subscriptions) {
            let message = Message(
                name: subscriptionNames.type, nameOrigin: .derived,
                documentation: ["The first frame of the messages `\(own.properties[index])` subscribes to at run time."] + subscription.documentation,
                location: subscription.location, frames: [subscription.frame], fields: subscription.fields)
            let planner = MessagePlanner(names: names, message: message, own: subscriptionNames.message)
            let parameters = message.fields.indices.map { field in
                ParameterPlan(
                    label: subscriptionNames.message.fields[field], name: subscriptionNames.message.call.fields[field],
                    type: planner.fieldType(field, qualified: true), defaultsToNil: message.fields[field].isOptional)
            }
            subscriptions.append(
                SubscriptionPlan(
                    names: subscriptionNames, message: planner.plan(documentation: message.documentation + [""] + wireDocumentation(message)),
                    socketProperty: own.properties[index], parameters: parameters))
        }
        return ServicePlan(
            type: own.type, documentation: documentation, context: external(.zmqContext), zmqSocket: external(.zmqSocket),
            sockets: sockets, initializerDocumentation: initializerDocumentation,
            endpointParameters: indices.map { (own.endpoints[$0], service.sockets[$0].endpoint.address) },
            opens: opens, closes: (monitors + plain).map { own.properties[$0] }, subscriptions: subscriptions)
    }

    private func socketDocumentation(_ socket: Socket) -> [String] {
        var lines = socket.documentation
        if !lines.isEmpty { lines.append("") }
        let verb = socket.endpoint.binds ? "binds" : "connects to"
        lines.append("`\(socket.kind.rawValue)`, \(verb) `\(socket.endpoint.address)` by default.")
        if let target = socket.monitoredSocket {
            lines.append("Reports the events of `\(target)`.")
        }
        let peers = peers[socket.id] ?? []
        if !peers.isEmpty { lines.append("Peers in the schemas: " + peers.map { "`\($0)`" }.joined(separator: ", ") + ".") }
        return lines
    }

    /// The property's type: a monitor, or a typed wrapper (its alias when it has one).
    private func wrapperType(_ socket: Socket) -> SwiftType {
        if socket.monitoredSocket != nil { return external(.socketMonitor) }
        func type(_ set: MessageSet?) -> SwiftType {
            switch set {
            case .message(let name): .named(names.typeName(of: name))
            case .union(let id): .named(names.typeName(of: id))
            case .raw, nil: external(.rawMessage)
            }
        }
        func single(_ role: SocketRole, _ wrapper: ExternalName, _ set: MessageSet?) -> SwiftType {
            if let set, let id = Self.typeID(set), let alias = names.aliases[id]?[role] { return .named(alias) }
            return .generic(names.external(wrapper), [type(set)])
        }
        let (outgoing, incoming) = (socket.sends, socket.receives)
        switch socket.kind {
        case .PUB: return single(.publisher, .publisher, outgoing)
        case .SUB: return single(.subscriber, .subscriber, incoming)
        case .PUSH: return single(.pusher, .pusher, outgoing)
        case .PULL: return single(.puller, .puller, incoming)
        case .REQ: return .generic(names.external(.requester), [type(outgoing), type(incoming)])
        case .REP: return .generic(names.external(.replier), [type(incoming), type(outgoing)])
        case .DEALER: return .generic(names.external(.dealer), [type(outgoing), type(incoming)])
        case .ROUTER: return .generic(names.external(.router), [type(incoming), type(outgoing)])
        case .PAIR: return .generic(names.external(.pair), [type(outgoing), type(incoming)])
        case .XPUB: return .generic(names.external(.xPublisher), [type(outgoing)])
        case .XSUB: return .generic(names.external(.xSubscriber), [type(incoming)])
        case .STREAM: return external(.streamSocket)
        }
    }

    /// Whether a ROUTER's peers put an empty delimiter after their identity (REQ peers do).
    private func peersUseDelimiter(_ socket: Socket) -> Bool {
        let kinds = (peers[socket.id] ?? []).compactMap { socketKinds[$0] }
        return kinds.isEmpty || kinds.contains(.REQ)
    }
}
