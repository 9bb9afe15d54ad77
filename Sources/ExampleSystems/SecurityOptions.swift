import ArgumentParser
import ZSchemaRuntime

/// The CURVE and PLAIN options every example program takes. Sockets that bind are servers and
/// sockets that connect are clients, whatever their ZeroMQ type (a PUB that binds is the CURVE
/// server its subscribers connect to).
///
/// - CURVE: `--curve-secret` is the program's key pair (a `.key_secret` certificate from
///   `zschema keygen` or pyzmq's `zmq.auth.create_certificates`); a program with sockets that
///   bind also needs `--curve-clients`, the folder of allowed clients' `.key` files, and one with
///   sockets that connect needs `--curve-server`, the server's `.key`.
/// - PLAIN: `--plain-passwords` on servers (one `user:password` per line; `#` starts a comment),
///   `--plain-login` on clients (a file with the program's own `user:password`). PLAIN sends the
///   password in clear text: it authenticates, it does not encrypt.
///
/// Servers answer ZAP requests (RFC 27) with an allow list and deny everything else.
public struct SecurityOptions: ParsableArguments, Sendable {
    @Option(help: "This program's CURVE key pair: a .key_secret certificate (zschema keygen, or pyzmq's zmq.auth).")
    public var curveSecret: String?

    @Option(help: "For sockets that connect: the CURVE server's public certificate (.key).")
    public var curveServer: String?

    @Option(help: "For sockets that bind: the folder of allowed clients' public certificates (*.key); every other key is refused.")
    public var curveClients: String?

    @Option(help: "For sockets that bind: a PLAIN password file, one user:password per line; every other user is refused.")
    public var plainPasswords: String?

    @Option(help: "For sockets that connect: a file holding this program's PLAIN user:password.")
    public var plainLogin: String?

    /// No security: the NULL mechanism.
    public init() {}

    /// The options that give a program this one starts the same credentials as a client: its own
    /// key pair and, as the server's key, its public half (CURVE), or its login (PLAIN).
    public var childClientArguments: [String] {
        if let curveSecret { return ["--curve-secret", curveSecret, "--curve-server", curveSecret] }
        if let plainLogin { return ["--plain-login", plainLogin] }
        return []
    }

    public func validate() throws {
        let curve = curveSecret != nil || curveServer != nil || curveClients != nil
        let plain = plainPasswords != nil || plainLogin != nil
        if curve && plain { throw ValidationError("Use CURVE (--curve-...) or PLAIN (--plain-...), not both.") }
        if curveSecret == nil && (curveServer != nil || curveClients != nil) {
            throw ValidationError("--curve-server and --curve-clients need --curve-secret, this program's own key pair.")
        }
    }

    /// Loads the keys or passwords and, when this program has server sockets, starts its ZAP
    /// authenticator on `context`; `roles` are the program's sockets' roles, to check that the
    /// options each needs are there. `allowingOwnKey` also lets in clients with this program's
    /// own key pair: the workers dealz starts use it.
    /// - Throws: `ValidationError` naming the file and line of a bad certificate or password file,
    ///   or an option a role needs.
    public func start(context: ZMQContext, roles: Set<ServiceSecurity.Role>, log: ServiceLog, allowingOwnKey: Bool = false) throws -> ServiceSecurity {
        if let curveSecret {
            let certificate = try Self.loaded { () throws(CurveCertificate.Problem) in try CurveCertificate.load(path: curveSecret) }
            guard let keys = certificate.keyPair else { throw ValidationError("\(curveSecret): no secret-key: give the .key_secret file, not the .key") }
            var serverKey: String?
            var allowed: Set<String> = []
            if roles.contains(.client) {
                guard let curveServer else { throw ValidationError("This program connects: give --curve-server, the server's .key file.") }
                serverKey = try Self.loaded { () throws(CurveCertificate.Problem) in try CurveCertificate.load(path: curveServer).publicKey }
            }
            if roles.contains(.server) {
                guard let curveClients else { throw ValidationError("This program binds: give --curve-clients, the folder of allowed clients' .key files.") }
                allowed = try Self.loaded { () throws(CurveCertificate.Problem) in try CurveCertificate.loadPublicKeys(directory: curveClients) }
                if allowingOwnKey { allowed.insert(keys.publicKey) }
                log("CURVE: \(allowed.count) client keys allowed from \(curveClients)")
            }
            return try ServiceSecurity(
                context: context, mechanism: .curve(keys: keys, serverKey: serverKey, allowedClients: allowed), serves: roles.contains(.server), log: log)
        }
        if plainPasswords != nil || plainLogin != nil {
            var users: [String: String] = [:]
            var login: (String, String)?
            if roles.contains(.server) {
                guard let plainPasswords else { throw ValidationError("This program binds: give --plain-passwords.") }
                users = try PasswordFile.load(plainPasswords)
                log("PLAIN: \(users.count) users allowed from \(plainPasswords)")
            }
            if roles.contains(.client) {
                guard let plainLogin else { throw ValidationError("This program connects: give --plain-login.") }
                guard let first = try PasswordFile.loadEntries(plainLogin).first else { throw ValidationError("\(plainLogin): no user:password line") }
                login = first
            }
            return try ServiceSecurity(context: context, mechanism: .plain(users: users, login: login), serves: roles.contains(.server), log: log)
        }
        return try ServiceSecurity(context: context, mechanism: .null, serves: false, log: log)
    }

    /// What `load` returns; a certificate problem becomes the usage error that names its file.
    private static func loaded<Value>(_ load: () throws(CurveCertificate.Problem) -> Value) throws -> Value {
        do { return try load() } catch { throw ValidationError(error.description) }
    }
}
