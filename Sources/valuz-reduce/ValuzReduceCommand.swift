import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Starts the workers, sums their results, asks again for lost orders, and stops the workers
/// when all results are in.
@main
struct ValuzReduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valuz-reduce",
        abstract: "Sum valuz results per symbol and in total.",
        discussion: """
            Publishes START once --workers workers are READY, and repeats it until the first result \
            arrives (a subscriber that joins late misses earlier messages). Numbered results count \
            once per order number; when no new result has come for --resend-after seconds, it \
            publishes RESEND with the numbers still missing, so orders lost with a worker are pushed \
            again. Publishes EXIT when --expect results are in, then prints the totals (exact sums, \
            whatever order the results arrive in).
            """)

    @Option(help: "How many workers must be READY before START.")
    var workers: Int

    @Option(help: "How many results to wait for.")
    var expect: Int

    @Option(help: "Where the PULL socket for results binds.")
    var pullEndpoint = "tcp://*:9005"

    @Option(help: "Where the PUB socket for START, RESEND and EXIT binds.")
    var pubEndpoint = "tcp://*:9006"

    @Option(help: "Seconds without a new result before asking the source again for the missing orders (doubling, up to 30 s, while nothing comes).")
    var resendAfter: Double = 2

    @Flag(help: "Print the totals as one JSON object.")
    var json = false

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    @OptionGroup(title: "Queues")
    var queues: QueueOptions

    /// The most order numbers in one RESEND message (4 bytes each).
    static let numbersPerResend = 1024

    /// The most RESEND messages after one quiet spell (16,384 orders); the rest are asked for
    /// after the next.
    static let messagesPerRound = 16

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1.") }
        guard expect >= 0, expect <= Int(UInt32.max) else { throw ValidationError("--expect must be from 0 to \(UInt32.max).") }
        guard resendAfter.isFinite, resendAfter > 0 else { throw ValidationError("--resend-after must be a positive number of seconds.") }
    }

    func run() throws {
        let log = ServiceLog("valuz-reduce")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.server], log: log)
        defer { secured.stop() }
        // Results are a few dozen bytes: a peer sending a huge frame is disconnected by libzmq.
        let reduce = try ValuzReduce(context: context, pullEndpoint: pullEndpoint, pubEndpoint: pubEndpoint) { _, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: .server)
            try queues.apply(to: socket)
            try socket.setMaximumMessageSize(64 * 1024)
        }
        defer { reduce.close() }
        log("waiting for \(workers) workers on \(try reduce.pull.socket.lastEndpoint); control on \(try reduce.pub.socket.lastEndpoint)")

        var readyWorkers = 0
        var ledger = ValuationLedger(expected: expect)
        var askedAgain = 0
        var quietSpell = resendAfter
        var lastStart = Date.distantPast
        // When the last result was counted, START first went out, or the last RESEND went out.
        var lastProgress = Date()
        while !trap.isRequested, !ledger.isComplete || readyWorkers < workers {
            if readyWorkers >= workers, ledger.counted == 0, Date().timeIntervalSince(lastStart) >= 0.2 {
                do { try reduce.pub.sendStart() } catch  where error.isShutdown { break }
                if lastStart == .distantPast {
                    log("all \(workers) workers ready: START")
                    lastProgress = Date()
                }
                lastStart = Date()
            }
            if lastStart != .distantPast, !ledger.isComplete, ledger.tracksNumbers, Date().timeIntervalSince(lastProgress) >= quietSpell {
                // At most a round's worth: the lowest numbers, pushed longest ago, are the likeliest
                // lost, and a round stays well under the source SUB's queue of 1000 messages.
                let allMissing = ledger.missingNumbers
                let missing = allMissing.prefix(Self.numbersPerResend * Self.messagesPerRound)
                log(
                    "no new result for \(quietSpell) s: RESEND \(missing.count) orders"
                        + (missing.count < allMissing.count ? " of \(allMissing.count) missing" : ""))
                do {
                    for start in stride(from: 0, to: missing.count, by: Self.numbersPerResend) {
                        try reduce.pub.sendResend(numbers: Array(missing[start..<min(start + Self.numbersPerResend, missing.count)]))
                    }
                } catch  where error.isShutdown {
                    break
                }
                askedAgain += missing.count
                lastProgress = Date()
                // Unanswered, the next request waits twice as long: before the source is up (it
                // reads its orders before it subscribes), nobody hears them.
                quietSpell = min(quietSpell * 2, max(resendAfter, 30))
            }
            do {
                switch try reduce.pull.receive(timeout: .milliseconds(100)) {
                case .ready?:
                    readyWorkers += 1
                    log("worker READY (\(readyWorkers) of \(workers))")
                case .valuation(let valuation)?:
                    ledger.record(valuation)
                    (lastProgress, quietSpell) = (Date(), resendAfter)
                case .numberedValuation(let valuation)?:
                    switch ledger.record(valuation) {
                    case .counted: (lastProgress, quietSpell) = (Date(), resendAfter)
                    case .duplicate: break
                    case .outOfRange: log("dropped a result for order \(valuation.number), outside the batch of \(expect)")
                    }
                case nil:
                    continue
                }
            } catch  where error.isShutdown {
                break
            } catch {
                log("dropped a malformed result: \(error)")
            }
        }
        guard !trap.isRequested else {
            log("stopped with \(ledger.counted) of \(expect) results from \(readyWorkers) workers")
            return
        }
        // Workers subscribed before saying READY; repeat EXIT briefly in case one is slow to see it.
        log(
            "\(ledger.counted) results in (\(ledger.duplicates) duplicates ignored, \(askedAgain) orders asked for again; \(ProcessMemory.peakDescription)): EXIT"
        )
        for _ in 0..<5 {
            try reduce.pub.sendExit()
            Thread.sleep(forTimeInterval: 0.05)
        }
        print(json ? Self.json(ledger, askedAgain: askedAgain) : Self.table(ledger), terminator: "")
    }

    static func json(_ ledger: ValuationLedger, askedAgain: Int) -> String {
        let symbols = ledger.bySymbol.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value.value)" }.joined(separator: ", ")
        return
            "{\"orders\": \(ledger.counted), \"total\": \(ledger.total.value), \"bySymbol\": {\(symbols)}, \"duplicates\": \(ledger.duplicates), \"askedAgain\": \(askedAgain)}\n"
    }

    static func table(_ ledger: ValuationLedger) -> String {
        var text = "SYMBOL".padded(to: 8) + " " + String(repeating: " ", count: 11) + "VALUE\n"
        for (symbol, sum) in ledger.bySymbol.sorted(by: { $0.key < $1.key }) {
            text += symbol.padded(to: 8) + String(format: " %16.2f\n", sum.value)
        }
        text += "TOTAL".padded(to: 8) + String(format: " %16.2f\n", ledger.total.value)
        return text + "(\(ledger.counted) orders)\n"
    }
}
