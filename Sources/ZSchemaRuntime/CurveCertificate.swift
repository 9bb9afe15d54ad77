#if canImport(Glibc)
    import Glibc
#endif

/// A CURVE certificate file as pyzmq's `zmq.auth` and czmq's `zcert` write them: comment lines
/// starting with `#`, then a `metadata` section and a `curve` section whose indented lines hold
/// `public-key = "…"` and, in a secret certificate, `secret-key = "…"` (Z85, 40 characters).
///
/// By the same convention a key pair is two files: `NAME.key` (the public key, to hand out)
/// and `NAME.key_secret` (both keys, to keep).
public struct CurveCertificate: Sendable, Hashable {
    /// The public key, Z85.
    public let publicKey: String
    /// The secret key, Z85; nil in a public certificate.
    public let secretKey: String?

    /// A certificate of `keys`; `includingSecret: false` for the public one.
    public init(_ keys: CurveKeyPair, includingSecret: Bool = true) {
        publicKey = keys.publicKey
        secretKey = includingSecret ? keys.secretKey : nil
    }

    /// The key pair, for a secret certificate; nil for a public one.
    public var keyPair: CurveKeyPair? {
        secretKey.flatMap { CurveKeyPair(publicKey: publicKey, secretKey: $0) }
    }

    /// Why a certificate could not be read.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The file, as given.
        public let path: String
        /// The 1-based line, or nil for the file as a whole.
        public let line: Int?
        /// What is wrong.
        public let message: String

        public var description: String { line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)" }
    }

    /// Reads a certificate from `text`, the contents of the file `path`.
    /// - Throws: ``Problem`` for a missing public key, a key that is not 40 Z85 characters
    ///   decoding to 32 bytes, or a key given twice.
    public static func parse(_ text: String, path: String) throws(Problem) -> CurveCertificate {
        var keys: [String: (value: String, line: Int)] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
            let trimmed = String(line)
            guard !trimmed.hasPrefix("#") else { continue }
            for name in ["public-key", "secret-key"] where trimmed.hasPrefix(name) {
                guard let equals = trimmed.firstIndex(of: "=") else {
                    throw Problem(path: path, line: index + 1, message: "expected '\(name) = \"…\"'")
                }
                let value = String(trimmed[trimmed.index(after: equals)...].filter { !" \t\"'".contains($0) })
                guard Z85.decode(value)?.count == 32 else {
                    throw Problem(path: path, line: index + 1, message: "\(name) is not a 40-character Z85 key")
                }
                if keys[name] != nil { throw Problem(path: path, line: index + 1, message: "\(name) given twice") }
                keys[name] = (value, index + 1)
            }
        }
        guard let publicKey = keys["public-key"]?.value else { throw Problem(path: path, line: nil, message: "no public-key in the file") }
        if let secret = keys["secret-key"] {
            guard let pair = CurveKeyPair(publicKey: publicKey, secretKey: secret.value), pair.publicKeyMatchesSecret else {
                throw Problem(path: path, line: secret.line, message: "secret-key does not belong to public-key")
            }
        }
        return CurveCertificate(publicKey: publicKey, secretKey: keys["secret-key"]?.value)
    }

    /// Reads the certificate file at `path`.
    public static func load(path: String) throws(Problem) -> CurveCertificate {
        guard let text = readText(path) else { throw Problem(path: path, line: nil, message: "cannot read the file: \(String(cString: strerror(errno)))") }
        return try parse(text, path: path)
    }

    /// The public keys of every `*.key` file in `directory`, as pyzmq's
    /// `load_certificates(directory)` and czmq's certificate store read an allow list.
    /// - Throws: ``Problem`` when the folder cannot be read or a file is not a certificate.
    public static func loadPublicKeys(directory: String) throws(Problem) -> Set<String> {
        guard let folder = opendir(directory) else {
            throw Problem(path: directory, line: nil, message: "cannot read the folder: \(String(cString: strerror(errno)))")
        }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".key"), !name.hasPrefix(".") { names.append(name) }
        }
        var keys: Set<String> = []
        for name in names.sorted() { keys.insert(try load(path: directory + "/" + name).publicKey) }
        return keys
    }

    /// The file's text, in pyzmq's layout, with `generated` (a date, say) in the banner.
    public func fileText(generated: String) -> String {
        let banner: String
        if secretKey == nil {
            banner = """
                #   ****  Generated on \(generated) by zschema  ****
                #   ZeroMQ CURVE Public Certificate
                #   Exchange securely, or use a secure mechanism to verify the contents
                #   of this file after exchange.

                """
        } else {
            banner = """
                #   ****  Generated on \(generated) by zschema  ****
                #   ZeroMQ CURVE **Secret** Certificate
                #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

                """
        }
        var text = banner + "\nmetadata\ncurve\n    public-key = \"\(publicKey)\"\n"
        if let secretKey { text += "    secret-key = \"\(secretKey)\"\n" }
        return text
    }

    /// Writes `keys` as `directory/name.key` (mode 0644) and `directory/name.key_secret`
    /// (0600 from the moment it exists), with `generated` in their banners; returns both paths.
    /// - Throws: ``Problem`` when either file exists already (nothing is overwritten) or cannot
    ///   be written.
    @discardableResult
    public static func writePair(
        _ keys: CurveKeyPair, name: String, directory: String, generated: String
    ) throws(Problem) -> (publicPath: String, secretPath: String) {
        let paths = (publicPath: "\(directory)/\(name).key", secretPath: "\(directory)/\(name).key_secret")
        for path in [paths.publicPath, paths.secretPath] where access(path, F_OK) == 0 {
            throw Problem(path: path, line: nil, message: "exists; remove it first or choose another name")
        }
        try write(CurveCertificate(keys, includingSecret: false).fileText(generated: generated), to: paths.publicPath, mode: 0o644)
        try write(CurveCertificate(keys).fileText(generated: generated), to: paths.secretPath, mode: 0o600)
        return paths
    }

    /// Creates `path` with `mode` from the start, so that a secret is never readable by others.
    private static func write(_ text: String, to path: String, mode: mode_t) throws(Problem) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { throw Problem(path: path, line: nil, message: "cannot create the file: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        fchmod(descriptor, mode)  // the umask may have taken bits away; set exactly these
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Problem(path: path, line: nil, message: "cannot write the file: \(String(cString: strerror(errno)))") }
            written += count
        }
    }

    private init(publicKey: String, secretKey: String?) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    private static func readText(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            bytes += buffer.prefix(count)
            if count < buffer.count { break }
            if bytes.count > 1 << 20 { return nil }  // a certificate is a few hundred bytes
        }
        return ferror(file) == 0 ? String(decoding: bytes, as: UTF8.self) : nil
    }
}
