import Foundation
import Testing
import ZSchemaRuntime

/// `dealz batch` as a real subprocess between a real tickz server, chatz server and valuz workers.
@Suite("dealz batch", .serialized)
struct BatchTests {
    struct Ports {
        let tickz = freeEndpoint(), chatzRouter = freeEndpoint(), chatzPub = freeEndpoint()
        let orders = freeEndpoint(), results = freeEndpoint(), control = freeEndpoint()
        var dealz: [String] {
            ["--tickz", tickz, "--chatz-router", chatzRouter, "--chatz-pub", chatzPub, "--push", orders, "--pull", results, "--pub", control]
        }
        var worker: [String] { ["--pull-endpoint", orders, "--push-endpoint", results, "--sub-endpoint", control] }
    }

    /// The exact total of dealz's orders as Python's math.fsum computes it from the JSON.
    static func pythonTotal(ofOrdersIn json: String) throws -> String {
        let script = #"""
            import json, math, sys
            orders = json.loads(sys.stdin.read())["orders"]
            print(repr(math.fsum(o["shares"] * o["price"] * (-1 if o["action"] == "SELL" else 1) for o in orders)))
            """#
        let python = try ServiceProcess(python: script, [])
        python.type(json)
        python.closeInput()
        #expect(python.wait() == 0, "python: \(python.log.text)")
        return python.output.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("values deals at live prices with two workers, exactly, and posts the summary to chatz", .timeLimit(.minutes(1)))
    func fullRun() throws {
        let ports = Ports()
        // AAPLX shares AAPL's prefix: dealz subscribes to AAPL and must not take AAPLX's prices.
        let tickz = try ServiceProcess("tickz-server", ["--endpoint", ports.tickz, "--symbols", "AAPL,AAPLX,MSFT,IBM", "--rate", "400"])
        let chatz = try ServiceProcess("chatz-server", ["--router-endpoint", ports.chatzRouter, "--pub-endpoint", ports.chatzPub])
        defer { tickz.stop(); chatz.stop() }
        let workers = try (0..<2).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + ports.worker) }
        let dealz = try ServiceProcess(
            "dealz", ["batch", "--workers", "2", "--deals", "40", "--symbols", "AAPL,MSFT", "--seed", "7", "--json", "--timeout", "20"] + ports.dealz)
        #expect(dealz.wait(timeout: .seconds(40)) == 0, "dealz log:\n\(dealz.log.text)")
        for worker in workers { #expect(worker.wait() == 0, "worker log:\n\(worker.log.text)") }

        let json = dealz.output.text
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "dealz printed: \(json)")
        #expect(object["deals"] as? Int == 40)
        let orders = try #require(object["orders"] as? [[String: Any]])
        #expect(orders.count == 40)
        #expect(Set(orders.compactMap { $0["stock"] as? String }) == ["AAPL", "MSFT"])
        #expect(orders.allSatisfy { ($0["price"] as? Double ?? 0) > 0 && (1...1000).contains($0["shares"] as? Int ?? 0) })
        // The total the workers' valuations add up to is the exact sum of the deals' values.
        #expect(try jsonNumber("total", in: json) == Double(try Self.pythonTotal(ofOrdersIn: json)))
        #expect(!dealz.log.text.contains("AAPLX"), "a price for AAPLX was taken as AAPL's")

        // Both workers valued orders: dealz waited until both were connected for orders.
        let valued = workers.map(\.valuedOrders)
        #expect(valued.reduce(0, +) == 40 && valued.allSatisfy { $0 > 0 }, "orders valued per worker: \(valued)")

        // The summary went through chatz's ROUTER and came back on its PUB.
        #expect(dealz.log.text.contains("chatz broadcast the summary"), "dealz log:\n\(dealz.log.text)")
        #expect(chatz.log.waitFor("dealz posted"))
        // The monitors saw the sockets come up.
        for line in ["monitor valuz.push: listening", "monitor tickz.sub: connected", "monitor chatz.req: connected"] {
            #expect(dealz.log.text.contains(line), "missing '\(line)' in:\n\(dealz.log.text)")
        }
    }

    @Test("a phase that cannot finish ends with exit code 2 and says what is missing, without a line per retry", .timeLimit(.minutes(1)))
    func timeout() throws {
        let ports = Ports()
        let dealz = try ServiceProcess("dealz", ["batch", "--timeout", "1.5", "--symbols", "IBM"] + ports.dealz)
        #expect(dealz.wait(timeout: .seconds(10)) == 2, "dealz log:\n\(dealz.log.text)")
        let log = dealz.log.text
        #expect(log.contains("no tick yet for IBM"), "\(log)")
        #expect(log.contains("0 of 1 workers READY"), "\(log)")
        // libzmq retries the tickz connection every 100 ms or so; the log says so once.
        #expect(log.components(separatedBy: "monitor tickz.sub: \(ports.tickz) not there yet").count - 1 == 1, "\(log)")
        #expect(dealz.output.text.isEmpty)
    }

    @Test("without chatz the totals are still printed, then exit code 3", .timeLimit(.minutes(1)))
    func chatzDown() throws {
        let ports = Ports()
        let tickz = try ServiceProcess("tickz-server", ["--endpoint", ports.tickz, "--symbols", "IBM", "--rate", "200"])
        defer { tickz.stop() }
        let worker = try ServiceProcess("valuz-worker", ports.worker)
        let dealz = try ServiceProcess("dealz", ["batch", "--deals", "5", "--symbols", "IBM"] + ports.dealz)
        #expect(dealz.wait(timeout: .seconds(30)) == 3, "dealz log:\n\(dealz.log.text)")
        #expect(worker.wait() == 0)
        #expect(dealz.output.text.contains("TOTAL"))
        #expect(dealz.log.text.contains("server unreachable at \(ports.chatzRouter)"))
    }

    @Test("hostile results are logged and skipped; the deals are still valued exactly", .timeLimit(.minutes(1)))
    func hostileResults() throws {
        let ports = Ports()
        let tickz = try ServiceProcess("tickz-server", ["--endpoint", ports.tickz, "--symbols", "IBM", "--rate", "200"])
        defer { tickz.stop() }
        let dealz = try ServiceProcess("dealz", ["batch", "--deals", "6", "--symbols", "IBM", "--json", "--no-chat"] + ports.dealz)
        #expect(dealz.log.waitFor("monitor valuz.pull: listening"))
        let context = ZMQContext()
        let results = try ZMQSocket(context: context, type: .push, linger: .seconds(1))
        defer { results.close() }
        try results.connect(ports.results)
        // Wrong frame counts and sizes, an unknown command, a lower-case symbol, a stray valuation.
        let stray = withUnsafeBytes(of: (1e9).bitPattern.bigEndian, Array.init)
        for frames: [[UInt8]] in [[[7]], [Array("IBM".utf8), [1, 2, 3]], [Array("ibm".utf8), stray], [[0xff], [0xfe], [0xfd]], [Array("ZZZ".utf8), stray]] {
            try results.send(frames: frames)
        }
        // A 100 MB frame from another peer: MAXMSGSIZE makes libzmq drop that peer.
        try sendHugeFrame(to: ports.results, context: context)
        let worker = try ServiceProcess("valuz-worker", ports.worker)
        #expect(dealz.wait(timeout: .seconds(30)) == 0, "dealz log:\n\(dealz.log.text)")
        #expect(worker.wait() == 0)
        let json = dealz.output.text
        #expect(try jsonNumber("deals", in: json) == 6)
        #expect(try jsonNumber("total", in: json) == Double(try Self.pythonTotal(ofOrdersIn: json)))
        #expect(dealz.log.text.components(separatedBy: "dropped a malformed message").count - 1 == 4, "\(dealz.log.text)")
        #expect(dealz.log.text.contains("dropped a valuation of ZZZ that no deal is waiting for"))
    }

    @Test(
        "bad arguments are refused before any socket opens",
        arguments: [
            (["--symbols", "ibm"], "'ibm' is not a symbol"),
            (["--user", "no spaces"], "is not a user name"),
            (["--deals", "0"], "--deals and --workers must be at least 1"),
        ])
    func badArguments(arguments: [String], message: String) throws {
        let dealz = try ServiceProcess("dealz", ["batch"] + arguments)
        #expect(dealz.wait() == 64)
        #expect(dealz.log.text.contains(message), "\(dealz.log.text)")
    }
}
