import CZeroMQ

/// Z85, ZeroMQ's text encoding for binary keys (RFC 32).
public enum Z85 {
    /// Encodes `bytes` (a multiple of 4 long); nil otherwise.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        var text = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        guard zmq_z85_encode(&text, bytes, bytes.count) != nil else { return nil }
        return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes Z85 text (a multiple of 5 characters); nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        guard text.utf8.count % 5 == 0, text.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        var bytes = [UInt8](repeating: 0, count: text.utf8.count * 4 / 5)
        guard zmq_z85_decode(&bytes, text) != nil else { return nil }
        return bytes
    }
}

/// A CURVE key pair, each key 32 bytes, shown as 40 Z85 characters.
public struct CurveKeyPair: Sendable, Hashable {
    /// The public key, Z85-encoded.
    public let publicKey: String
    /// The secret key, Z85-encoded.
    public let secretKey: String

    /// Creates a key pair from Z85 keys; nil when either is not a 40-character Z85 key.
    public init?(publicKey: String, secretKey: String) {
        guard Z85.decode(publicKey)?.count == 32, Z85.decode(secretKey)?.count == 32 else { return nil }
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// A new random key pair (`zmq_curve_keypair`).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try check(zmq_curve_keypair(&publicKey, &secretKey), "zmq_curve_keypair")
        let text = { (key: [CChar]) in String(decoding: key.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CurveKeyPair(unchecked: text(publicKey), text(secretKey))
    }

    /// Whether the public key is the one the secret key derives (`zmq_curve_public`): false for
    /// a pair whose halves were mixed up.
    public var publicKeyMatchesSecret: Bool {
        var derived = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&derived, secretKey) == 0 else { return false }
        return String(decoding: derived.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self) == publicKey
    }

    private init(unchecked publicKey: String, _ secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE server with `keys` (set before binding or connecting).
    public func makeCurveServer(_ keys: CurveKeyPair, zapDomain: String = "global") throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVER, Int32(1), "ZMQ_CURVE_SERVER")
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(keys.secretKey.utf8), "ZMQ_CURVE_SECRETKEY")
        try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(zapDomain.utf8), "ZMQ_ZAP_DOMAIN")
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverKey` (Z85).
    public func makeCurveClient(_ keys: CurveKeyPair, serverKey: String) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVERKEY, bytes: Array(serverKey.utf8), "ZMQ_CURVE_SERVERKEY")
        try setOption(ZMQ_CURVE_PUBLICKEY, bytes: Array(keys.publicKey.utf8), "ZMQ_CURVE_PUBLICKEY")
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(keys.secretKey.utf8), "ZMQ_CURVE_SECRETKEY")
    }

    /// Makes this socket a PLAIN server; a ``ZAPAuthenticator`` checks the credentials.
    public func makePlainServer(zapDomain: String = "global") throws(ZMQError) {
        try setOption(ZMQ_PLAIN_SERVER, Int32(1), "ZMQ_PLAIN_SERVER")
        try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(zapDomain.utf8), "ZMQ_ZAP_DOMAIN")
    }

    /// Makes this socket a PLAIN client with these credentials (sent in clear text).
    public func makePlainClient(username: String, password: String) throws(ZMQError) {
        try setOption(ZMQ_PLAIN_USERNAME, bytes: Array(username.utf8), "ZMQ_PLAIN_USERNAME")
        try setOption(ZMQ_PLAIN_PASSWORD, bytes: Array(password.utf8), "ZMQ_PLAIN_PASSWORD")
    }
}
