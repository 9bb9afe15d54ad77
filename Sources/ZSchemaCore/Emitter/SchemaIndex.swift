/// Lookups into a ``SchemaIR`` built once per compilation, so that emitting stays linear in the
/// number of schemas (``SchemaIR/peers(of:)`` and its friends scan everything on each call).
struct SchemaIndex: Sendable {
    /// Every socket by id.
    let sockets: [String: Socket]
    /// Each socket's linked sockets, either way, in link order.
    let peers: [String: [String]]
    /// Every message by name.
    let messages: [String: Message]
    /// The single-type wrapper roles each message type plays on some socket.
    let roles: [String: Set<SocketRole>]
    /// The message types some ROUTER socket sends.
    let routerReplies: Set<String>
    /// The messages, unions and services declared in each file, in IR order.
    let messagesByFile: [String: [Message]]
    let unionsByFile: [String: [MessageUnion]]
    let servicesByFile: [String: [Service]]

    init(_ ir: SchemaIR) {
        let allSockets = ir.services.flatMap(\.sockets)
        sockets = Dictionary(allSockets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var peers: [String: [String]] = [:]
        for link in ir.links {
            peers[link.connecting, default: []].append(link.binding)
            peers[link.binding, default: []].append(link.connecting)
        }
        self.peers = peers
        messages = Dictionary(ir.messages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var roles: [String: Set<SocketRole>] = [:]
        var routerReplies: Set<String> = []
        for socket in allSockets {
            if let role = SocketRole(socket.kind), let type = role.carries(socket) { roles[type, default: []].insert(role) }
            if socket.kind == .ROUTER, let type = socket.outgoingType { routerReplies.insert(type) }
        }
        self.roles = roles
        self.routerReplies = routerReplies
        messagesByFile = Dictionary(grouping: ir.messages, by: \.location.file)
        unionsByFile = Dictionary(grouping: ir.unions, by: \.location.file)
        servicesByFile = Dictionary(grouping: ir.services, by: \.location.file)
    }
}
