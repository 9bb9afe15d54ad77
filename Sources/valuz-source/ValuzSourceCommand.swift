import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Reads or makes up orders, waits for START from the reducer, pushes them to the workers, and
/// sends again those the reducer asks for until it says EXIT.
@main
struct ValuzSourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valuz-source",
        abstract: "Push orders to valuz workers once the reducer says START.",
        discussion: """
            Orders come from a CSV file (symbol,action,shares,price; action BUY or SELL) or are made \
            up with --count. Each order carries its number in the batch; the source stays until the \
            reducer says EXIT and pushes again the orders it asks for (RESEND), so an order held by a \
            worker that died is valued by another. With --seed-format it sends the seed's plain \
            four-frame orders instead and leaves when they are pushed (no resending).
            """)

    @Option(help: "A CSV file of orders.")
    var csv: String?

    @Option(help: "Make up this many random orders instead of reading a file.")
    var count: Int?

    @Option(help: "Seed for --count, for reproducible orders.")
    var seed: UInt64 = 1

    @Option(help: "Where the PUSH socket binds.")
    var pushEndpoint = "tcp://*:9004"

    @Option(help: "Where the SUB socket for START, RESEND and EXIT connects.")
    var subEndpoint = "tcp://localhost:9006"

    @Option(help: "Seconds to wait for START before giving up.")
    var startTimeout: Double = 120

    @Option(
        help: """
            After START, wait (up to --start-timeout) until this many workers are connected for \
            orders, so that all of them get a share (PUSH deals only among connected peers).
            """)
    var workers = 0

    @Option(help: "Seconds without a word from the reducer, once the orders are pushed, before leaving without EXIT.")
    var idleTimeout: Double = 60

    @Flag(help: "Send plain four-frame orders, as the seed's source does, for workers that know no other form.")
    var seedFormat = false

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    @OptionGroup(title: "Queues")
    var queues: QueueOptions

    func validate() throws {
        guard (csv == nil) != (count == nil) else { throw ValidationError("Give either --csv FILE or --count N.") }
        if let count {
            guard count >= 0, count <= Int(UInt32.max) else { throw ValidationError("--count must be from 0 to \(UInt32.max).") }
        }
        guard workers >= 0 else { throw ValidationError("--workers must not be negative.") }
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be positive.") }
    }

    func run() throws {
        let log = ServiceLog("valuz-source")
        let orders = try loadOrders()
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.server, .client], log: log)
        defer { secured.stop() }
        // The monitor must be attached before the socket binds to see every connection.
        var monitor: SocketMonitor?
        let source = try ValuzSource(context: context, pushEndpoint: pushEndpoint, subEndpoint: subEndpoint) { name, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: name == "push" ? .server : .client)
            try queues.apply(to: socket)
            if name == "push" {
                monitor = try SocketMonitor(monitoring: socket, endpoint: "inproc://valuz-source.push.monitor", context: context)
            }
        }
        guard let monitor else { throw ValidationError("the service opened no push socket") }
        defer {
            monitor.socket.close()
            source.close()
        }
        var run = SourceRun(source: source, monitor: monitor, orders: orders, log: log, trap: trap)
        // Queued orders may take a while to reach slow workers: wait for them, within bounds.
        try source.push.socket.setLinger(.seconds(30))
        log("\(orders.count) orders ready on \(try source.push.socket.lastEndpoint); waiting for START")

        let deadline = Date().addingTimeInterval(startTimeout)
        guard try run.waitForStart(until: deadline) else {
            if !trap.isRequested { log("no START within \(startTimeout) s; giving up") }
            throw ExitCode(trap.isRequested ? 0 : 1)
        }
        if workers > 0 {
            run.waitForWorkers(workers, until: deadline)
            if run.peers.count < workers { log("only \(run.peers.count) of \(workers) workers connected; pushing anyway") }
        }
        log("START received; pushing")
        try run.pushAll(numbered: !seedFormat, idleTimeout: idleTimeout)
    }

    private func loadOrders() throws -> [Order] {
        guard let csv else { return OrderFile.random(count: count ?? 0, seed: seed) }
        guard let data = FileManager.default.contents(atPath: csv), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read \(csv) as UTF-8 text")
        }
        let orders: [Order]
        do { orders = try OrderFile.parse(text) } catch { throw ValidationError("\(csv):\(error.line): \(error.message)") }
        guard orders.count <= Int(UInt32.max) else { throw ValidationError("\(csv) has more than \(UInt32.max) orders") }
        return orders
    }
}
