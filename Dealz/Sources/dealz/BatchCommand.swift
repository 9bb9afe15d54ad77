import ArgumentParser
import DealzApp
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// dealz without a browser, for scripts and CI: prices from tickz, one batch of deals valued by
/// valuz workers of its own, the result printed and posted to chatz; every socket watched by a
/// monitor.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Value one batch of deals at live tickz prices with valuz workers, print it and post it to chatz.",
        discussion: """
            Subscribes to the --symbols on tickz and waits until it has a price for each and \
            --workers valuz workers (started with --pull-endpoint, --push-endpoint and \
            --sub-endpoint pointing at dealz's --push, --pull and --pub) are READY. Then it makes \
            --deals orders at those prices, has the workers value them, prints the totals (exact \
            sums), sends EXIT to the workers, and posts a summary to the chat as --user. Chat \
            messages and every socket's monitor events are logged on standard error meanwhile. \
            Exits 2 if a phase does not finish within --timeout seconds, 3 if chatz does not answer.
            """)

    @Option(help: "Comma-separated symbols to deal in.")
    var symbols = "AAPL,MSFT,IBM"

    @Option(help: "How many deals to value.")
    var deals = 20

    @Option(help: "How many valuz workers must be READY first.")
    var workers = 1

    @Option(help: "Seed for the deals' actions and share counts.")
    var seed: UInt64 = 1

    @Option(help: "The chat user name for the summary (letters, digits and _).")
    var user = "dealz"

    @Option(help: "Seconds each phase (prices and workers, valuations) may take.")
    var timeout: Double = 30

    @OptionGroup var endpoints: EndpointOptions

    @Flag(help: "Do not post the summary to chatz.")
    var noChat = false

    @Flag(help: "Print the orders and totals as one JSON object.")
    var json = false

    var symbolList: [String] { symbols.split(separator: ",").map { String($0) } }

    func validate() throws {
        guard !symbolList.isEmpty else { throw ValidationError("--symbols needs at least one symbol.") }
        for symbol in symbolList {
            if let problem = DealzValidation.problem(withSymbol: symbol) { throw ValidationError(problem) }
        }
        if let problem = DealzValidation.problem(withUser: user) { throw ValidationError(problem) }
        guard deals >= 1, workers >= 1 else { throw ValidationError("--deals and --workers must be at least 1.") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive.") }
    }

    func run() throws {
        let log = ServiceLog("dealz")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        let (secured, security) = try endpoints.secured(context: context, log: log)
        defer { security.stop() }
        // Every message dealz receives is a few dozen bytes: a huge frame disconnects its sender.
        let dealz = try secured.open(context: context)
        defer { dealz.close() }
        for symbol in Set(symbolList) { try dealz.subscribe(symbol: symbol) }
        log("orders on \(try dealz.push.socket.lastEndpoint), results on \(try dealz.pull.socket.lastEndpoint), EXIT on \(try dealz.pub.socket.lastEndpoint)")

        var session = DealzSession(symbols: symbolList, workers: workers, log: log)
        let phaseTimeout = Duration.milliseconds(Int(timeout * 1000))
        guard let prices = try session.gather(dealz, trap: trap, timeout: phaseTimeout) else { return }
        var book = DealBook(count: deals, symbols: symbolList, prices: prices, seed: seed)
        for order in book.orders { try dealz.push.send(order) }
        log("sent \(deals) deals at " + prices.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        guard try session.value(&book, dealz, trap: trap, timeout: phaseTimeout) else { return }

        // Workers subscribed before saying READY; repeat EXIT briefly in case one is slow to see it.
        for _ in 0..<5 {
            try dealz.pub.send(Exit())
            Thread.sleep(forTimeInterval: 0.05)
        }
        print(json ? book.json : book.table, terminator: "")
        fflush(nil)
        if !noChat { try post(book.summary, dealz, endpoints: secured, session: &session, trap: trap, log: log) }
    }

    /// Posts `summary` to the chat and waits briefly to see it broadcast back.
    private func post(
        _ summary: String, _ dealz: Dealz, endpoints: DealzEndpoints, session: inout DealzSession, trap: ShutdownTrap, log: ServiceLog
    ) throws {
        let pirate = LazyPirate(
            context: dealz.context, endpoint: endpoints.chatzRouter, socket: dealz.req, timeout: .seconds(2), retries: 3, log: log
        ) { socket in try endpoints.configure(socket, named: "req") }
        switch try pirate.request(ChatRequest(usr: user, msg: summary)) {
        case .answered(let users):
            log("posted to chatz (users: \(users.joined(separator: ", ")))")
            if session.awaitEcho(of: summary, from: user, dealz, trap: trap, timeout: .seconds(3)) {
                log("chatz broadcast the summary")
            } else {
                log("chatz did not broadcast the summary within 3 s")
            }
            if pirate.socket !== dealz.req { pirate.socket.socket.close() }
        case .stopped:
            return
        case .unreachable:
            throw ExitCode(3)
        }
    }
}
