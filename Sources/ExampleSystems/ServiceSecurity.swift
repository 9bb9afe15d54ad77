import ZSchemaRuntime

/// One run's security, made by ``SecurityOptions/start(context:roles:log:)``: the keys or
/// passwords, and the ZAP authenticator that answers for the program's server sockets until
/// ``stop()``.
public final class ServiceSecurity: Sendable {
    /// Whether a socket binds (a server) or connects (a client).
    public enum Role: Sendable, Hashable {
        case server, client
    }

    /// The mechanism and what it needs.
    public enum Mechanism: Sendable {
        /// No security (ZeroMQ's NULL mechanism).
        case null
        /// CURVE: this program's keys, the server's public key for client sockets, the allowed
        /// clients' public keys for server sockets.
        case curve(keys: CurveKeyPair, serverKey: String?, allowedClients: Set<String>)
        /// PLAIN: the allowed users for server sockets, this program's login for client sockets.
        case plain(users: [String: String], login: (String, String)?)
    }

    public let mechanism: Mechanism
    private let authenticator: ZAPAuthenticator?

    init(context: ZMQContext, mechanism: Mechanism, serves: Bool, log: ServiceLog) throws {
        self.mechanism = mechanism
        let check: (@Sendable (ZAPAuthenticator.Request) -> ZAPAuthenticator.Decision)?
        switch mechanism {
        case .curve(_, _, let allowed) where serves: check = ZAPAuthenticator.curve(allowedKeys: allowed)
        case .plain(let users, _) where serves: check = ZAPAuthenticator.plain(users: users)
        default: check = nil
        }
        authenticator = try check.map { check in try ZAPAuthenticator(context: context) { request in Self.logged(check(request), request, log) } }
    }

    /// Sets the mechanism's options on `socket`, which has `role`; before it binds or connects.
    public func configure(_ socket: ZMQSocket, as role: Role) throws(ZMQError) {
        switch (mechanism, role) {
        case (.null, _):
            return
        case (.curve(let keys, _, _), .server):
            try socket.makeCurveServer(keys)
        case (.curve(let keys, let serverKey?, _), .client):
            try socket.makeCurveClient(keys, serverKey: serverKey)
        case (.plain, .server):
            try socket.makePlainServer()
        case (.plain(_, let (user, password)?), .client):
            try socket.makePlainClient(username: user, password: password)
        default:
            // start(context:roles:log:) refuses a role whose options are missing.
            preconditionFailure("no \(role) settings for this mechanism")
        }
    }

    /// Stops the ZAP authenticator, if there is one (after the sockets are closed).
    public func stop() { authenticator?.stop() }

    /// Logs a refusal, with the ZAP status the peer's handshake fails with.
    private static func logged(_ decision: ZAPAuthenticator.Decision, _ request: ZAPAuthenticator.Request, _ log: ServiceLog) -> ZAPAuthenticator.Decision {
        if case .deny(let reason) = decision {
            let who = request.curvePublicKey.map { "key \($0)" } ?? request.plainCredentials.map { "user \($0.username)" } ?? "a \(request.mechanism) peer"
            log("refused \(who) from \(request.address): ZAP 400 \(reason)")
        }
        return decision
    }
}
