import Foundation
import Testing

extension ExampleProgramSuites {
    /// What an eavesdropper on loopback sees of a chat: tcpdump (Debian's, as root) captures the
    /// chatz ports while a message goes through; under NULL the text is in the capture, which shows
    /// the capture works, and under CURVE neither the text nor the user name is.
    @Suite(
        "traffic on the wire", .serialized,
        .enabled(
            if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/tcpdump"), "needs root and tcpdump to capture loopback traffic; skipped"
        ))
    struct WireCaptureTests {
        /// Runs chatz-server and one chatz-client that posts `secret`, with `security(role)` options
        /// for each, while tcpdump captures both ports; returns the capture's bytes.
        static func capture(secret: String, security: (_ server: Bool) -> [String]) throws -> Data {
            let routerPort = freePort(), pubPort = freePort()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-\(UUID().uuidString).pcap")
            defer { try? FileManager.default.removeItem(at: file) }
            // Through Python, to unblock SIGINT (the test's children start with it blocked) so that
            // tcpdump stops cleanly and writes out every packet.
            let unblocked = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); os.execv(sys.argv[1], sys.argv[1:])"
            let dump = try ServiceProcess(
                python: unblocked,
                ["/usr/bin/tcpdump", "-i", "lo", "--immediate-mode", "-U", "-n", "-w", file.path, "tcp port \(routerPort) or tcp port \(pubPort)"])
            #expect(dump.log.waitFor("listening on"), "tcpdump: \(dump.log.text)")
            let router = "tcp://127.0.0.1:\(routerPort)", pub = "tcp://127.0.0.1:\(pubPort)"
            let server = try ServiceProcess("chatz-server", ["--router-endpoint", router, "--pub-endpoint", pub] + security(true))
            #expect(server.log.waitFor("requests on"), "server log:\n\(server.log.text)")
            let client = try ServiceProcess("chatz-client", ["--user", "alice", "--router-endpoint", router, "--sub-endpoint", pub] + security(false))
            #expect(client.log.waitFor("joined as alice"), "client log:\n\(client.log.text)")
            client.type(secret)
            #expect(server.log.waitFor("alice posted \(secret.utf8.count) bytes"), "server log:\n\(server.log.text)")
            client.closeInput()
            #expect(client.wait() == 0)
            server.stop()
            dump.send(SIGINT)
            #expect(dump.wait() == 0, "tcpdump: \(dump.log.text)")
            return try Data(contentsOf: file)
        }

        @Test("under NULL the chat text is on the wire; under CURVE neither the text nor the user name is", .timeLimit(.minutes(2)))
        func curveHidesTheChat() throws {
            let certificates = try CurveServiceTests.Certificates()
            defer { try? FileManager.default.removeItem(at: certificates.folder) }
            let secret = "zschema-secret-\(UInt32.random(in: 1000...9999))"
            let plain = try Self.capture(secret: secret) { _ in [] }
            #expect(plain.range(of: Data(secret.utf8)) != nil, "the NULL capture (\(plain.count) bytes) lacks the text: the capture does not work")
            let curve = try Self.capture(secret: secret) { server in
                server
                    ? ["--curve-secret", certificates.secret("server"), "--curve-clients", certificates.clients]
                    : ["--curve-secret", certificates.secret("swift"), "--curve-server", certificates.key("server")]
            }
            print("capture: NULL \(plain.count) bytes with the text; CURVE \(curve.count) bytes")
            #expect(curve.count > 1000, "the CURVE capture is too small to mean anything: \(curve.count) bytes")
            #expect(curve.range(of: Data(secret.utf8)) == nil, "the chat text is readable under CURVE")
            #expect(curve.range(of: Data("alice".utf8)) == nil, "the user name is readable under CURVE")
        }
    }
}
