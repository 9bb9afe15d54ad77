import Foundation
import Testing
import ZSchemaRuntime

/// dealz serve under CURVE: against a CURVE tickz-server, with workers of its own, and what its
/// Sockets panel shows when a worker with an unknown key knocks.
@Suite("dealz under CURVE", .serialized)
struct CurveDashboardTests {
    /// Polls the state until `check` holds; whether it did within 20 s.
    static func eventually(port: Int, _ check: ([String: Any]) -> Bool) throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let state = try DashboardProbe.state(port: port), check(state) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test(
        "prices arrive from a CURVE tickz-server, spawned workers get in with dealz's key, and an unknown key shows as a ZAP 400 on the Sockets panel",
        .timeLimit(.minutes(2)))
    func curveDashboard() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dealz-curve-\(UUID().uuidString)")
        let clients = folder.appendingPathComponent("clients")
        try FileManager.default.createDirectory(at: clients, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["tickz", "dealz", "stranger"] {
            try CurveCertificate.writePair(try CurveKeyPair.generate(), name: name, directory: folder.path, generated: "test")
        }
        // tickz-server lets dealz in; dealz lets in nobody but the workers it starts itself.
        try FileManager.default.copyItem(at: folder.appendingPathComponent("dealz.key"), to: clients.appendingPathComponent("dealz.key"))
        let tickz = freeEndpoint()
        let server = try ServiceProcess(
            "tickz-server",
            ["--endpoint", tickz, "--rate", "100", "--curve-secret", folder.appendingPathComponent("tickz.key_secret").path, "--curve-clients", clients.path])
        defer { server.stop() }
        let port = freePort()
        var arguments = ["serve", "--port", "\(port)", "--symbols", "AAPL"] + ServeTests.endpointArguments()
        arguments[arguments.firstIndex(of: "--tickz")! + 1] = tickz
        func connectable(_ option: String) -> String { arguments[arguments.firstIndex(of: option)! + 1].replacingOccurrences(of: "*", with: "127.0.0.1") }
        let workerEndpoints = ["--pull-endpoint", connectable("--push"), "--push-endpoint", connectable("--pull"), "--sub-endpoint", connectable("--pub")]
        let worker = try ServiceProcess.locate("valuz-worker").path
        arguments += [
            "--spawn-workers", "1", "--worker-executable", worker, "--curve-secret", folder.appendingPathComponent("dealz.key_secret").path,
            "--curve-server", folder.appendingPathComponent("tickz.key").path, "--curve-clients", folder.appendingPathComponent("no-clients").path,
        ]
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("no-clients"), withIntermediateDirectories: true)
        let dealz = try ServiceProcess("dealz", arguments)
        defer { dealz.stop() }
        #expect(dealz.log.waitFor("Server started"), "dealz log:\n\(dealz.log.text)")
        let priced = try Self.eventually(port: port) { state in
            ((state["quotes"] as? [[String: Any]])?.first { $0["symbol"] as? String == "AAPL" }?["last"] as? Double) != nil
        }
        #expect(priced, "no AAPL price through CURVE; dealz log:\n\(dealz.log.text)")
        #expect(try Self.eventually(port: port) { ($0["workersReady"] as? Int) == 1 }, "the spawned worker did not get in:\n\(dealz.log.text)")

        let stranger = try ServiceProcess(
            "valuz-worker",
            workerEndpoints + [
                "--curve-secret", folder.appendingPathComponent("stranger.key_secret").path, "--curve-server",
                folder.appendingPathComponent("dealz.key").path,
            ])
        defer { stranger.send(SIGKILL) }
        let refused = try Self.eventually(port: port) { state in
            let events = DashboardProbe.socket("valuz.pull", in: state)?["events"] as? [[String: Any]] ?? []
            return events.contains { ($0["kind"] as? String) == "handshake failed (auth, status 400)" }
        }
        #expect(refused, "the Sockets panel did not show the refused handshake; dealz log:\n\(dealz.log.text)")
        #expect(dealz.log.text.contains("ZAP 400 unknown client key"))
        #expect(try DashboardProbe.state(port: port)?["workersReady"] as? Int == 1, "the stranger's READY was counted")
    }
}
