/// Names the messages, gives every socket the message types it sends and receives (its own
/// declarations or its peers'), and checks that linked sockets agree.
struct MessageFlow {
    private(set) var topology: Topology
    /// Compares frames, matching patterns where needed.
    private let shapes: FrameShape
    /// Distinct messages by name, in first-declared order.
    private(set) var messages: [Message] = []
    private(set) var unions: [MessageUnion] = []
    /// The ids of `unions`, so that looking one up does not scan them all.
    private var unionIDs: Set<String> = []
    /// Per socket: what it sends and receives.
    private(set) var outgoing: [SocketRef: MessageSet] = [:]
    private(set) var incoming: [SocketRef: MessageSet] = [:]

    /// After errors, the raw-frames warnings would mostly repeat them.
    private let quietAboutRawSockets: Bool

    init(topology: consuming Topology, shapes: FrameShape, diagnostics: inout DiagnosticCollector) {
        self.topology = topology
        self.shapes = shapes
        self.quietAboutRawSockets = diagnostics.hasErrors
        assignNames()
        let linkedFirst = linkedFirstSockets
        registerMessages(in: linkedFirst, &diagnostics)
        // Linked sockets first, so a set of alternatives shared by several sockets is named after
        // (and generated with) a socket that is actually in use.
        for ref in linkedFirst where topology.monitors[ref] == nil { deriveTypes(ref, &diagnostics) }
        checkAgreement(&diagnostics)
        checkSubscriptions(&diagnostics)
        checkAlternatives(&diagnostics)
    }

    /// Sockets with peers first, then the others, each in declaration order.
    private var linkedFirstSockets: [SocketRef] {
        let all = topology.allSockets
        var linked: [SocketRef] = [], unlinked: [SocketRef] = []
        linked.reserveCapacity(all.count)
        for ref in all {
            if topology.peers(of: ref).isEmpty { unlinked.append(ref) } else { linked.append(ref) }
        }
        return linked + unlinked
    }

    // MARK: Names

    /// A message's name: the one written after the arrow, else its constant's name (`START`),
    /// else `<service>.<socket>.<out|in>`, with an ordinal when a socket has several such.
    private mutating func assignNames() {
        for ref in topology.allSockets {
            // Decided first and stored after: a copy of the socket alive during the stores would
            // make them copy its messages.
            for (index, name, origin) in messageNames(ref) {
                topology.services[ref.service].sockets[ref.socket].declared[index].name = name
                topology.services[ref.service].sockets[ref.socket].declared[index].nameOrigin = origin
            }
        }
    }

    /// The name of each message declared on socket `ref`, by index.
    private func messageNames(_ ref: SocketRef) -> [(index: Int, name: String, origin: NameOrigin)] {
        let socket = topology[socket: ref]
        var names: [(index: Int, name: String, origin: NameOrigin)] = []
        names.reserveCapacity(socket.declared.count)
        for direction in [true, false] {
            let indices = socket.declared.indices.filter { (socket.declared[$0].arrow != .receive) == direction }
            let unnamed = indices.filter { socket.declared[$0].explicitName == nil && constantName(socket.declared[$0]) == nil }
            for index in indices {
                let message = socket.declared[index]
                if let explicit = message.explicitName {
                    names.append((index, explicit.value, .declared))
                } else if let constant = constantName(message) {
                    names.append((index, constant, .constant))
                } else {
                    let ordinal = unnamed.count > 1 ? ".\((unnamed.firstIndex(of: index) ?? 0) + 1)" : ""
                    names.append((index, "\(topology[service: ref].id).\(socket.name).\(direction ? "out" : "in")\(ordinal)", .derived))
                }
            }
        }
        return names
    }

    private func constantName(_ message: DeclaredMessage) -> String? {
        for frame in message.frames { if case .integerConstant(let constant) = frame.kind { return constant.name } }
        return nil
    }

