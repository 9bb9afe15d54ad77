import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Subscribes to ticks and shows them: a live table on a terminal, plain lines in a pipe.
@main
struct TickzClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickz-client",
        abstract: "Receive stock ticks for some symbols (or all) and show them.",
        discussion: """
            On a terminal the table (last price, change since the first tick, ticks per second) \
            updates in place; when the output is a pipe or --plain is given, each tick is one line: \
            SYMBOL PRICE TIMESTAMP.
            """)

    @Argument(help: "Symbols to receive (none: all).")
    var symbols: [String] = []

    @Option(help: "Where the SUB socket connects.")
    var endpoint = "tcp://localhost:9003"

    @Option(help: "Stop after this many ticks.")
    var count: Int?

    @Flag(help: "Print one line per tick even on a terminal.")
    var plain = false

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    func validate() throws {
        for symbol in symbols {
            do { _ = try TickzClient.Subscription(symbol: symbol).encode() } catch {
                throw ValidationError("'\(symbol)' is not a symbol the schema allows ([A-Z][A-Z0-9]+).")
            }
        }
        if let count, count < 1 { throw ValidationError("--count must be at least 1.") }
    }

    func run() throws {
        let log = ServiceLog("tickz-client")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.client], log: log)
        defer { secured.stop() }
        let client = try TickzClient(context: context, subEndpoint: endpoint) { _, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: .client)
        }
        defer { client.close() }
        if symbols.isEmpty {
            try client.sub.subscribe(prefix: [])
        } else {
            for symbol in symbols { try client.subscribe(symbol: symbol) }
        }
        log("receiving \(symbols.isEmpty ? "all symbols" : symbols.joined(separator: " ")) from \(endpoint)")

        let wanted = Set(symbols)
        var table = TickTable()
        let live = !plain && isatty(STDOUT_FILENO) == 1
        var received = 0
        var lastDraw = Date.distantPast
        while !trap.isRequested, count.map({ received < $0 }) ?? true {
            let tick: Tick?
            do { tick = try client.sub.receive(timeout: .milliseconds(200)) } catch  where error.isShutdown {
                break
            } catch let error as MessageDecodingError {
                log("dropped a malformed tick: \(error)")
                continue
            }
            guard let tick else { continue }
            // ZeroMQ subscriptions match prefixes: AAPL also brings AAPLX. Keep exact symbols.
            if !wanted.isEmpty && !wanted.contains(tick.symbol) { continue }
            received += 1
            table.record(tick)
            if live {
                if Date().timeIntervalSince(lastDraw) >= 0.1 {
                    print("\u{1B}[H\u{1B}[2J" + table.render(), terminator: "")
                    fflush(nil)
                    lastDraw = Date()
                }
            } else {
                print("\(tick.symbol) \(String(format: "%.2f", tick.price)) \(String(format: "%.3f", tick.timestamp))")
                fflush(nil)
            }
        }
        if live { print("\u{1B}[H\u{1B}[2J" + table.render(), terminator: "") }
        log("received \(received) ticks")
    }
}

/// Per-symbol statistics for the live table.
struct TickTable {
    struct Row {
        var first: Double
        var last: Double
        var arrivals: [Date] = []
    }

    private var rows: [String: Row] = [:]

    mutating func record(_ tick: Tick) {
        var row = rows[tick.symbol] ?? Row(first: tick.price, last: tick.price)
        row.last = tick.price
        let now = Date()
        row.arrivals.append(now)
        row.arrivals.removeAll { now.timeIntervalSince($0) > 5 }
        rows[tick.symbol] = row
    }

    func render() -> String {
        var text = "SYMBOL        LAST     CHANGE   CHANGE%   TICKS/S\n"
        for (symbol, row) in rows.sorted(by: { $0.key < $1.key }) {
            let change = row.last - row.first
            let percent = row.first == 0 ? 0 : change / row.first * 100
            let span = max(1, min(5, Date().timeIntervalSince(row.arrivals.first ?? Date())))
            text += symbol.padded(to: 8) + String(format: " %10.2f %+10.2f %+8.2f%% %9.1f\n", row.last, change, percent, Double(row.arrivals.count) / span)
        }
        return text
    }
}
