import ExampleSystems
import Foundation
import ZSchemaRuntime

/// One batch on valuz-source's sockets: START, the orders, then what the reducer asks for again.
struct SourceRun {
    let source: ValuzSource
    let monitor: SocketMonitor
    let orders: [Order]
    let log: ServiceLog
    let trap: ShutdownTrap
    /// Workers connected for orders, from the monitor.
    private(set) var peers = ConnectedPeers()
    /// Orders pushed again because the reducer asked.
    private(set) var pushedAgain = 0

    init(source: ValuzSource, monitor: SocketMonitor, orders: [Order], log: ServiceLog, trap: ShutdownTrap) {
        self.source = source
        self.monitor = monitor
        self.orders = orders
        self.log = log
        self.trap = trap
    }

    /// Waits for START; false when the deadline passes or a stop is asked for.
    mutating func waitForStart(until deadline: Date) throws -> Bool {
        while !trap.isRequested, Date() < deadline {
            drainMonitor()
            do {
                if case .start? = try source.sub.receive(timeout: .milliseconds(250)) { return true }
            } catch  where error.isShutdown {
                return false
            } catch {
                log("dropped a malformed control message: \(error)")
            }
        }
        return false
    }

    /// Waits until `count` workers are connected for orders, or the deadline passes.
    mutating func waitForWorkers(_ count: Int, until deadline: Date) {
        while !trap.isRequested, peers.count < count, Date() < deadline {
            if let event = try? monitor.receive(timeout: .milliseconds(100)) { record(event) }
        }
    }

    /// Pushes the orders at `indices`, numbered unless `numbered` is false; false when stopped.
    mutating func push(_ indices: [Int], numbered: Bool) throws -> Bool {
        for (sent, index) in indices.enumerated() {
            if sent % 256 == 0 { drainMonitor() }
            do {
                if numbered {
                    try source.push.send(NumberedOrder(number: UInt32(index), orders[index]))
                } else {
                    try source.push.send(orders[index])
                }
            } catch  where error.isShutdown {
                log("stopped after pushing \(sent) orders")
                return false
            }
        }
        return true
    }

    /// Pushes again the orders the reducer names in RESEND, until EXIT, a stop, or `idleTimeout`
    /// seconds without a word from the reducer.
    mutating func serveResends(idleTimeout: Double) throws {
        var poller = try Poller([source.sub, monitor])
        var lastWord = Date()
        while !trap.isRequested {
            guard Date().timeIntervalSince(lastWord) < idleTimeout else {
                log("no word from the reducer for \(idleTimeout) s; leaving without EXIT")
                return
            }
            let ready: [Int]
            do {
                ready = try poller.poll(timeout: .milliseconds(250))
            } catch {
                // (Not `catch where`: with a typed throw here, Swift 6.3's SILGen crashes on it.)
                if error.isShutdown { return }
                throw error
            }
            if ready.contains(1) { drainMonitor() }
            guard ready.contains(0) else { continue }
            do {
                switch try source.sub.receive(timeout: .zero) {
                case .exit?:
                    log("EXIT: the reducer has every order (\(pushedAgain) pushed again)")
                    return
                case .resend(let resend)?:
                    lastWord = Date()
                    let wanted = resend.numbers.map(Int.init).filter(orders.indices.contains)
                    if wanted.count < resend.numbers.count {
                        log("ignored \(resend.numbers.count - wanted.count) order numbers outside the batch")
                    }
                    log("RESEND: pushing \(wanted.count) orders again")
                    guard try push(wanted, numbered: true) else { return }
                    pushedAgain += wanted.count
                case .start?:
                    lastWord = Date()
                case nil:
                    continue
                }
            } catch  where error.isShutdown {
                return
            } catch {
                log("dropped a malformed control message: \(error)")
            }
        }
    }

    /// Logs connection changes the monitor has queued, without waiting.
    private mutating func drainMonitor() {
        while let event = try? monitor.receive(timeout: .zero) { record(event) }
    }

    private mutating func record(_ event: MonitorEvent) {
        let before = peers.count
        peers.record(event)
        if peers.count > before { log("a worker connected for orders (\(peers.count) now)") }
        if peers.count < before { log("a worker disconnected (\(peers.count) now)") }
    }
}
