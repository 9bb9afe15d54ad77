import ExampleSystems
import ZSchemaRuntime

/// Where dealz's six sockets bind or connect (the schema's endpoints unless told otherwise), and
/// how: the ZMTP heartbeat on their connections, and CURVE or PLAIN.
public struct DealzEndpoints: Sendable {
    /// Where the chatz REQ socket connects.
    public var chatzRouter = "tcp://localhost:9001"
    /// Where the chatz SUB socket connects.
    public var chatzPub = "tcp://localhost:9002"
    /// Where the tickz SUB socket connects.
    public var tickz = "tcp://localhost:9003"
    /// Where the PUSH socket for orders binds.
    public var push = "tcp://*:9014"
    /// Where the PULL socket for READY and valuations binds.
    public var pull = "tcp://*:9015"
    /// Where the PUB socket for EXIT binds.
    public var pub = "tcp://*:9016"
    /// The heartbeat on every connection, so a frozen or vanished peer shows as disconnected.
    public var heartbeat = ZMTPHeartbeat.standard
    /// CURVE or PLAIN for the six sockets (PUSH, PULL and PUB bind: servers; the others are
    /// clients); nil for none.
    public var security: ServiceSecurity?

    /// The schema's endpoints.
    public init() {}

    /// Sets the heartbeat and the security options on dealz's socket `name` (as the generated
    /// `Dealz` names them; monitors get neither), before it binds or connects.
    public func configure(_ socket: ZMQSocket, named name: String) throws {
        guard !name.hasSuffix("monitor") else { return }
        try heartbeat.apply(to: socket)
        try security?.configure(socket, as: ["push", "pull", "pub"].contains(name) ? .server : .client)
    }

    /// Opens dealz's sockets (and their monitors) on `context`. Every message dealz receives is a
    /// few dozen bytes, so a peer that sends a frame over 64 KiB is disconnected.
    public func open(context: ZMQContext) throws -> Dealz {
        try Dealz(
            context: context, reqEndpoint: chatzRouter, chatzSubEndpoint: chatzPub, tickzSubEndpoint: tickz,
            pushEndpoint: push, pullEndpoint: pull, pubEndpoint: pub
        ) { name, socket in
            try configure(socket, named: name)
            if name != "push" && name != "pub" { try socket.setMaximumMessageSize(64 * 1024) }
        }
    }
}
