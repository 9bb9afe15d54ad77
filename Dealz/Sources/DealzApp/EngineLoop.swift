import ExampleSystems
import Foundation
import SeededRandom
import ZSchemaRuntime

/// The ZeroMQ side of the dashboard: every dealz socket, used by this one loop on the engine's
/// thread. It polls the sockets, the monitors and the request mailbox, keeps the state and
/// publishes it after every change.
struct EngineLoop {
    let dealz: Dealz
    let store: StateStore
    let mailbox: CommandMailbox
    let log: ServiceLog
    private var chat: ChatLink
    private var state = DashboardState()
    private var panels: [SocketPanel]
    private var prices: [String: Double] = [:]
    private var firstPrices: [String: Double] = [:]
    private var book: DealBook?
    private var unsent: ArraySlice<Order> = []
    private var lastProgress = ContinuousClock.now
    private var random = SplitMix64(seed: 1)
    /// The summary posted for the current batch, until chatz broadcasts it back.
    private var summary: (user: String, text: String)?

    /// Indices of the panels, in the schema's socket order.
    private enum Panel: Int, CaseIterable { case chatzReq, chatzSub, tickzSub, valuzPush, valuzPull, valuzPub }

    /// How long a batch may go without a valuation before the page calls it stalled.
    static let stallTimeout = Duration.seconds(30)

    init(dealz: Dealz, endpoints: DealzEndpoints, symbols: [String], user: String, store: StateStore, mailbox: CommandMailbox, log: ServiceLog) {
        (self.dealz, self.store, self.mailbox, self.log) = (dealz, store, mailbox, log)
        chat = ChatLink(context: dealz.context, endpoints: endpoints, user: user, socket: dealz.req, monitor: dealz.reqMonitor)
        panels = [
            SocketPanel(name: "chatz.req", type: "REQ", endpoint: endpoints.chatzRouter, binds: false),
            SocketPanel(name: "chatz.sub", type: "SUB", endpoint: endpoints.chatzPub, binds: false),
            SocketPanel(name: "tickz.sub", type: "SUB", endpoint: endpoints.tickz, binds: false),
            SocketPanel(name: "valuz.push", type: "PUSH", endpoint: endpoints.push, binds: true),
            SocketPanel(name: "valuz.pull", type: "PULL", endpoint: endpoints.pull, binds: true),
            SocketPanel(name: "valuz.pub", type: "PUB", endpoint: endpoints.pub, binds: true),
        ]
        for symbol in symbols where !state.quotes.contains(where: { $0.symbol == symbol }) {
            try? dealz.subscribe(symbol: symbol)
            state.quotes.append(DashboardState.Quote(symbol: symbol))
        }
    }

    /// Runs until `stopped` is set or the context is shut down; then tells the workers to exit.
    mutating func run(until stopped: StopFlag) {
        while !stopped.isSet {
            do {
                try turn()
            } catch let error as MessageDecodingError {
                log("dropped a malformed message: \(error)")
            } catch {
                if error.isShutdown { break }
                log("engine: \(error)")
            }
            publish()
        }
        // Workers subscribed before saying READY; repeat EXIT briefly in case one is slow to see it.
        for _ in 0..<3 {
            try? dealz.pub.send(Exit(), dontWait: true)
            Thread.sleep(forTimeInterval: 0.05)
        }
        chat.monitor.socket.close()
        chat.socket.socket.close()
        dealz.close()
    }

    /// One round: requests, due sends, one poll, whatever it found ready, timeouts.
    private mutating func turn() throws {
        // Answered once the state shows what they did, so a caller that reads it next sees it.
        let answered = mailbox.take().map { ($0.answer, handle($0.request)) }
        if !answered.isEmpty { publish() }
        for (answer, outcome) in answered { answer.resume(returning: outcome) }
        let now = ContinuousClock.now
        try chat.sendIfIdle(now: now)
        sendOrders()

        let monitors: [SocketMonitor] = [
            chat.monitor, dealz.chatzSubMonitor, dealz.tickzSubMonitor, dealz.pushMonitor, dealz.pullMonitor, dealz.pubMonitor,
        ]
        let sockets: [any MessageSocket] = [dealz.tickzSub, dealz.chatzSub, dealz.pull, chat.socket] + monitors
        var poller = try Poller(sockets, fileDescriptors: [mailbox.readDescriptor])
        let ready = Set(try poller.poll(timeout: unsent.isEmpty ? .milliseconds(100) : .milliseconds(5)))
        if ready.contains(0) { while let tick = try dealz.tickzSub.receive(timeout: .zero) { record(tick) } }
        if ready.contains(1) { while let message = try dealz.chatzSub.receive(timeout: .zero) { record(message) } }
        if ready.contains(2) { while let result = try dealz.pull.receive(timeout: .zero) { record(result) } }
        if ready.contains(3), let users = try chat.receiveReply() {
            state.chat.users = users.sorted()
            state.chat.reachable = true
        }
        for (index, monitor) in monitors.enumerated() where ready.contains(4 + index) {
            while let event = try monitor.receive(timeout: .zero) { panels[index].record(event) }
        }
        if let problem = try chat.checkTimeout(now: ContinuousClock.now) {
            state.chat.reachable = false
            state.chat.problem = problem
        }
        if var batch = state.batch, batch.state == "valuing", ContinuousClock.now - lastProgress > Self.stallTimeout {
            batch.state = "stalled"
            state.batch = batch
            log("batch \(batch.id): no valuation for \(Self.stallTimeout); \(batch.valued) of \(batch.deals) valued")
        }
    }

