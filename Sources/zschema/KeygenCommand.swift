import ArgumentParser
import Foundation
import ZSchemaRuntime

/// `zschema keygen`: a CURVE key pair as certificate files, in pyzmq's `zmq.auth` format.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make a CURVE key pair: NAME.key (public, to hand out) and NAME.key_secret (to keep).",
        discussion: """
            The files are those of pyzmq's zmq.auth.create_certificates (and czmq's zcert): a \
            server loads its NAME.key_secret with --curve-secret, clients name its NAME.key with \
            --curve-server, and a folder of clients' .key files is a server's --curve-clients allow \
            list. The secret file is readable by its owner only. Existing files are not overwritten.
            """)

    @Argument(help: "The certificate's name: letters, digits, '.', '-' and '_'.")
    var name: String

    @Option(help: "The folder to write the two files into (made if missing).")
    var output = "."

    func validate() throws {
        guard !name.isEmpty, !name.hasPrefix("."), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw ValidationError("'\(name)' is not a certificate name: use letters, digits, '.', '-' and '_', not starting with '.'.")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let publicFile = folder.appendingPathComponent("\(name).key")
        let secretFile = folder.appendingPathComponent("\(name).key_secret")
        for file in [publicFile, secretFile] where FileManager.default.fileExists(atPath: file.path) {
            throw ValidationError("\(file.path) exists; remove it first or choose another name.")
        }
        let keys = try CurveKeyPair.generate()
        let stamp = ISO8601DateFormatter().string(from: Date())
        try write(CurveCertificate(keys, includingSecret: false).fileText(generated: stamp), to: publicFile, permissions: 0o644)
        try write(CurveCertificate(keys).fileText(generated: stamp), to: secretFile, permissions: 0o600)
        print(publicFile.path)
        print(secretFile.path)
    }

    /// Creates `file` with `permissions` from the start, so a secret is never readable by others.
    private func write(_ text: String, to file: URL, permissions: mode_t) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL, permissions)
        guard descriptor >= 0 else { throw ValidationError("cannot create \(file.path): \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        fchmod(descriptor, permissions)  // the umask may have taken bits away; set exactly these
    }
}
