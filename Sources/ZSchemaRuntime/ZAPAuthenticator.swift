/// Answers libzmq's authentication requests (ZAP, RFC 27) for every socket of one context that
/// uses PLAIN or CURVE, on a thread of its own.
///
/// Start it before the server sockets bind; stop it (or let it deinit) before the context ends.
/// It is `Sendable`: its socket belongs to its thread alone, and ``stop()`` may be called from
/// any thread, any number of times.
public final class ZAPAuthenticator: Sendable {
    /// One ZAP request.
    public struct Request: Sendable, Hashable {
        /// The ZAP domain of the server socket.
        public let domain: String
        /// The peer's IP address.
        public let address: String
        /// `NULL`, `PLAIN` or `CURVE`.
        public let mechanism: String
        /// For PLAIN: user name and password; for CURVE: the client's 32-byte public key.
        public let credentials: [[UInt8]]

        /// For PLAIN, the user name and password.
        public var plainCredentials: (username: String, password: String)? {
            guard mechanism == "PLAIN", credentials.count == 2 else { return nil }
            return (String(decoding: credentials[0], as: UTF8.self), String(decoding: credentials[1], as: UTF8.self))
        }

        /// For CURVE, the client's public key in Z85.
        public var curvePublicKey: String? {
            guard mechanism == "CURVE", credentials.count == 1 else { return nil }
            return Z85.encode(credentials[0])
        }
    }

    /// What to answer.
    public enum Decision: Sendable, Hashable {
        /// Let the peer in, as `userID`.
        case allow(userID: String)
        /// Refuse the peer.
        case deny(reason: String)
    }

    private let stopped = StopFlag()
    private let thread: SocketThread<Void>

    /// Binds the ZAP endpoint of `context` and starts answering with `policy`.
    public init(context: ZMQContext, policy: @escaping @Sendable (Request) -> Decision) throws {
        let socket = try ZMQSocket(context: context, type: .rep, linger: .zero)
        try socket.bind("inproc://zeromq.zap.01")
        let stopped = self.stopped
        thread = SocketThread(name: "zschema.zap") {
            defer { socket.close() }
            Self.serve(socket, policy: policy, until: stopped)
        }
    }

    deinit { stop() }

    /// Stops answering and closes the ZAP socket; returns once the thread has finished.
    public func stop() {
        stopped.set()
        try? thread.join()
    }

    /// A policy that accepts PLAIN users with these passwords and nothing else.
    public static func plain(users: [String: String]) -> @Sendable (Request) -> Decision {
        { request in
            guard let (username, password) = request.plainCredentials else { return .deny(reason: "PLAIN only") }
            return users[username] == password ? .allow(userID: username) : .deny(reason: "bad user name or password")
        }
    }

    /// A policy that accepts CURVE clients with these public keys (Z85) and nothing else.
    public static func curve(allowedKeys: Set<String>) -> @Sendable (Request) -> Decision {
        { request in
            guard let key = request.curvePublicKey else { return .deny(reason: "CURVE only") }
            return allowedKeys.contains(key) ? .allow(userID: key) : .deny(reason: "unknown client key")
        }
    }

    private static func serve(_ socket: ZMQSocket, policy: (Request) -> Decision, until stopped: StopFlag) {
        while !stopped.isSet {
            guard let frames = try? socket.receive(timeout: .milliseconds(100)) else { continue }
            let parts = frames.copyFrames()
            // version, request id, domain, address, identity, mechanism, credentials...
            let requestID = parts.count > 1 ? parts[1] : []
            var reply: [[UInt8]]
            if parts.count >= 6, parts[0] == Array("1.0".utf8) {
                let text = { (index: Int) in String(decoding: parts[index], as: UTF8.self) }
                let request = Request(domain: text(2), address: text(3), mechanism: text(5), credentials: Array(parts.dropFirst(6)))
                switch policy(request) {
                case .allow(let userID):
                    reply = [Array("1.0".utf8), requestID, Array("200".utf8), Array("OK".utf8), Array(userID.utf8), []]
                case .deny(let reason):
                    reply = [Array("1.0".utf8), requestID, Array("400".utf8), Array(reason.utf8), [], []]
                }
            } else {
                reply = [Array("1.0".utf8), requestID, Array("500".utf8), Array("malformed ZAP request".utf8), [], []]
            }
            _ = try? socket.send(frames: reply)
        }
    }
}
