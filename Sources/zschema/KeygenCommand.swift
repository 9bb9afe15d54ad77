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
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let keys = try CurveKeyPair.generate()
        let paths: (publicPath: String, secretPath: String)
        do {
            paths = try CurveCertificate.writePair(keys, name: name, directory: output, generated: ISO8601DateFormatter().string(from: Date()))
        } catch {
            throw ValidationError(error.description)
        }
        print(paths.publicPath)
        print(paths.secretPath)
    }
}
