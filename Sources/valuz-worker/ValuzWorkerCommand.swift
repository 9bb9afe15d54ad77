import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Values orders: shares × price, negative for a sale.
@main
struct ValuzWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valuz-worker",
        abstract: "Pull orders, push their values to the reducer, and stop on EXIT.",
        discussion: """
            Says READY to the reducer on start. Waits on orders and on EXIT at once, so EXIT is seen \
            even while idle. A numbered order gets a numbered valuation, so the reducer counts it \
            once even when it was sent twice; a plain (seed-format) order gets a plain one.
            """)

    @Option(help: "Where the PULL socket for orders connects.")
    var pullEndpoint = "tcp://localhost:9004"

    @Option(help: "Where the PUSH socket for results connects.")
    var pushEndpoint = "tcp://localhost:9005"

    @Option(help: "Where the SUB socket for EXIT connects.")
    var subEndpoint = "tcp://localhost:9006"

    @Option(help: "A name for the log lines.")
    var name = "worker"

    @Option(help: "Seconds each valuation takes: a stand-in for real work, to watch a run or rehearse faults.")
    var workTime: Double = 0

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    @OptionGroup(title: "Queues")
    var queues: QueueOptions

    func validate() throws {
        guard workTime.isFinite, workTime >= 0 else { throw ValidationError("--work-time must be a number of seconds, 0 or more.") }
    }

    func run() throws {
        let log = ServiceLog("valuz-worker[\(name)]")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.client], log: log)
        defer { secured.stop() }
        // Orders are a few dozen bytes: a peer sending a huge frame is disconnected by libzmq.
        let worker = try ValuzWorker(context: context, pullEndpoint: pullEndpoint, pushEndpoint: pushEndpoint, subEndpoint: subEndpoint) { _, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: .client)
            try queues.apply(to: socket)
            try socket.setMaximumMessageSize(64 * 1024)
        }
        defer { worker.close() }
        try worker.push.sendReady()
        log("READY")
        var poller = try Poller([worker.pull, worker.sub])
        var valued = 0
        var running = true
        while running && !trap.isRequested {
            do {
                let ready = try poller.poll(timeout: .milliseconds(500))
                if ready.contains(1), try worker.sub.receive(timeout: .zero) != nil {
                    log("EXIT after valuing \(valued) orders")
                    running = false
                } else if ready.contains(0), let incoming = try worker.pull.receive(timeout: .zero) {
                    if workTime > 0 { Thread.sleep(forTimeInterval: workTime) }
                    switch incoming {
                    case .order(let order):
                        try worker.push.sendValuation(stock: order.stock, value: OrderFile.value(of: order))
                    case .numberedOrder(let numbered):
                        try worker.push.sendNumberedValuation(
                            number: numbered.number, stock: numbered.stock, value: OrderFile.value(of: numbered.order))
                    }
                    valued += 1
                }
            } catch {
                if error.isShutdown { running = false } else { log("dropped a malformed message: \(error)") }
            }
        }
        if trap.isRequested { log("stopped after valuing \(valued) orders") }
    }
}
