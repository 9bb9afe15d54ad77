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

    init(topology: Topology, shapes: FrameShape, diagnostics: inout DiagnosticCollector) {
        self.topology = topology
        self.shapes = shapes
        self.quietAboutRawSockets = diagnostics.hasErrors
        assignNames()
        registerMessages(&diagnostics)
        // Linked sockets first, so a set of alternatives shared by several sockets is named after
        // (and generated with) a socket that is actually in use.
        for ref in linkedFirstSockets where topology.monitors[ref] == nil { deriveTypes(ref, &diagnostics) }
        checkAgreement(&diagnostics)
        checkSubscriptions(&diagnostics)
        checkAlternatives(&diagnostics)
    }

    /// Sockets with peers first, then the others, each in declaration order.
    private var linkedFirstSockets: [SocketRef] {
        topology.allSockets.filter { !topology.peers(of: $0).isEmpty } + topology.allSockets.filter { topology.peers(of: $0).isEmpty }
    }

    // MARK: Names

    /// A message's name: the one written after the arrow, else its constant's name (`START`),
    /// else `<service>.<socket>.<out|in>`, with an ordinal when a socket has several such.
    private mutating func assignNames() {
        for ref in topology.allSockets {
            let service = topology.service(ref)
            let socket = topology.socket(ref)
            for direction in [true, false] {
                let indices = socket.declared.indices.filter { (socket.declared[$0].arrow != .receive) == direction }
                let unnamed = indices.filter { socket.declared[$0].explicitName == nil && constantName(socket.declared[$0]) == nil }
                for index in indices {
                    let message = socket.declared[index]
                    let (name, origin): (String, NameOrigin)
                    if let explicit = message.explicitName {
                        (name, origin) = (explicit.value, .declared)
                    } else if let constant = constantName(message) {
                        (name, origin) = (constant, .constant)
                    } else {
                        let ordinal = unnamed.count > 1 ? ".\((unnamed.firstIndex(of: index) ?? 0) + 1)" : ""
                        (name, origin) = ("\(service.id).\(socket.name).\(direction ? "out" : "in")\(ordinal)", .derived)
                    }
                    topology.services[ref.service].sockets[ref.socket].declared[index].name = name
                    topology.services[ref.service].sockets[ref.socket].declared[index].nameOrigin = origin
                }
            }
        }
    }

    private func constantName(_ message: DeclaredMessage) -> String? {
        for frame in message.frames { if case .integerConstant(let constant) = frame.kind { return constant.name } }
        return nil
    }

    /// When several files declare the same message, the declaration on a socket that has peers
    /// wins (then the first in file order), so a message lives with the system that uses it.
    private mutating func registerMessages(_ diagnostics: inout DiagnosticCollector) {
        var byName: [String: Int] = [:]
        for ref in linkedFirstSockets {
            for declared in topology.socket(ref).declared {
                let message = declared.message
                if let existing = byName[message.name] {
                    if !Self.sameDefinition(messages[existing], message) {
                        diagnostics.error(
                            message.location,
                            "message name '\(message.name)' is already used for a different message; give this one another name after the arrow",
                            notes: [Diagnostic(.note, messages[existing].location, "'\(message.name)' is defined here")])
                    }
                    continue
                }
                byName[message.name] = messages.count
                messages.append(message)
            }
        }
    }

    /// Two declarations define the same Swift type: same frames, same field names.
    static func sameDefinition(_ a: Message, _ b: Message) -> Bool {
        a.frames.count == b.frames.count
            && zip(a.frames, b.frames).allSatisfy { x, y in
                x.name == y.name && x.kind == y.kind && x.repetition == y.repetition
            }
    }

    // MARK: Types per socket

    private mutating func deriveTypes(_ ref: SocketRef, _ diagnostics: inout DiagnosticCollector) {
        let socket = topology.socket(ref)
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
            if !socket.declaredOutgoing.isEmpty {
                outgoing[ref] = messageSet(socket.declaredOutgoing.map(\.name), declaredAt: ref)
            } else if let peer = peers.first(where: { !topology.socket($0).declaredIncoming.isEmpty }) {
                outgoing[ref] = messageSet(topology.socket(peer).declaredIncoming.map(\.name), declaredAt: peer)
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
            if !socket.declaredIncoming.isEmpty {
                incoming[ref] = messageSet(socket.declaredIncoming.map(\.name), declaredAt: ref)
            } else if let peer = peers.first(where: { !topology.socket($0).declaredOutgoing.isEmpty }) {
                let published = topology.socket(peer).declaredOutgoing
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
            unions.append(MessageUnion(id: id, messages: names, location: topology.socket(owner).location))
        }
        return .union(id)
    }

    // MARK: Agreement

    private func checkAgreement(_ diagnostics: inout DiagnosticCollector) {
        for link in topology.links {
            for (sender, receiver) in [(link.connecting, link.binding), (link.binding, link.connecting)] {
                let sent = topology.socket(sender).declaredOutgoing
                let accepted = topology.socket(receiver).declaredIncoming
                guard !accepted.isEmpty else { continue }
                for message in sent where !accepted.contains(where: { FrameShape.sameWire(message.frames, $0.frames) }) {
                    let closest = accepted.first { $0.frames.count == message.frames.count } ?? accepted[0]
                    let detail = FrameShape.firstDifference(message.frames, closest.frames).map { ": " + $0.text } ?? ""
                    diagnostics.error(
                        message.location,
                        "\(topology.describe(receiver)) does not accept this message\(detail)",
                        notes: [Diagnostic(.note, closest.location, "\(topology.service(receiver).id) accepts this")])
                }
            }
        }
    }

    private func checkSubscriptions(_ diagnostics: inout DiagnosticCollector) {
        for ref in topology.allSockets where topology.socket(ref).kind.subscribes {
            for publisher in topology.peers(of: ref) {
                let published = topology.socket(publisher).declaredOutgoing
                guard !published.isEmpty else { continue }
                for subscription in topology.socket(ref).subscriptions {
                    let selected = published.filter { shapes.subscription(subscription, canSelect: $0.frames[0]) ?? true }
                    guard selected.isEmpty else { continue }
                    var detail = ""
                    if case .integerConstant(let constant) = subscription.frame.kind {
                        let name = constant.name
                        for message in published {
                            if case .integerConstant(let other) = message.frames[0].kind, other.name == name, other.bytes != constant.bytes {
                                detail = "; \(name) is \(constant.value) here but \(other.value) in \(topology.service(publisher).id)"
                                break
                            }
                        }
                    }
                    diagnostics.error(
                        subscription.location,
                        "subscription [\(FrameShape.describe(subscription.frame))] matches no message that \(topology.describe(publisher)) publishes\(detail)",
                        notes: published.map { Diagnostic(.note, $0.location, "\(topology.service(publisher).id) publishes this") })
                }
            }
        }
    }

    private func checkAlternatives(_ diagnostics: inout DiagnosticCollector) {
        for ref in topology.allSockets {
            let socket = topology.socket(ref)
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
