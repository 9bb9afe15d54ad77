import ArgumentParser
import DealzApp
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// dealz's event loop: one poller over the tickz and chatz subscribers, the valuz results and
/// the six socket monitors, so every socket stays on one thread.
struct DealzSession {
    let symbols: Set<String>
    let workers: Int
    let log: ServiceLog
    private(set) var prices: [String: Double] = [:]
    private(set) var readyWorkers = 0
    /// Workers connected to the PUSH socket for orders, as its monitor reports them. PUSH deals
    /// orders out only among peers already connected, so dealz waits for all of them: a READY
    /// can arrive (on the other socket) before the worker's order connection is up.
    private(set) var orderPeers = ConnectedPeers()
    /// Sockets (by monitor name and endpoint) retrying a connection, so a peer that is down
    /// gives one log line, not one per retry.
    private var retrying: Set<String> = []
    /// Chat lines seen, as (user, text).
    private(set) var chat: [(user: String, text: String)] = []
    /// The deals being valued, while they are.
    private var book: DealBook?

    init(symbols: [String], workers: Int, log: ServiceLog) {
        self.symbols = Set(symbols)
        self.workers = workers
        self.log = log
    }

    /// Waits for a price for every symbol and for `workers` workers READY and connected for
    /// orders; the prices, or nil when stopped. Throws exit code 2 after `timeout`.
    mutating func gather(_ dealz: Dealz, trap: ShutdownTrap, timeout: Duration) throws -> [String: Double]? {
        let finished = try run(dealz, trap: trap, timeout: timeout) { session in
            session.prices.count == session.symbols.count && session.readyWorkers >= session.workers
                && session.orderPeers.count >= session.workers
        }
        guard finished else { return nil }
        log("prices for \(symbols.count) symbols; \(readyWorkers) workers READY and connected for orders")
        return prices
    }

    /// Collects valuations into `book` until every deal is valued; false when stopped. Throws
    /// exit code 2 after `timeout`.
    mutating func value(_ book: inout DealBook, _ dealz: Dealz, trap: ShutdownTrap, timeout: Duration) throws -> Bool {
        self.book = book
        defer {
            book = self.book ?? book
            self.book = nil
        }
        return try run(dealz, trap: trap, timeout: timeout) { $0.book?.isComplete ?? true }
    }

    /// Waits up to `timeout` for `text` from `user` on the chat; whether it came.
    mutating func awaitEcho(of text: String, from user: String, _ dealz: Dealz, trap: ShutdownTrap, timeout: Duration) -> Bool {
        let seen = { (session: DealzSession) in session.chat.contains { $0.user == user && $0.text == text } }
        return (try? run(dealz, trap: trap, timeout: timeout, failing: false, until: seen)) ?? false
    }

    /// Handles incoming messages until `until` holds (true), the trap fires (false), or
    /// `timeout` passes (exit code 2 when `failing`, else false).
    private mutating func run(
        _ dealz: Dealz, trap: ShutdownTrap, timeout: Duration, failing: Bool = true, until: (DealzSession) -> Bool
    ) throws -> Bool {
        let monitors: [(String, SocketMonitor)] = [
            ("chatz.req", dealz.reqMonitor), ("chatz.sub", dealz.chatzSubMonitor), ("tickz.sub", dealz.tickzSubMonitor),
            ("valuz.push", dealz.pushMonitor), ("valuz.pull", dealz.pullMonitor), ("valuz.pub", dealz.pubMonitor),
        ]
        var poller = try Poller([dealz.tickzSub, dealz.chatzSub, dealz.pull] + monitors.map(\.1))
        let deadline = ContinuousClock.now + timeout
        while !until(self) {
            if trap.isRequested { return false }
            guard ContinuousClock.now < deadline else {
                guard failing else { return false }
                log("timed out after \(timeout): \(missing)")
                throw ExitCode(2)
            }
            do {
                let ready = try poller.poll(timeout: .milliseconds(100))
                if ready.contains(0) { try receiveTick(dealz) }
                if ready.contains(1) { try receiveChat(dealz) }
                if ready.contains(2) { try receiveResult(dealz) }
                // Every event a ready monitor holds: after a run of connect retries, the one that
                // says the connection is up may be several events deep.
                for index in ready where index >= 3 {
                    let (name, monitor) = monitors[index - 3]
                    while let event = try monitor.receive(timeout: .zero) { report(event, of: name) }
                }
            } catch let error as MessageDecodingError {
                log("dropped a malformed message: \(error)")
            } catch {
                if error.isShutdown { return false }
                throw error
            }
        }
        return true
    }

    /// Logs a monitor event if it changes what a reader should know: connections made and
    /// lost, listening, failures; a run of retries is one line.
    private mutating func report(_ event: MonitorEvent, of name: String) {
        let key = "\(name) \(event.endpoint)"
        if name == "valuz.push" { orderPeers.record(event) }
        switch event.kind {
        case .connectRetried:
            if retrying.insert(key).inserted { log("monitor \(name): \(event.endpoint) not there yet; libzmq keeps retrying") }
        case .connected, .accepted, .disconnected, .listening:
            retrying.remove(key)
            log("monitor \(name): \(event.kind) \(event.endpoint)")
        case .bindFailed, .acceptFailed, .closeFailed, .handshakeFailedNoDetail, .handshakeFailedProtocol, .handshakeFailedAuth:
            log("monitor \(name): \(event.kind) \(event.endpoint) (errno or detail \(event.value))")
        case .connectDelayed, .closed, .handshakeSucceeded, .monitorStopped:
            break
        }
    }

    /// What the current phase is still waiting for, for the timeout message.
    private var missing: String {
        let unpriced = symbols.subtracting(prices.keys).sorted()
        var parts: [String] = []
        if !unpriced.isEmpty { parts.append("no tick yet for \(unpriced.joined(separator: ", "))") }
        if readyWorkers < workers || orderPeers.count < workers {
            parts.append("\(readyWorkers) of \(workers) workers READY, \(orderPeers.count) connected for orders")
        }
        if let book { parts.append("\(book.valued) of \(book.orders.count) deals valued") }
        return parts.isEmpty ? "waiting for the chat" : parts.joined(separator: "; ")
    }

    private mutating func receiveTick(_ dealz: Dealz) throws {
        // Subscriptions are prefixes: AAPL also brings AAPLX, which is not ours.
        guard let tick = try dealz.tickzSub.receive(timeout: .zero), symbols.contains(tick.symbol) else { return }
        if prices[tick.symbol] == nil { log("first price for \(tick.symbol): \(tick.price)") }
        prices[tick.symbol] = tick.price
    }

    private mutating func receiveChat(_ dealz: Dealz) throws {
        guard let message = try dealz.chatzSub.receive(timeout: .zero) else { return }
        chat.append((message.usr, message.msg))
        log("[chat] \(message.usr): \(message.msg)")
    }

    private mutating func receiveResult(_ dealz: Dealz) throws {
        switch try dealz.pull.receive(timeout: .zero) {
        case .ready?:
            readyWorkers += 1
            log("worker READY (\(readyWorkers) of \(workers))")
        case .valuation(let valuation)?:
            if book?.record(valuation) != true { log("dropped a valuation of \(valuation.stock) that no deal is waiting for") }
        case nil:
            break
        }
    }
}
