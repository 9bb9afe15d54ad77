import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Reads or makes up orders, waits for START from the reducer, then pushes them to the workers.
@main
struct ValuzSourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valuz-source",
        abstract: "Push orders to valuz workers once the reducer says START.",
        discussion: "Orders come from a CSV file (symbol,action,shares,price; action BUY or SELL) or are made up with --count.")

    @Option(help: "A CSV file of orders.")
    var csv: String?

    @Option(help: "Make up this many random orders instead of reading a file.")
    var count: Int?

    @Option(help: "Seed for --count, for reproducible orders.")
    var seed: UInt64 = 1

    @Option(help: "Where the PUSH socket binds.")
    var pushEndpoint = "tcp://*:9004"

    @Option(help: "Where the SUB socket for START connects.")
    var subEndpoint = "tcp://localhost:9006"

    @Option(help: "Seconds to wait for START before giving up.")
    var startTimeout: Double = 120

    @Option(
        help: """
            After START, wait (up to --start-timeout) until this many workers are connected for \
            orders, so that all of them get a share (PUSH deals only among connected peers).
            """)
    var workers = 0

    func validate() throws {
        guard (csv == nil) != (count == nil) else { throw ValidationError("Give either --csv FILE or --count N.") }
        if let count, count < 0 { throw ValidationError("--count must not be negative.") }
        guard workers >= 0 else { throw ValidationError("--workers must not be negative.") }
    }

    func run() throws {
        let log = ServiceLog("valuz-source")
        let orders: [Order]
        if let csv {
            guard let data = FileManager.default.contents(atPath: csv), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(csv) as UTF-8 text")
            }
            do { orders = try OrderFile.parse(text) } catch { throw ValidationError("\(csv):\(error.line): \(error.message)") }
        } else {
            orders = OrderFile.random(count: count ?? 0, seed: seed)
        }

        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // The monitor must be attached before the socket binds to see every connection.
        var monitor: SocketMonitor?
        let source = try ValuzSource(context: context, pushEndpoint: pushEndpoint, subEndpoint: subEndpoint) { name, socket in
            if name == "push" && workers > 0 {
                monitor = try SocketMonitor(monitoring: socket, endpoint: "inproc://valuz-source.push.monitor", context: context)
            }
        }
        defer {
            monitor?.socket.close()
            source.close()
        }
        // Queued orders may take a while to reach slow workers: wait for them, within bounds.
        try source.push.socket.setLinger(.seconds(30))
        log("\(orders.count) orders ready on \(try source.push.socket.lastEndpoint); waiting for START")

        let deadline = Date().addingTimeInterval(startTimeout)
        var started = false
        while !trap.isRequested, !started, Date() < deadline {
            do {
                started = try source.sub.receive(timeout: .milliseconds(250)) != nil
            } catch  where error.isShutdown {
                return
            } catch {
                log("dropped a malformed control message: \(error)")
            }
        }
        guard started else {
            if !trap.isRequested { log("no START within \(startTimeout) s; giving up") }
            throw ExitCode(trap.isRequested ? 0 : 1)
        }
        if let monitor {
            var peers = ConnectedPeers()
            while !trap.isRequested, peers.count < workers, Date() < deadline {
                if let event = try? monitor.receive(timeout: .milliseconds(100)) { peers.record(event) }
            }
            if peers.count < workers { log("only \(peers.count) of \(workers) workers connected; pushing anyway") }
        }
        log("START received; pushing")
        for (index, order) in orders.enumerated() {
            do { try source.push.send(order) } catch  where error.isShutdown {
                log("stopped after pushing \(index) orders")
                return
            }
        }
        log("pushed \(orders.count) orders")
    }
}