    /// When several files declare the same message, the declaration on a socket that has peers
    /// wins (then the first in file order), so a message lives with the system that uses it.
    private mutating func registerMessages(in linkedFirst: [SocketRef], _ diagnostics: inout DiagnosticCollector) {
        var byName: [String: Int] = [:]
        for ref in linkedFirst {
            for declared in topology.services[ref.service].sockets[ref.socket].declared {
                // Most messages are declared on both ends of a link: the second declaration is
                // only compared, never made into a `Message`.
                if let existing = byName[declared.name] {
                    if !Self.sameDefinition(messages[existing].frames, declared.frames) {
                        diagnostics.error(
                            declared.location,
                            "message name '\(declared.name)' is already used for a different message; give this one another name after the arrow",
                            notes: [Diagnostic(.note, messages[existing].location, "'\(declared.name)' is defined here")])
                    }
                    continue
                }
                byName[declared.name] = messages.count
                messages.append(declared.message)
            }
        }
    }

    /// Two declarations' frames define the same Swift type: same frames, same field names.
    static func sameDefinition(_ a: [Frame], _ b: [Frame]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { x, y in
                x.name == y.name && x.kind == y.kind && x.repetition == y.repetition
            }
    }

    // MARK: Types per socket

    private mutating func deriveTypes(_ ref: SocketRef, _ diagnostics: inout DiagnosticCollector) {
        let socket = topology[socket: ref]
        let peers = topology.peers(of: ref)
        // Say nothing more about a socket whose messages already failed, or a stray monitor.
        let quiet = quietAboutRawSockets || socket.hasInvalidMessages || socket.isMonitorEndpoint
        // What these carry in one direction is not the schema's messages: an XPUB receives
        // subscriptions, an XSUB sends them, a STREAM exchanges raw bytes with non-ZeroMQ peers.
        let quietSending = quiet || socket.kind == .XSUB || socket.kind == .STREAM
        let quietReceiving = quiet || socket.kind == .XPUB || socket.kind == .STREAM
        if socket.kind == .STREAM, let first = socket.declared.first {
            diagnostics.warning(
                first.location,
                "a STREAM socket exchanges raw bytes with peers that do not speak ZeroMQ (routing id and data); the messages declared on it are not used")
        }
        if socket.kind == .XPUB, let first = socket.declaredIncoming.first {
            diagnostics.warning(
                first.location, "an XPUB's wrapper receives its subscribers' subscriptions (SubscriptionEvent); messages declared with '->' are not decoded")
        }
        if socket.kind == .XSUB, let first = socket.declaredOutgoing.first {
            diagnostics.warning(first.location, "an XSUB's wrapper sends subscriptions (SubscriptionEvent); messages declared with '<-' are not encoded")
        }
        if socket.kind.canSend || socket.kind.publishes {
            if socket.declares(outgoing: true) {
                outgoing[ref] = messageSet(socket.declaredNames(outgoing: true), declaredAt: ref)
            } else if let peer = peers.first(where: { topology[socket: $0].declares(outgoing: false) }) {
                outgoing[ref] = messageSet(topology[socket: peer].declaredNames(outgoing: false), declaredAt: peer)
            } else {
                outgoing[ref] = .raw
                if !quietSending {
                    diagnostics.warning(
                        socket.location,
                        "no schema declares what this \(socket.kind.rawValue) sends; its wrapper sends raw frames (declare the messages with '\(socket.kind.publishes ? "<<" : "<-")' here or on its peer)"
                    )
                }
            }
        }
        if socket.kind.canReceive || socket.kind.subscribes {
            if socket.declares(outgoing: false) {
                incoming[ref] = messageSet(socket.declaredNames(outgoing: false), declaredAt: ref)
            } else if let peer = peers.first(where: { topology[socket: $0].declares(outgoing: true) }) {
                let published = topology[socket: peer].declaredOutgoing
                var names = published.map(\.name)
                if socket.kind.subscribes, !socket.subscriptions.isEmpty, socket.subscriptions.allSatisfy({ !$0.isDynamic }) {
                    names = published.filter { message in
                        socket.subscriptions.contains { shapes.subscription($0, canSelect: message.frames[0]) ?? true }
                    }.map(\.name)
                }
                incoming[ref] = messageSet(names, declaredAt: names == published.map(\.name) ? peer : ref)
            } else {
                incoming[ref] = .raw
                if !quietReceiving {
                    diagnostics.warning(
                        socket.location,
                        "no schema declares what this \(socket.kind.rawValue) receives; its wrapper yields raw frames (declare the messages with '->' here or on its peer)"
                    )
                }
            }
        }
    }