    // MARK: Requests

    private mutating func handle(_ request: DealzRequest) -> DealzAnswer {
        switch request {
        case .follow(let symbol):
            if state.quotes.contains(where: { $0.symbol == symbol }) { return .accepted(detail: "\(symbol) is already shown") }
            do { try dealz.subscribe(symbol: symbol) } catch { return .refused(status: 400, message: "\(error)") }
            state.quotes.append(DashboardState.Quote(symbol: symbol))
            log("following \(symbol)")
            return .accepted(detail: "following \(symbol)")
        case .forget(let symbol):
            guard let index = state.quotes.firstIndex(where: { $0.symbol == symbol }) else {
                return .refused(status: 404, message: "\(symbol) is not shown")
            }
            do { try dealz.unsubscribe(symbol: symbol) } catch { return .refused(status: 400, message: "\(error)") }
            state.quotes.remove(at: index)
            (prices[symbol], firstPrices[symbol]) = (nil, nil)
            log("forgot \(symbol)")
            return .accepted(detail: "forgot \(symbol)")
        case .post(let user, let text):
            chat.post(text, as: user)
            state.chat.problem = nil
            return .accepted(detail: "posting as \(user)")
        case .randomDeals(let count):
            let priced = state.quotes.map(\.symbol).filter { prices[$0] != nil }
            guard !priced.isEmpty else { return .refused(status: 409, message: "no live price yet for any shown symbol") }
            return start(DealBook(count: count, symbols: priced, prices: prices, seed: random.next()))
        case .deals(let orders):
            return start(DealBook(orders: orders))
        }
    }

    private mutating func start(_ next: DealBook) -> DealzAnswer {
        if let batch = state.batch, batch.state == "sending" || batch.state == "valuing" {
            return .refused(status: 409, message: "batch \(batch.id) is still being valued (\(batch.valued) of \(batch.deals))")
        }
        guard panels[Panel.valuzPush.rawValue].status.peers > 0 else {
            return .refused(status: 409, message: "no valuz worker is connected to \(panels[Panel.valuzPush.rawValue].status.endpoint)")
        }
        let id = (state.batch?.id ?? 0) + 1
        book = next
        unsent = next.orders[...]
        lastProgress = .now
        summary = nil
        state.batch = DashboardState.Batch(id: id, deals: next.orders.count, started: Date().timeIntervalSince1970)
        log("batch \(id): \(next.orders.count) deals")
        return .accepted(detail: "batch \(id): \(next.orders.count) deals")
    }

    /// Hands orders to the PUSH socket until its high-water mark says wait.
    private mutating func sendOrders() {
        guard var batch = state.batch, !unsent.isEmpty else { return }
        while let order = unsent.first {
            do { try dealz.push.send(order, dontWait: true) } catch { break }
            unsent.removeFirst()
            batch.sent += 1
        }
        if unsent.isEmpty && batch.state == "sending" { batch.state = "valuing" }
        state.batch = batch
    }

    // MARK: Incoming

    private mutating func record(_ tick: Tick) {
        // Subscriptions are prefixes: AAPL also brings AAPLX, which is not shown.
        guard let index = state.quotes.firstIndex(where: { $0.symbol == tick.symbol }) else { return }
        prices[tick.symbol] = tick.price
        let first = firstPrices[tick.symbol] ?? tick.price
        firstPrices[tick.symbol] = first
        var quote = state.quotes[index]
        quote.last = tick.price
        quote.change = tick.price - first
        quote.ticks += 1
        quote.history.append(tick.price)
        if quote.history.count > DashboardState.historyLength { quote.history.removeFirst() }
        state.quotes[index] = quote
    }

    private mutating func record(_ message: ChatMessage) {
        state.chat.lines.append(DashboardState.ChatLine(user: message.usr, text: message.msg, time: Date().timeIntervalSince1970))
        if state.chat.lines.count > DashboardState.chatLength { state.chat.lines.removeFirst() }
        if let summary, summary == (message.usr, message.msg) {
            state.batch?.posted = true
            self.summary = nil
        }
    }

    private mutating func record(_ result: ReadyOrValuation) {
        switch result {
        case .ready:
            state.workersReady += 1
        case .valuation(let valuation):
            guard var batch = state.batch, book?.record(valuation) == true, let book else {
                log("dropped a valuation of \(valuation.stock) that no deal is waiting for")
                return
            }
            lastProgress = .now
            batch.valued = book.valued
            batch.total = book.total.value
            batch.bySymbol = book.bySymbol.sorted { $0.key < $1.key }.map { symbol, sum in
                DashboardState.SymbolTotal(symbol: symbol, deals: book.dealsBySymbol[symbol] ?? 0, value: sum.value)
            }
            if book.isComplete {
                batch.state = "done"
                batch.finished = Date().timeIntervalSince1970
                summary = (chat.user, book.summary)
                chat.post(book.summary, as: chat.user)
                log("batch \(batch.id) done: \(book.summary)")
            }
            state.batch = batch
        }
    }

    // MARK: State

    mutating func publish() {
        state.sockets = panels.map(\.status)
        state.backends = DashboardState.Backends(
            tickz: panels[Panel.tickzSub.rawValue].isConnected,
            chatz: panels[Panel.chatzSub.rawValue].isConnected && state.chat.reachable,
            workers: panels[Panel.valuzPush.rawValue].status.peers)
        let snapshot = state
        store.update { $0 = snapshot }
    }
}
