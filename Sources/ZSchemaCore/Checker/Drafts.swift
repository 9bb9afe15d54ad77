/// A service while it is being checked.
struct ServiceDraft {
    var id: String
    var metadata: [MetadataItem]
    var documentation: [String]
    var location: SourceLocation
    var sockets: [SocketDraft]

    /// The part of the id before its first dot (`tickz` of `tickz.server`). Looked up in every
    /// comparison of sorting peers, so found by byte rather than by splitting `Character`s.
    var system: String { id.utf8.firstIndex(of: UInt8(ascii: ".")).map { String(id[..<$0]) } ?? id }
    var role: String? {
        let parts = id.split(separator: ".", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }
}

/// A socket while it is being checked.
struct SocketDraft {
    var kind: SocketKind
    var endpoint: Endpoint
    var explicitName: Located<String>?
    var documentation: [String]
    var location: SourceLocation
    var declared: [DeclaredMessage]
    var subscriptions: [Subscription]
    /// Whether a message line of this socket failed to resolve (already reported).
    var hasInvalidMessages = false
    /// Set once names are assigned: the `as` name, or one derived from the socket type.
    var name = ""
    var nameOrigin = NameOrigin.derived

    /// Messages this socket says it sends (`<-`, `<<`).
    var declaredOutgoing: [DeclaredMessage] { declared.filter { $0.arrow.isOutgoing } }
    /// Whether the endpoint names a monitor (`PAIR inproc://monitor.…`).
    var isMonitorEndpoint: Bool {
        kind == .PAIR && endpoint.transport == "inproc" && endpoint.address.hasPrefix("inproc://monitor.")
    }

    /// Messages this socket says it receives (`->`).
    var declaredIncoming: [DeclaredMessage] { declared.filter { $0.arrow == .receive } }

    /// The names of ``declaredOutgoing`` (`true`) or ``declaredIncoming``, found without copying
    /// the messages.
    func declaredNames(outgoing: Bool) -> [String] {
        declared.compactMap { message in message.arrow.isOutgoing == outgoing && message.arrow != .subscribe ? message.name : nil }
    }

    /// Whether the socket declares a message it sends (`true`) or one it receives.
    func declares(outgoing: Bool) -> Bool {
        declared.contains { message in message.arrow.isOutgoing == outgoing && message.arrow != .subscribe }
    }
}

extension Arrow {
    /// `<-` and `<<`: the socket sends what the line declares.
    var isOutgoing: Bool { self == .send || self == .publish }
}

/// A message as declared on one socket.
struct DeclaredMessage {
    var arrow: Arrow
    var explicitName: Located<String>?
    var frames: [Frame]
    var documentation: [String]
    var location: SourceLocation
    /// Set once names are assigned.
    var name = ""
    var nameOrigin = NameOrigin.derived

    var message: Message {
        Message(
            name: name, nameOrigin: nameOrigin, documentation: documentation, location: location, frames: frames,
            fields: FieldLayout.fields(of: frames))
    }
}

/// Identifies a socket by service and socket index.
struct SocketRef: Hashable, Comparable {
    let service: Int
    let socket: Int
    static func < (lhs: SocketRef, rhs: SocketRef) -> Bool { (lhs.service, lhs.socket) < (rhs.service, rhs.socket) }
}

extension SocketKind {
    /// Socket types whose sockets may send (`<-`).
    var canSend: Bool {
        switch self {
        case .PUB, .XPUB, .SUB, .PULL: false
        default: true
        }
    }
    /// Socket types whose sockets may receive (`->`).
    var canReceive: Bool {
        switch self {
        case .PUB, .SUB, .XSUB, .PUSH: false
        default: true
        }
    }
    /// PUB-like types that publish with `<<`.
    var publishes: Bool { self == .PUB || self == .XPUB }
    /// SUB-like types that subscribe with `?>`.
    var subscribes: Bool { self == .SUB || self == .XSUB }

    /// The peer types libzmq lets this type talk to.
    var compatiblePeers: Set<SocketKind> {
        switch self {
        case .REQ: [.REP, .ROUTER]
        case .REP: [.REQ, .DEALER]
        case .DEALER: [.REP, .DEALER, .ROUTER]
        case .ROUTER: [.REQ, .DEALER, .ROUTER]
        case .PUB, .XPUB: [.SUB, .XSUB]
        case .SUB, .XSUB: [.PUB, .XPUB]
        case .PUSH: [.PULL]
        case .PULL: [.PUSH]
        case .PAIR: [.PAIR]
        case .STREAM: []
        }
    }
}