    /// The set of `names`: one message, or the union of those alternatives (sockets with the same
    /// alternatives in the same order share one), first defined by the socket `declaredAt`.
    private mutating func messageSet(_ names: [String], declaredAt owner: SocketRef) -> MessageSet {
        if names.isEmpty { return .raw }
        if names.count == 1 { return .message(names[0]) }
        let id = names.joined(separator: "|")
        if unionIDs.insert(id).inserted {
            unions.append(MessageUnion(id: id, messages: names, location: topology[socket: owner].location))
        }
        return .union(id)
    }

    // MARK: Agreement

    private func checkAgreement(_ diagnostics: inout DiagnosticCollector) {
        for link in topology.links {
            for (sender, receiver) in [(link.connecting, link.binding), (link.binding, link.connecting)] {
                guard topology[socket: receiver].declares(outgoing: false), topology[socket: sender].declares(outgoing: true) else { continue }
                let sent = topology[socket: sender].declaredOutgoing
                let accepted = topology[socket: receiver].declaredIncoming
                for message in sent where !accepted.contains(where: { FrameShape.sameWire(message.frames, $0.frames) }) {
                    let closest = accepted.first { $0.frames.count == message.frames.count } ?? accepted[0]
                    let detail = FrameShape.firstDifference(message.frames, closest.frames).map { ": " + $0.text } ?? ""
                    diagnostics.error(
                        message.location,
                        "\(topology.describe(receiver)) does not accept this message\(detail)",
                        notes: [Diagnostic(.note, closest.location, "\(topology[service: receiver].id) accepts this")])
                }
            }
        }
    }

    private func checkSubscriptions(_ diagnostics: inout DiagnosticCollector) {
        for ref in topology.allSockets where topology[socket: ref].kind.subscribes {
            for publisher in topology.peers(of: ref) {
                let published = topology[socket: publisher].declaredOutgoing
                guard !published.isEmpty else { continue }
                for subscription in topology[socket: ref].subscriptions {
                    let selected = published.filter { shapes.subscription(subscription, canSelect: $0.frames[0]) ?? true }
                    guard selected.isEmpty else { continue }
                    var detail = ""
                    if case .integerConstant(let constant) = subscription.frame.kind {
                        let name = constant.name
                        for message in published {
                            if case .integerConstant(let other) = message.frames[0].kind, other.name == name, other.bytes != constant.bytes {
                                detail = "; \(name) is \(constant.value) here but \(other.value) in \(topology[service: publisher].id)"
                                break
                            }
                        }
                    }
                    diagnostics.error(
                        subscription.location,
                        "subscription [\(FrameShape.describe(subscription.frame))] matches no message that \(topology.describe(publisher)) publishes\(detail)",
                        notes: published.map { Diagnostic(.note, $0.location, "\(topology[service: publisher].id) publishes this") })
                }
            }
        }
    }

    private func checkAlternatives(_ diagnostics: inout DiagnosticCollector) {
        // Most sockets declare one message or none: they are passed over without a copy.
        for ref in topology.allSockets where topology[socket: ref].declared.count > 1 {
            let socket = topology[socket: ref]
            for group in [socket.declaredOutgoing, socket.declaredIncoming] where group.count > 1 {
                for (index, message) in group.enumerated() {
                    if let earlier = group[..<index].first(where: { shapes.mayOverlap($0.frames, message.frames) }) {
                        let (called, taken) =
                            earlier.nameOrigin == .derived
                            ? ("the one on line \(earlier.location.line)", "the one on line \(earlier.location.line)")
                            : ("\(earlier.name) (line \(earlier.location.line))", earlier.name)
                        diagnostics.warning(
                            message.location,
                            "this message and \(called) can match the same frames, so a receiver cannot tell them apart; the decoder takes \(taken)",
                            notes: [Diagnostic(.note, earlier.location, "\(earlier.nameOrigin == .derived ? "it" : earlier.name) is declared here")])
                    }
                }
            }
        }
    }
}
