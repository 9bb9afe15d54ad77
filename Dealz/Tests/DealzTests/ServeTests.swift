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

    @Test(
        "bad arguments are refused before any socket opens",
        arguments: [
            (["--symbols", "AAPL,ibm"], "'ibm' is not a symbol"),
            (["--user", "two words"], "is not a user name"),
            (["--port", "70000"], "--port must be from 0 to 65535"),
            (["--spawn-workers", "2", "--worker-executable", "/no/such/valuz-worker"], "is not an executable file"),
            (["--spawn-workers", "99"], "--spawn-workers must be from 0 to 64"),
        ])
    func badArguments(arguments: [String], message: String) throws {
        let dealz = try ServiceProcess("dealz", ["serve"] + arguments)
        #expect(dealz.wait() == 64)
        #expect(dealz.log.text.contains(message), "\(dealz.log.text)")
    }
}
