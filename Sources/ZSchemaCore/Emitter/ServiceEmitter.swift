/// Emits the class for one service: every socket opened on one context, bound or connected as
/// the schema says, subscriptions made, monitors attached.
struct ServiceEmitter {
    let service: Service
    let schema: SchemaIndex
    let access: AccessLevel

    private var pub: String { access.prefix }

    private var monitors: [Socket] { service.sockets.filter { $0.monitoredSocket != nil } }
    private var plain: [Socket] { service.sockets.filter { $0.monitoredSocket == nil } }

    /// Dynamic subscriptions with the nested message type that builds each prefix.
    private var dynamicSubscriptions: [(socket: Socket, subscription: Subscription, typeName: String, method: String)] {
        let all = plain.flatMap { socket in socket.subscriptions.filter(\.isDynamic).map { (socket, $0) } }
        return all.enumerated().map { index, pair in
            let perSocket = pair.0.subscriptions.filter(\.isDynamic)
            let ordinal = perSocket.count > 1 ? "\((perSocket.firstIndex(of: pair.1) ?? 0) + 1)" : ""
            let base = all.count == 1 ? "" : SwiftNaming.typeName(pair.0.property) + ordinal
            return (pair.0, pair.1, base + "Subscription", base)
        }
    }

    func emit(into writer: inout CodeWriter) {
        var documentation = service.documentation
        if !documentation.isEmpty { documentation.append("") }
        documentation.append("The sockets of `\(service.id)`, opened together on one context.")
        if !service.metadata.isEmpty {
            documentation += ["", "Schema metadata: " + service.metadata.map { ($0.isOptional ? "?" : "") + $0.name }.joined(separator: ", ") + "."]
        }
        documentation += ["", "Generated from \(service.location.provenance)."]
        writer.documentation(documentation)
        writer.block("\(pub)final class \(service.swiftName): Sendable") { writer in
            writer.documentation(["The context every socket of the service belongs to."])
            writer.line("\(pub)let context: ZMQContext")
            for socket in service.sockets {
                writer.line()
                writer.documentation(socketDocumentation(socket))
                writer.line("\(pub)let \(SwiftNaming.escaped(socket.property)): \(wrapperType(socket))")
            }
            for socket in plain where ![.XPUB, .XSUB, .STREAM].contains(socket.kind) {
                writer.line()
                writer.documentation(["The wrapper type of `\(socket.property)`, to open another such socket (a REQ client reopens", "its socket after a timeout, for example)."])
                writer.line("\(pub)typealias \(SwiftNaming.typeName(socket.property))Socket = \(wrapperType(socket))")
            }
            writer.line()
            emitInitializer(into: &writer)
            writer.line()
            writer.documentation(["Closes every socket (monitors first); pending messages are kept for at most the sockets' linger."])
            writer.block("\(pub)func close()") { writer in
                for socket in monitors + plain {
                    writer.line("\(socketExpression(socket)).close()")
                }
            }
            for entry in dynamicSubscriptions {
                emitSubscription(entry, into: &writer)
            }
        }
    }

    // MARK: Sockets

    private func socketDocumentation(_ socket: Socket) -> [String] {
        var lines = socket.documentation
        if !lines.isEmpty { lines.append("") }
        let verb = socket.endpoint.binds ? "binds" : "connects to"
        lines.append("`\(socket.kind.rawValue)`, \(verb) `\(socket.endpoint.address)` by default.")
        if let target = socket.monitoredSocket {
            lines.append("Reports the events of `\(target)`.")
        }
        let peers = schema.peers[socket.id] ?? []
        if !peers.isEmpty { lines.append("Peers in the schemas: " + peers.map { "`\($0)`" }.joined(separator: ", ") + ".") }
        return lines
    }

    private func wrapperType(_ socket: Socket) -> String {
        if socket.monitoredSocket != nil { return "SocketMonitor" }
        let outgoing = socket.outgoingType ?? "RawMessage"
        let incoming = socket.incomingType ?? "RawMessage"
        switch socket.kind {
        case .PUB: return outgoing == "RawMessage" ? "Publisher<RawMessage>" : "\(outgoing)Publisher"
        case .SUB: return incoming == "RawMessage" ? "Subscriber<RawMessage>" : "\(incoming)Subscriber"
        case .PUSH: return outgoing == "RawMessage" ? "Pusher<RawMessage>" : "\(outgoing)Pusher"
        case .PULL: return incoming == "RawMessage" ? "Puller<RawMessage>" : "\(incoming)Puller"
        case .REQ: return "Requester<\(outgoing), \(incoming)>"
        case .REP: return "Replier<\(incoming), \(outgoing)>"
        case .DEALER: return "Dealer<\(outgoing), \(incoming)>"
        case .ROUTER: return "Router<\(incoming), \(outgoing)>"
        case .PAIR: return "Pair<\(outgoing), \(incoming)>"
        case .XPUB, .XSUB, .STREAM: return "ZMQSocket"
        }
    }

    private func socketExpression(_ socket: Socket) -> String {
        let name = SwiftNaming.escaped(socket.property)
        return [.XPUB, .XSUB, .STREAM].contains(socket.kind) && socket.monitoredSocket == nil ? name : "\(name).socket"
    }

