import Foundation
import Testing
import ZSchemaRuntime

extension ExampleProgramSuites {
    /// The example programs under CURVE, against each other and against pyzmq peers that use pyzmq's
    /// own certificate files and authenticator.
    @Suite("CURVE on the services", .serialized)
    struct CurveServiceTests {
        /// A folder of certificates for one test: `server`, `swift` and `python` (allowed clients,
        /// their .key files copied into `clients/`), and `stranger` (not allowed). The Python ones
        /// come from pyzmq's zmq.auth.create_certificates.
        struct Certificates {
            let folder: URL
            var clients: String { folder.appendingPathComponent("clients").path }
            func secret(_ name: String) -> String { folder.appendingPathComponent("\(name).key_secret").path }
            func key(_ name: String) -> String { folder.appendingPathComponent("\(name).key").path }

            /// tickz-client with the `swift` keys, for the server whose certificate is `server`,
            /// printing `count` ticks as plain lines.
            func swiftClient(endpoint: String, count: Int) throws -> ServiceProcess {
                try ServiceProcess(
                    "tickz-client",
                    ["--endpoint", endpoint, "--count", "\(count)", "--plain", "--curve-secret", secret("swift"), "--curve-server", key("server")])
            }

            init() throws {
                folder = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-curve-\(UUID().uuidString)")
                try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("clients").path, withIntermediateDirectories: true)
                for name in ["server", "swift", "stranger"] {
                    try CurveCertificate.writePair(try CurveKeyPair.generate(), name: name, directory: folder.path, generated: "test")
                }
                let python = try ServiceProcess(python: "import sys, zmq.auth; zmq.auth.create_certificates(sys.argv[1], 'python')", [folder.path])
                #expect(python.wait() == 0, "\(python.log.text)")
                for name in ["swift", "python"] {
                    try FileManager.default.copyItem(atPath: key(name), toPath: folder.appendingPathComponent("clients/\(name).key").path)
                }
            }
        }

