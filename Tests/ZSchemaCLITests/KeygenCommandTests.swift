import Foundation
import Testing
import ZSchemaRuntime

@Suite("zschema keygen")
struct KeygenCommandTests {
    @Test("writes NAME.key and an owner-only NAME.key_secret that pyzmq's zmq.auth loads, and refuses to overwrite them", .timeLimit(.minutes(1)))
    func keyFiles() async throws {
        let folder = try temporaryFolder().appendingPathComponent("certs")
        let made = try zschema(["keygen", "server", "--output", folder.path])
        #expect(made.status == 0, "\(made.standardError)")
        let secretPath = folder.appendingPathComponent("server.key_secret").path
        let publicPath = folder.appendingPathComponent("server.key").path
        #expect(made.standardOutput == "\(publicPath)\n\(secretPath)\n")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: secretPath)[.posixPermissions] as? Int)
        #expect(mode == 0o600)

        let certificate = try CurveCertificate.load(path: secretPath)
        let pair = try #require(certificate.keyPair)
        #expect(pair.publicKeyMatchesSecret)
        #expect(try CurveCertificate.load(path: publicPath) == CurveCertificate(pair, includingSecret: false))

        // pyzmq reads both files and finds the public key in the folder, as it would an allow list.
        let script = """
            import sys, zmq.auth
            public, secret = zmq.auth.load_certificate(sys.argv[1] + "/server.key_secret")
            assert zmq.auth.load_certificate(sys.argv[1] + "/server.key") == (public, None)
            assert list(zmq.auth.load_certificates(sys.argv[1])) == [public]
            print(public.decode(), secret.decode())
            """
        let python = try await runCommand(["/usr/bin/python3", "-c", script, folder.path], timeout: .seconds(30))
        #expect(python.status == 0, "\(python.output)")
        #expect(python.output == "\(pair.publicKey) \(pair.secretKey)\n")

        let again = try zschema(["keygen", "server", "--output", folder.path])
        #expect(again.status == 64 && again.standardError.contains("server.key: exists; remove it first or choose another name"))
        #expect(try CurveCertificate.load(path: secretPath) == certificate, "the existing key pair was overwritten")
        let badName = try zschema(["keygen", "../server"])
        #expect(badName.status == 64 && badName.standardError.contains("is not a certificate name"))
    }

    @Test("certificates written by pyzmq's create_certificates load, and their folder is an allow list", .timeLimit(.minutes(1)))
    func pyzmqCertificates() async throws {
        let folder = try temporaryFolder()
        let script = """
            import sys, zmq.auth
            for name in ("alice", "bob"):
                zmq.auth.create_certificates(sys.argv[1], name, metadata={"name": name})
            for name in ("alice", "bob"):
                public, secret = zmq.auth.load_certificate(sys.argv[1] + "/" + name + ".key_secret")
                print(public.decode(), secret.decode())
            """
        let python = try await runCommand(["/usr/bin/python3", "-c", script, folder.path], timeout: .seconds(30))
        #expect(python.status == 0, "\(python.output)")
        let lines = python.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        try #require(lines.count == 2)
        for (name, keys) in zip(["alice", "bob"], lines) {
            let certificate = try CurveCertificate.load(path: folder.appendingPathComponent("\(name).key_secret").path)
            #expect(certificate.keyPair == CurveKeyPair(publicKey: keys[0], secretKey: keys[1]))
        }
        #expect(try CurveCertificate.loadPublicKeys(directory: folder.path) == Set(lines.map { $0[0] }))
    }
}
