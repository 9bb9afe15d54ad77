import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Starts the workers, sums their results, and stops them when all results are in.
@main
struct ValuzReduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valuz-reduce",
        abstract: "Sum valuz results per symbol and in total.",
        discussion: """
            Publishes START once --workers workers are READY, and repeats it until the first result \
            arrives (a subscriber that joins late misses earlier messages). Publishes EXIT when \
            --expect results are in, then prints the totals (exact sums, whatever order the \
            results arrive in).
            """)

    @Option(help: "How many workers must be READY before START.")
    var workers: Int

    @Option(help: "How many results to wait for.")
    var expect: Int

    @Option(help: "Where the PULL socket for results binds.")
    var pullEndpoint = "tcp://*:9005"

    @Option(help: "Where the PUB socket for START and EXIT binds.")
    var pubEndpoint = "tcp://*:9006"

    @Flag(help: "Print the totals as one JSON object.")
    var json = false

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
        guard expect >= 0 else { throw ValidationError("--expect must not be negative.") }
    }

    func run() throws {
        let log = ServiceLog("valuz-reduce")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Results are a few dozen bytes: a peer sending a huge frame is disconnected by libzmq.
        let reduce = try ValuzReduce(context: context, pullEndpoint: pullEndpoint, pubEndpoint: pubEndpoint) { _, socket in
            try socket.setMaximumMessageSize(64 * 1024)
        }
        defer { reduce.close() }
        log("waiting for \(workers) workers on \(try reduce.pull.socket.lastEndpoint); control on \(try reduce.pub.socket.lastEndpoint)")

        var readyWorkers = 0
        var results = 0
        var total = ExactSum()
        var bySymbol: [String: ExactSum] = [:]
        var lastStart = Date.distantPast
        while !trap.isRequested, results < expect || readyWorkers < workers {
            if readyWorkers >= workers, results == 0, Date().timeIntervalSince(lastStart) >= 0.2 {
                do { try reduce.pub.sendStart() } catch  where error.isShutdown { break }
                if lastStart == .distantPast { log("all \(workers) workers ready: START") }
                lastStart = Date()
            }
            do {
                switch try reduce.pull.receive(timeout: .milliseconds(100)) {
                case .ready?:
                    readyWorkers += 1
                    log("worker READY (\(readyWorkers) of \(workers))")
                case .valuation(let valuation)?:
                    results += 1
                    total.add(valuation.value)
                    bySymbol[valuation.stock, default: ExactSum()].add(valuation.value)
                case nil:
                    continue
                }
            } catch  where error.isShutdown {
                break
            } catch {
                log("dropped a malformed result: \(error)")
            }
        }
        guard !trap.isRequested else {
            log("stopped with \(results) of \(expect) results from \(readyWorkers) workers")
            return
        }
        // Workers subscribed before saying READY; repeat EXIT briefly in case one is slow to see it.
        log("\(results) results in: EXIT")
        for _ in 0..<5 {
            try reduce.pub.sendExit()
            Thread.sleep(forTimeInterval: 0.05)
        }
        print(
            json ? Self.json(results: results, total: total, bySymbol: bySymbol) : Self.table(results: results, total: total, bySymbol: bySymbol),
            terminator: "")
    }

    static func json(results: Int, total: ExactSum, bySymbol: [String: ExactSum]) -> String {
        let symbols = bySymbol.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value.value)" }.joined(separator: ", ")
        return "{\"orders\": \(results), \"total\": \(total.value), \"bySymbol\": {\(symbols)}}\n"
    }

    static func table(results: Int, total: ExactSum, bySymbol: [String: ExactSum]) -> String {
        var text = "SYMBOL".padded(to: 8) + " " + String(repeating: " ", count: 11) + "VALUE\n"
        for (symbol, sum) in bySymbol.sorted(by: { $0.key < $1.key }) {
            text += symbol.padded(to: 8) + String(format: " %16.2f\n", sum.value)
        }
        text += "TOTAL".padded(to: 8) + String(format: " %16.2f\n", total.value)
        return text + "(\(results) orders)\n"
    }
}