        /// A pyzmq SUB with the keys in `secret`, for the server whose public certificate is
        /// `server`; prints the first tick's symbol or "nothing" after `wait` seconds.
        static let pythonSubscriber = #"""
            import sys, zmq, zmq.auth
            ctx = zmq.Context()
            sub = ctx.socket(zmq.SUB)
            if sys.argv[2] != "NULL":
                sub.curve_publickey, sub.curve_secretkey = zmq.auth.load_certificate(sys.argv[2])
                sub.curve_serverkey, _ = zmq.auth.load_certificate(sys.argv[3])
            sub.setsockopt(zmq.SUBSCRIBE, b"")
            sub.connect(sys.argv[1])
            if sub.poll(int(float(sys.argv[4]) * 1000)):
                print(sub.recv_multipart()[0].decode())
            else:
                print("nothing")
            """#

        @Test(
            "tickz over CURVE: the Swift client and an allowed pyzmq client get ticks; an unknown key and a NULL client get nothing, and the server logs the ZAP refusal",
            .timeLimit(.minutes(2)))
        func tickzServer() throws {
            let certificates = try Certificates()
            defer { try? FileManager.default.removeItem(at: certificates.folder) }
            let endpoint = freeEndpoint()
            let server = try ServiceProcess(
                "tickz-server",
                [
                    "--endpoint", endpoint, "--rate", "200", "--symbols", "AAPL", "--curve-secret", certificates.secret("server"), "--curve-clients",
                    certificates.clients,
                ])
            defer { server.stop() }
            #expect(server.log.waitFor("CURVE: 2 client keys allowed"), "server log:\n\(server.log.text)")

            let swift = try certificates.swiftClient(endpoint: endpoint, count: 3)
            #expect(swift.wait(timeout: .seconds(20)) == 0, "client log:\n\(swift.log.text)")
            #expect(swift.output.lines.count == 3 && swift.output.lines.allSatisfy { $0.hasPrefix("AAPL ") }, "\(swift.output.text)")

            let allowed = try ServiceProcess(python: Self.pythonSubscriber, [endpoint, certificates.secret("python"), certificates.key("server"), "10"])
            let stranger = try ServiceProcess(python: Self.pythonSubscriber, [endpoint, certificates.secret("stranger"), certificates.key("server"), "2"])
            let null = try ServiceProcess(python: Self.pythonSubscriber, [endpoint, "NULL", "", "2"])
            for (peer, expected) in [(allowed, "AAPL"), (stranger, "nothing"), (null, "nothing")] {
                #expect(peer.wait(timeout: .seconds(20)) == 0, "python: \(peer.log.text)")
                #expect(peer.output.text == expected + "\n", "python printed \(peer.output.text)")
            }
            let strangerKey = try CurveCertificate.load(path: certificates.key("stranger")).publicKey
            #expect(server.log.text.contains("refused key \(strangerKey) from 127.0.0.1: ZAP 400 unknown client key"), "server log:\n\(server.log.text)")
        }

        @Test("the Swift tickz client talks to a pyzmq CURVE server whose authenticator reads the same allow-list folder", .timeLimit(.minutes(1)))
        func pythonServer() throws {
            let certificates = try Certificates()
            defer { try? FileManager.default.removeItem(at: certificates.folder) }
            let endpoint = freeEndpoint()
            let script = #"""
                import struct, sys, time, zmq, zmq.auth
                from zmq.auth.thread import ThreadAuthenticator
                ctx = zmq.Context()
                auth = ThreadAuthenticator(ctx); auth.start(); auth.configure_curve(domain="*", location=sys.argv[3])
                pub = ctx.socket(zmq.PUB)
                pub.curve_publickey, pub.curve_secretkey = zmq.auth.load_certificate(sys.argv[2])
                pub.curve_server = True
                pub.bind(sys.argv[1])
                deadline = time.time() + 20
                while time.time() < deadline:
                    pub.send_multipart([b"IBM", struct.pack(">d", time.time()), struct.pack(">d", 101.25)])
                    time.sleep(0.02)
                auth.stop()
                """#
            let python = try ServiceProcess(python: script, [endpoint, certificates.secret("server"), certificates.clients])
            defer { python.send(SIGKILL) }
            let swift = try certificates.swiftClient(endpoint: endpoint, count: 2)
            #expect(swift.wait(timeout: .seconds(20)) == 0, "client log:\n\(swift.log.text)\npython: \(python.log.text)")
            #expect(swift.output.lines.count == 2 && swift.output.lines.allSatisfy { $0.hasPrefix("IBM 101.25") }, "\(swift.output.text)")
        }

        @Test(
            "bad security options are refused before any socket opens",
            arguments: [
                (["--curve-server", "/x.key"], "--curve-server and --curve-clients need --curve-secret"),
                (["--curve-secret", "/no/such.key_secret"], "/no/such.key_secret: cannot read the file"),
                (["--curve-secret", "/x", "--plain-login", "/y"], "Use CURVE (--curve-...) or PLAIN (--plain-...), not both."),
            ])
        func badOptions(arguments: [String], message: String) throws {
            let client = try ServiceProcess("tickz-client", ["--endpoint", freeEndpoint()] + arguments)
            #expect(client.wait() == 64, "\(client.log.text)")
            #expect(client.log.text.contains(message), "\(client.log.text)")
        }

        @Test("valuz over CURVE: the source is a server for the workers and a client of the reducer; exact total", .timeLimit(.minutes(1)))
        func valuz() throws {
            let certificates = try Certificates()
            defer { try? FileManager.default.removeItem(at: certificates.folder) }
            // One key pair for the whole system: every program is allowed, and every server has it.
            try FileManager.default.copyItem(atPath: certificates.key("server"), toPath: certificates.clients + "/server.key")
            let curve = ["--curve-secret", certificates.secret("server"), "--curve-server", certificates.key("server")]
            let ports = ValuzServiceTests.Ports()
            let file = try ValuzServiceTests.orderFile(count: 300, seed: 41)
            defer { try? FileManager.default.removeItem(at: file) }
            let reduce = try ServiceProcess(
                "valuz-reduce",
                ["--workers", "2", "--expect", "300", "--json", "--curve-secret", certificates.secret("server"), "--curve-clients", certificates.clients]
                    + ports.reduce)
            let workers = try (0..<2).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + curve + ports.worker) }
            let source = try ServiceProcess(
                "valuz-source", ["--csv", file.path, "--workers", "2", "--curve-clients", certificates.clients] + curve + ports.source)
            #expect(reduce.wait(timeout: .seconds(30)) == 0, "reduce log:\n\(reduce.log.text)\nsource log:\n\(source.log.text)")
            #expect(source.wait() == 0, "source log:\n\(source.log.text)")
            for worker in workers { #expect(worker.wait() == 0, "worker log:\n\(worker.log.text)") }
            #expect(try jsonNumber("total", in: reduce.output.text) == Double(try ValuzServiceTests.pythonTotal(file)))
        }

        @Test("chatz over PLAIN: a user in the password file joins; a wrong password is refused and logged", .timeLimit(.minutes(1)))
        func chatzPlain() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-plain-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let passwords = folder.appendingPathComponent("passwords").path, good = folder.appendingPathComponent("good").path
            let bad = folder.appendingPathComponent("bad").path
            try "# chatz users\nalice:correct horse\nbob:battery staple\n".write(toFile: passwords, atomically: true, encoding: .utf8)
            try "alice:correct horse\n".write(toFile: good, atomically: true, encoding: .utf8)
            try "alice:wrong\n".write(toFile: bad, atomically: true, encoding: .utf8)
            let router = freeEndpoint(), pub = freeEndpoint()
            let server = try ServiceProcess("chatz-server", ["--router-endpoint", router, "--pub-endpoint", pub, "--plain-passwords", passwords])
            defer { server.stop() }
            #expect(server.log.waitFor("PLAIN: 2 users allowed"), "server log:\n\(server.log.text)")
            let alice = try ServiceProcess("chatz-client", ["--user", "alice", "--router-endpoint", router, "--sub-endpoint", pub, "--plain-login", good])
            #expect(alice.log.waitFor("joined as alice"), "client log:\n\(alice.log.text)")
            alice.closeInput()
            #expect(alice.wait() == 0)
            let intruder = try ServiceProcess(
                "chatz-client",
                ["--user", "mallory", "--router-endpoint", router, "--sub-endpoint", pub, "--plain-login", bad, "--timeout", "0.5", "--retries", "2"])
            #expect(intruder.wait(timeout: .seconds(20)) == 3, "an intruder got in: \(intruder.log.text)")
            #expect(server.log.text.contains("refused user alice from 127.0.0.1: ZAP 400 bad user name or password"), "server log:\n\(server.log.text)")
        }
    }
}
