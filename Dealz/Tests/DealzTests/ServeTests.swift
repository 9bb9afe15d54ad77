import Foundation
import Testing

/// `dealz serve` as a real subprocess: it starts, serves, refuses bad arguments, and stops on
/// Ctrl-C even while a browser holds its event stream open.
@Suite("dealz serve", .serialized)
struct ServeTests {
    static func endpointArguments() -> [String] {
        ["--tickz", "--chatz-router", "--chatz-pub", "--push", "--pull", "--pub"].flatMap { [$0, freeEndpoint()] }
    }

    @Test("SIGINT stops dealz within five seconds while an event stream is open", .timeLimit(.minutes(1)))
    func stopsWithAnOpenStream() throws {
        let port = freePort()
        let dealz = try ServiceProcess("dealz", ["serve", "--port", "\(port)"] + Self.endpointArguments())
        #expect(dealz.log.waitFor("Server started"), "dealz log:\n\(dealz.log.text)")
        let stream = try ServiceProcess(shell: "/usr/bin/curl", ["-sN", "http://127.0.0.1:\(port)/api/events"])
        #expect(stream.output.waitFor("event: state"), "curl: \(stream.log.text)")
        dealz.stop()
        #expect(stream.wait() != nil, "the event stream did not end with dealz")
    }

    /// The state of dealz's socket `name`, read from `/api/state`.
    static func socketState(_ name: String, port: Int) throws -> String? {
        try DashboardProbe.state(port: port).flatMap { DashboardProbe.socket(name, in: $0)?["state"] as? String }
    }

    /// Polls the state of socket `name` until it starts with `wanted`; the seconds that took, or nil.
    static func seconds(until name: String, is wanted: String, port: Int, within limit: Duration = .seconds(10)) throws -> Double? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if try socketState(name, port: port)?.hasPrefix(wanted) == true {
                let elapsed = (ContinuousClock.now - start).components
                return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    @Test("a frozen tickz-server (SIGSTOP) shows as disconnected within dealz's heartbeat timeout, and back after SIGCONT", .timeLimit(.minutes(1)))
    func heartbeatSeesAFrozenPeer() throws {
        let port = freePort(), tickz = freeEndpoint()
        let heartbeat = ["--heartbeat-interval", "0.2", "--heartbeat-timeout", "1"]
        let server = try ServiceProcess("tickz-server", ["--endpoint", tickz, "--rate", "50"])
        defer { server.send(SIGCONT); server.stop() }
        var arguments = ["serve", "--port", "\(port)"] + Self.endpointArguments() + heartbeat
        arguments[arguments.firstIndex(of: "--tickz")! + 1] = tickz
        let dealz = try ServiceProcess("dealz", arguments)
        defer { dealz.stop() }
        #expect(dealz.log.waitFor("Server started"), "dealz log:\n\(dealz.log.text)")
        #expect(try Self.seconds(until: "tickz.sub", is: "connected", port: port) != nil)
        server.send(SIGSTOP)
        let dropped = try Self.seconds(until: "tickz.sub", is: "disconnected", port: port)
        server.send(SIGCONT)
        let back = try Self.seconds(until: "tickz.sub", is: "connected", port: port)
        print(
            "dealz: frozen tickz-server shown as disconnected after \(dropped ?? -1) s (heartbeat timeout 1 s), connected again \(back ?? -1) s after SIGCONT")
        let seen = try #require(dropped, "the frozen server was never shown as disconnected")
        #expect(seen > 0.5 && seen < 2.5)
        #expect(back != nil, "dealz did not reconnect after SIGCONT")
    }

    @Test(
        "bad arguments are refused before any socket opens",
        arguments: [
            (["--symbols", "AAPL,ibm"], "'ibm' is not a symbol"),
            (["--user", "two words"], "is not a user name"),
            (["--port", "70000"], "--port must be from 0 to 65535"),
            (["--spawn-workers", "2", "--worker-executable", "/no/such/valuz-worker"], "is not an executable file"),
            (["--spawn-workers", "99"], "--spawn-workers must be from 0 to 64"),
            (["--heartbeat-timeout", "0"], "--heartbeat-timeout must be from 0.001 to 86400 seconds"),
        ])
    func badArguments(arguments: [String], message: String) throws {
        let dealz = try ServiceProcess("dealz", ["serve"] + arguments)
        #expect(dealz.wait() == 64)
        #expect(dealz.log.text.contains(message), "\(dealz.log.text)")
    }
}
