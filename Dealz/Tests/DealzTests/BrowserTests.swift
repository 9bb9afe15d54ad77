import Foundation
import Testing

/// The dashboard in a real headless browser (Debian's chromium, chromedriver and selenium for
/// python3) against real services: ticks, chat, deals and the socket monitors, as a user sees them.
@Suite("Dashboard in a browser", .serialized)
struct BrowserTests {
    @Test("ticks, chat that stays text, exact deal totals, tickz-server's stop and return; dealz stops the workers it started", .timeLimit(.minutes(3)))
    func dashboard() throws {
        for program in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "\(program) is missing: run .ci/setup --tests")
        }
        let bin = try #require(ProcessInfo.processInfo.environment["ZSCHEMA_BIN"], "set ZSCHEMA_BIN to the main package's bin path")
        let (tickz, router, pub) = (freeEndpoint(), freeEndpoint(), freeEndpoint())
        let (orders, results, control) = (freeEndpoint(), freeEndpoint(), freeEndpoint())
        let port = freePort()
        let chatz = try ServiceProcess("chatz-server", ["--router-endpoint", router, "--pub-endpoint", pub])
        defer { chatz.stop() }
        let dealz = try ServiceProcess(
            "dealz",
            [
                "serve", "--port", "\(port)", "--symbols", "AAPL,MSFT,IBM", "--spawn-workers", "2", "--worker-executable", "\(bin)/valuz-worker",
                "--tickz", tickz, "--chatz-router", router, "--chatz-pub", pub, "--push", orders, "--pull", results, "--pub", control,
            ])
        #expect(dealz.log.waitFor("Server started"), "dealz log:\n\(dealz.log.text)")

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Browser/dashboard_check.py").standardized
        let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("dealz-dashboard-\(getpid()).png")
        let browser = try ServiceProcess(
            shell: "/usr/bin/python3", [script.path, "http://127.0.0.1:\(port)/", bin, tickz, router, pub, screenshot.path])
        let status = browser.wait(timeout: .seconds(150))
        print(browser.output.text)
        #expect(status == 0, "browser check:\n\(browser.output.text)\n\(browser.log.text)\ndealz log:\n\(dealz.log.text)")
        for step in ["NVDA followed", "shows as text", "== math.fsum", "the page showed it after", "showed it back after"] {
            #expect(browser.output.text.contains(step), "missing '\(step)'")
        }

        // dealz stops the workers it started: EXIT on its PUB, then a signal for any that stay.
        let workers = { () throws -> [String] in
            let pgrep = try ServiceProcess(shell: "/usr/bin/pgrep", ["-f", "--", "--pull-endpoint \(orders)"])
            pgrep.wait()
            return pgrep.output.lines
        }
        #expect(try workers().count == 2, "dealz log:\n\(dealz.log.text)")
        dealz.stop()
        #expect(try workers().isEmpty)
    }
}