    private func endpointParameter(_ socket: Socket) -> String { SwiftNaming.bareMemberName(socket.property) + "Endpoint" }

    /// Whether a ROUTER's peers put an empty delimiter after their identity (REQ peers do).
    private func peersUseDelimiter(_ socket: Socket) -> Bool {
        let peers = (schema.peers[socket.id] ?? []).compactMap { schema.sockets[$0]?.kind }
        return peers.isEmpty || peers.contains(.REQ)
    }

    private func emitInitializer(into writer: inout CodeWriter) {
        var documentation = ["Opens every socket of `\(service.id)` on `context`, binding or connecting as the schema says.", "", "- Parameters:", "  - context: The context for every socket; the process-wide one by default."]
        for socket in service.sockets {
            documentation.append("  - \(endpointParameter(socket)): Where `\(socket.property)` \(socket.endpoint.binds ? "binds" : "connects"); the schema's `\(socket.endpoint.address)` by default.")
        }
        documentation.append("  - configure: Called with each socket's property name and socket before it binds or connects: the place for options that must precede them (`setMaximumMessageSize`, high-water marks, `makeCurveServer`).")
        documentation.append("- Throws: ``ZMQError`` when a socket cannot be opened, bound or connected, or what `configure` throws.")
        writer.documentation(documentation)
        let parameters = ["context: ZMQContext = .shared"] + service.sockets.map { socket in
            "\(endpointParameter(socket)): String = \(SwiftLiteral.string(socket.endpoint.address))"
        } + ["configure: (_ socket: String, _ zmqSocket: ZMQSocket) throws -> Void = { _, _ in }"]
        writer.line("\(pub)init(")
        for (index, parameter) in parameters.enumerated() {
            writer.line("    \(parameter)\(index == parameters.count - 1 ? "" : ",")")
        }
        writer.block(") throws") { writer in
            writer.line("self.context = context")
            for socket in plain {
                emitOpen(socket, into: &writer)
            }
        }
    }

    /// Opens one socket: creates it, lets `configure` set options, attaches its monitor if it
    /// has one, then binds or connects, so that options and monitoring cover every connection.
    private func emitOpen(_ socket: Socket, into writer: inout CodeWriter) {
        let name = SwiftNaming.escaped(socket.property)
        let endpoint = endpointParameter(socket)
        let monitor = monitors.first { $0.monitoredSocket == socket.id }
        let raw = [.XPUB, .XSUB, .STREAM].contains(socket.kind) ? name : SwiftNaming.bareMemberName(socket.property) + "Socket"
        let declaration = raw == name ? "" : "let "
        writer.line("\(declaration)\(raw) = try ZMQSocket(context: context, type: .\(socket.kind.rawValue.lowercased()))")
        writer.line("try configure(\(SwiftLiteral.string(socket.property)), \(raw))")
        if let monitor { emitMonitor(monitor, of: raw, into: &writer) }
        writer.line("try \(raw).attach(to: \(endpoint), bind: \(socket.endpoint.binds))")
        if raw != name {
            let delimiter = socket.kind == .ROUTER ? ", peersUseDelimiter: \(peersUseDelimiter(socket))" : ""
            writer.line("\(name) = \(wrapperType(socket))(socket: \(raw)\(delimiter))")
        }
        for subscription in socket.subscriptions {
            guard let prefix = subscription.prefix else { continue }
            writer.line("try \(socketExpression(socket)).subscribe(prefix: \(SwiftLiteral.bytes(prefix)))")
        }
    }

    private func emitMonitor(_ monitor: Socket, of socket: String, into writer: inout CodeWriter) {
        writer.line("\(SwiftNaming.escaped(monitor.property)) = try SocketMonitor(monitoring: \(socket), endpoint: \(endpointParameter(monitor)), context: context)")
    }

    // MARK: Subscriptions

    private func emitSubscription(
        _ entry: (socket: Socket, subscription: Subscription, typeName: String, method: String),
        into writer: inout CodeWriter
    ) {
        let message = Message(name: entry.typeName, documentation: ["The first frame of the messages `\(entry.socket.property)` subscribes to at run time."] + entry.subscription.documentation, location: entry.subscription.location, frames: [entry.subscription.frame])
        let (parameters, arguments) = MessageEmitter.fieldParameters(of: message)
        writer.line()
        MessageEmitter(message, access: access).emit(into: &writer)
        for (verb, action) in [("subscribe", "Subscribes"), ("unsubscribe", "Removes the subscription of")] {
            writer.line()
            writer.documentation(["\(action) `\(entry.socket.property)` to messages whose first frame starts with ``\(entry.typeName)``'s frame.", "", "- Throws: ``MessageEncodingError`` when the values do not fit the pattern, or ``ZMQError``."])
            writer.block("\(pub)func \(verb)\(entry.method)(\(parameters)) throws") { writer in
                writer.line("let frames = try \(entry.typeName)(\(arguments)).encode()")
                writer.line("try \(socketExpression(entry.socket)).\(verb)(prefix: frames[0])")
            }
        }
    }
}
