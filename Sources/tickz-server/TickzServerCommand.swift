import ArgumentParser
import ExampleSystems
import Foundation
import SeededRandom
import ZSchemaRuntime

/// Publishes stock ticks: a random walk of prices for a set of symbols.
@main
struct TickzServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickz-server",
        abstract: "Publish stock ticks (symbol, timestamp, price) on a PUB socket.",
        discussion: "Prices follow a random walk. Stop with Ctrl-C (SIGINT) or SIGTERM.")

    @Option(help: "Where the PUB socket binds.")
    var endpoint = "tcp://*:9003"

    @Option(help: "Comma-separated symbols to publish.")
    var symbols = "AAPL,MSFT,GOOG,AMZN,NVDA,META,TSLA,IBM,ORCL,INTC,AMD,NFLX"

    @Option(help: "Ticks per second, all symbols together.")
    var rate: Double = 20

    @Option(help: "Stop after this many ticks (default: run until stopped).")
    var count: Int?

    @Option(help: "Seed for the random walk, for reproducible prices.")
    var seed: UInt64 = UInt64(Date().timeIntervalSince1970)

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    var symbolList: [String] { symbols.split(separator: ",").map { String($0) } }

    func validate() throws {
        guard rate > 0, rate <= 1_000_000 else { throw ValidationError("--rate must be between 0 and 1000000.") }
        guard !symbolList.isEmpty else { throw ValidationError("--symbols needs at least one symbol.") }
        for symbol in symbolList {
            do { _ = try Tick(symbol: symbol, timestamp: 0, price: 0).encode() } catch {
                throw ValidationError("'\(symbol)' is not a symbol the schema allows ([A-Z][A-Z0-9]+).")
            }
        }
        if let count, count < 0 { throw ValidationError("--count must not be negative.") }
    }

    func run() throws {
        let log = ServiceLog("tickz-server")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.server], log: log)
        defer { secured.stop() }
        let server = try TickzServer(context: context, pubEndpoint: endpoint) { _, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: .server)
        }
        defer { server.close() }
        log("publishing \(symbolList.count) symbols at \(rate) ticks/s on \(try server.pub.socket.lastEndpoint)")

        var random = SplitMix64(seed: seed)
        var prices = Dictionary(uniqueKeysWithValues: symbolList.map { ($0, 20 + Double(random.next() % 48000) / 100) })
        let interval = 1 / rate
        var next = Date()
        var published = 0
        let started = Date()
        var lastReport = started
        while !trap.isRequested, count.map({ published < $0 }) ?? true {
            let symbol = symbolList[published % symbolList.count]
            // A step of at most ±0.5 %, never below one cent.
            let step = (Double(random.next() % 10_001) / 10_000 - 0.5) / 100
            let price = max(0.01, ((prices[symbol] ?? 100) * (1 + step) * 100).rounded() / 100)
            prices[symbol] = price
            do {
                try server.pub.send(symbol: symbol, timestamp: Date().timeIntervalSince1970, price: price)
            } catch  where error.isShutdown {
                break
            }
            published += 1
            if Date().timeIntervalSince(lastReport) >= 5 {
                log("published \(published) ticks")
                lastReport = Date()
            }
            next += interval
            let wait = next.timeIntervalSinceNow
            if wait > 0 { Thread.sleep(forTimeInterval: wait) } else if wait < -1 { next = Date() }
        }
        let seconds = Date().timeIntervalSince(started)
        log(
            "stopped after \(published) ticks in \(String(format: "%.2f", seconds)) s (\(Int(Double(published) / max(seconds, 1e-9))) ticks/s); \(ProcessMemory.peakDescription)"
        )
    }
}
