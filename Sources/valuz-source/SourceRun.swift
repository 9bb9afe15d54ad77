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

    /// Pushes every order, numbered unless `numbered` is false, and then, numbered, pushes again
    /// what the reducer names in RESEND until EXIT, a stop, or `idleTimeout` seconds in which
    /// neither an order went out nor a word came from the reducer (a push of a million orders
    /// can itself take longer than the timeout, and the reducer has nothing to say meanwhile).
    ///
    /// Sends never block: while the workers' queues are full the source waits on its SUB and its
    /// monitor as well as for room on the PUSH, so control messages are read as they come. A
    /// SUB left unread fills its queue, and with heartbeats on libzmq 4.3.4 may then abort
    /// (libzmq #3937). RESEND numbers not pushed yet are skipped: they are on their way anyway.
    mutating func pushAll(numbered: Bool, idleTimeout: Double) throws {
        var fresh = 0
        var again: [Int] = []
        var againNext = 0
        // The last order pushed or word from the reducer.
        var lastWord = Date()
        var sent = 0
        // While an order waits for room, room on the PUSH is worth waking for; once everything is
        // pushed it is not (the PUSH is writable nearly all the time, and waking for it would spin).
        var whileFull = try Poller([source.sub, monitor], writable: [source.push])
        var whileIdle = try Poller([source.sub, monitor])
        if orders.isEmpty {
            log("pushed 0 orders")
            guard numbered else { return }
        }
        while !trap.isRequested {
            // The next order to push: one asked for again first, else the next fresh one.
            let index: Int? = againNext < again.count ? again[againNext] : (fresh < orders.count ? fresh : nil)
            if let index {
                if sent % 256 == 0 { drainMonitor() }
                let queued: Bool
                do {
                    queued = try send(index, numbered: numbered)
                } catch  where error.isShutdown {
                    log("stopped after pushing \(sent) orders")
                    return
                }
                if queued {
                    sent += 1
                    lastWord = Date()
                    if againNext < again.count {
                        againNext += 1
                        pushedAgain += 1
                        if againNext == again.count { (again, againNext) = ([], 0) }
                    } else {
                        fresh += 1
                        if fresh == orders.count {
                            log("pushed \(orders.count) orders")
                            guard numbered else { return }
                        }
                    }
                    continue
                }
            } else if !numbered {
                return
            } else if Date().timeIntervalSince(lastWord) >= idleTimeout {
                log("no word from the reducer for \(idleTimeout) s; leaving without EXIT")
                return
            }
            // The workers' queues are full, or everything is pushed: wait for a word or for room.
            let ready: [Int]
            do {
                ready = try index == nil ? whileIdle.poll(timeout: .milliseconds(250)) : whileFull.poll(timeout: .milliseconds(250))
            } catch {
                // (Not `catch where`: with a typed throw here, Swift 6.3's SILGen crashes on it.)
                if error.isShutdown { return }
                throw error
            }
            if ready.contains(1) { drainMonitor() }
            guard ready.contains(0) else { continue }
            switch readControl() {
            case .exit:
                log("EXIT: the reducer has every order (\(pushedAgain) pushed again)")
                return
            case .resend(let numbers):
                lastWord = Date()
                let inBatch = numbers.filter(orders.indices.contains)
                if inBatch.count < numbers.count {
                    log("ignored \(numbers.count - inBatch.count) order numbers outside the batch")
                }
                let wanted = inBatch.filter { $0 < fresh }
                let skipped = inBatch.count - wanted.count
                log("RESEND: pushing \(wanted.count) orders again" + (skipped > 0 ? " (\(skipped) not pushed yet)" : ""))
                again.append(contentsOf: wanted)
            case .word:
                lastWord = Date()
            case .nothing:
                continue
            case .stopped:
                return
            }
        }
    }

    /// What one read of the SUB found.
    private enum ControlWord {
        case exit, resend([Int]), word, nothing, stopped
    }

    /// Reads one control message without waiting; a malformed one is logged and dropped.
    private func readControl() -> ControlWord {
        do {
            switch try source.sub.receive(timeout: .zero) {
            case .exit?: return .exit
            case .resend(let resend)?: return .resend(resend.numbers.map(Int.init))
            case .start?: return .word
            case nil: return .nothing
            }
        } catch  where error.isShutdown {
            return .stopped
        } catch {
            log("dropped a malformed control message: \(error)")
            return .nothing
        }
    }

    /// Queues the order at `index` if the workers' queues have room; false when they are full.
    private func send(_ index: Int, numbered: Bool) throws -> Bool {
        do {
            if numbered {
                try source.push.send(NumberedOrder(number: UInt32(index), orders[index]), dontWait: true)
            } else {
                try source.push.send(orders[index], dontWait: true)
            }
            return true
        } catch let error as ZMQError where error.isTimeout {
            return false
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
