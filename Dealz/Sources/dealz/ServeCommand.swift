import ArgumentParser
import DealzApp
import ExampleSystems
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ZSchemaRuntime

/// The dashboard: dealz's sockets on a thread of their own, the page and its live state on HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the live dashboard (ticker, chat, deals, sockets) until Ctrl-C.",
        discussion: """
            Follows --symbols on tickz, joins chatz, values batches of deals with the valuz \
            workers connected to --push, --pull and --pub (or --spawn-workers of its own), and \
            shows every socket's monitor events. Open http://HOST:PORT/ in a browser.
            """)

    @Option(help: "The address the web server listens on.")
    var host = "127.0.0.1"

    @Option(help: "The port the web server listens on.")
    var port = 8080

    @Option(help: "Comma-separated symbols shown at start.")
    var symbols = "AAPL,MSFT,IBM"

    @Option(help: "dealz's own chat user name, for its summaries (letters, digits and _).")
    var user = "dealz"

    @Option(help: "Start this many valuz-worker processes of dealz's own (stopped when dealz exits).")
    var spawnWorkers = 0

    @Option(help: "The valuz-worker executable for --spawn-workers; by default the one beside dealz, else on PATH.")
    var workerExecutable: String?

    @OptionGroup var endpoints: EndpointOptions

    var symbolList: [String] { symbols.split(separator: ",").map { String($0) } }

    func validate() throws {
        for symbol in symbolList {
            if let problem = DealzValidation.problem(withSymbol: symbol) { throw ValidationError(problem) }
        }
        if let problem = DealzValidation.problem(withUser: user) { throw ValidationError(problem) }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard (0...64).contains(spawnWorkers) else { throw ValidationError("--spawn-workers must be from 0 to 64.") }
        if spawnWorkers > 0 {
            guard let workerURL else {
                throw ValidationError("no valuz-worker executable found beside dealz or on PATH; give --worker-executable.")
            }
            guard FileManager.default.isExecutableFile(atPath: workerURL.path) else {
                throw ValidationError("--worker-executable \(workerURL.path) is not an executable file.")
            }
        }
    }

    /// The valuz-worker to spawn: the option, else beside dealz, else on PATH.
    var workerURL: URL? {
        if let workerExecutable { return URL(fileURLWithPath: workerExecutable) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("valuz-worker")
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map {
            URL(fileURLWithPath: String($0)).appendingPathComponent("valuz-worker")
        }
        return ([beside] + path).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run() async throws {
        let log = ServiceLog("dealz")
        // The graceful shutdown below needs SIGINT and SIGTERM.
        ShutdownTrap.unblockStopSignals()
        let context = ZMQContext()
        let (secured, security) = try endpoints.secured(context: context, log: log, spawnsWorkers: spawnWorkers > 0)
        defer { security.stop() }
        let engine = try DealzEngine(endpoints: secured, symbols: symbolList, user: user, context: context, log: log)
        let workers =
            try spawnWorkers > 0
            ? WorkerPool(count: spawnWorkers, executable: workerURL!, endpoints: secured, arguments: endpoints.security.childClientArguments) : nil
        if let workers { log("started \(spawnWorkers) valuz workers (pids \(workers.identifiers.map(String.init).joined(separator: ", ")))") }
        let application = try DashboardApplication.application(engine: engine, host: host, port: port)
        log("dashboard on http://\(host):\(port)/")
        // On SIGINT or SIGTERM the group stops its services last to first: the engine first, which
        // ends the browsers' event streams, so the web server's graceful shutdown does not wait
        // for them forever.
        let group = ServiceGroup(
            services: [application, EngineService(engine: engine, log: log)], gracefulShutdownSignals: [.sigint, .sigterm],
            logger: Logger(label: "dealz"))
        do { try await group.run() } catch { log("web server: \(error)") }
        await engine.stop()
        workers?.stop()
    }
}

/// Stops the engine when the service group shuts down gracefully.
struct EngineService: Service {
    let engine: DealzEngine
    let log: ServiceLog

    func run() async throws {
        try? await gracefulShutdown()
        log("stopping")
        await engine.stop()
    }
}
