import ExampleSystems
import Foundation
import Testing
import ZSchemaRuntime

extension ExampleProgramSuites {
    /// valuz when workers die or freeze, and what the reducer does with lost and repeated results.
    @Suite("valuz under faults", .serialized)
    struct ValuzFaultTests {
        typealias Ports = ValuzServiceTests.Ports

        /// How many orders valuz-source says it pushed again, from its closing EXIT line.
        static func pushedAgain(_ source: ServiceProcess) -> Int? {
            guard let line = source.log.lines.last(where: { $0.contains("pushed again)") }) else { return nil }
            return line.split(separator: "(").last?.split(separator: " ").first.flatMap { Int($0) }
        }

        /// Heartbeats short enough for a test (on the control sockets: PUSH and PULL have none).
        static let quickHeartbeat = ["--heartbeat-interval", "0.2", "--heartbeat-timeout", "1"]

        /// A batch of `orders` on three workers, once the source has pushed them all: two fast ones,
        /// and worker 0, which takes 5 s per order and so still holds nearly all of its share (a
        /// third) whatever the machine's load; `fault` is done to it then. Returns the reducer's
        /// JSON text, the source and worker 0.
        static func runWithFault(
            orders: Int, seed: UInt64, fault: (ServiceProcess) -> Void
        ) async throws -> (json: String, source: ServiceProcess, victim: ServiceProcess, file: URL) {
            let ports = Ports()
            let file = try ValuzServiceTests.orderFile(count: orders, seed: seed)
            let reduce = try ServiceProcess(
                "valuz-reduce", ["--workers", "3", "--expect", "\(orders)", "--json", "--resend-after", "1"] + quickHeartbeat + ports.reduce)
            let workers = try (0..<3).map {
                try ServiceProcess("valuz-worker", ["--name", "w\($0)", "--work-time", $0 == 0 ? "5" : "0.002"] + quickHeartbeat + ports.worker)
            }
            let source = try ServiceProcess("valuz-source", ["--csv", file.path, "--workers", "3"] + quickHeartbeat + ports.source)
            #expect(try await source.log.appears("pushed \(orders) orders", within: .seconds(30)), "source log:\n\(source.log.text)")
            fault(workers[0])
            #expect(try await reduce.exitStatus(within: .seconds(60)) == 0, "reduce log:\n\(reduce.log.text)\nsource log:\n\(source.log.text)")
            #expect(try await source.exitStatus(within: .seconds(10)) == 0, "source log:\n\(source.log.text)")
            for worker in workers.dropFirst() { #expect(try await worker.exitStatus(within: .seconds(10)) == 0, "worker log:\n\(worker.log.text)") }
            return (reduce.output.text, source, workers[0], file)
        }

        @Test("a worker killed mid-run loses no order: the reducer asks for the missing ones and the total is exact", .timeLimit(.minutes(2)))
        func killedWorker() async throws {
            let run = try await Self.runWithFault(orders: 1500, seed: 11) { $0.send(SIGKILL) }
            defer { try? FileManager.default.removeItem(at: run.file) }
            #expect(try jsonNumber("orders", in: run.json) == 1500)
            #expect(try jsonNumber("total", in: run.json) == Double(try ValuzServiceTests.pythonTotal(run.file)))
            // The fault really cost orders: some were asked for again, and pushed again.
            print("valuz: one of three workers killed mid-run; reducer: \(run.json)")
            #expect(try jsonNumber("askedAgain", in: run.json) > 0, "reducer printed \(run.json)")
            #expect((Self.pushedAgain(run.source) ?? 0) > 0, "source log:\n\(run.source.log.text)")
            #expect(run.source.log.text.contains("a worker disconnected (2 now)"))
        }

        @Test("a frozen worker (SIGSTOP) keeps its connection, its orders are valued by the others, and it leaves cleanly when thawed", .timeLimit(.minutes(2)))
        func frozenWorker() async throws {
            let run = try await Self.runWithFault(orders: 1500, seed: 12) { $0.send(SIGSTOP) }
            defer {
                try? FileManager.default.removeItem(at: run.file)
                run.victim.send(SIGKILL)
            }
            #expect(try jsonNumber("orders", in: run.json) == 1500)
            #expect(try jsonNumber("total", in: run.json) == Double(try ValuzServiceTests.pythonTotal(run.file)))
            // The frozen worker's share came back through RESEND, not through a dropped connection:
            // PUSH and PULL carry no ZMTP heartbeats (ZMTPHeartbeat: libzmq #3937).
            print("valuz: one of three workers frozen mid-run; reducer: \(run.json)")
            #expect(try jsonNumber("askedAgain", in: run.json) > 0, "reducer printed \(run.json)")
            #expect((Self.pushedAgain(run.source) ?? 0) > 0, "source log:\n\(run.source.log.text)")
            // The two fast workers leave at EXIT; the frozen one was never dropped, in particular
            // not before the reducer first asked (a heartbeat would have dropped it within 1 s).
            let lines = run.source.log.lines
            let beforeAsking = lines.prefix { !$0.contains("RESEND") }
            #expect(!beforeAsking.contains { $0.contains("a worker disconnected") }, "source log:\n\(run.source.log.text)")
            #expect(!lines.contains { $0.contains("a worker disconnected (0 now)") }, "source log:\n\(run.source.log.text)")
            // Thawed, it finds its connections dropped by the reducer's heartbeat (so it never hears
            // EXIT) and its queues full: libzmq must survive that, and the worker stop cleanly.
            run.victim.send(SIGCONT)
            try await Task.sleep(for: .seconds(2))
            run.victim.send(SIGTERM)
            #expect(try await run.victim.exitStatus(within: .seconds(15)) == 0, "worker log:\n\(run.victim.log.text)")
        }

        @Test(
            "both workers frozen for 2.5 s in the middle of a push through queues of 10: every program survives, every order counts once",
            .timeLimit(.minutes(3)))
        func workersFrozenMidPush() async throws {
            let ports = Ports()
            let count = 100_000
            let file = try ValuzServiceTests.orderFile(count: count, seed: 41)
            defer { try? FileManager.default.removeItem(at: file) }
            // Default heartbeats: they are what libzmq 4.3.4 aborted on under back-pressure.
            let small = ["--high-water-mark", "10"]
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "2", "--expect", "\(count)", "--json"] + small + ports.reduce)
            let workers = try (0..<2).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + small + ports.worker) }
            defer { for worker in workers { worker.send(SIGCONT) } }
            // The same orders as the file (OrderFile.random), made up by the source.
            let source = try ServiceProcess("valuz-source", ["--count", "\(count)", "--seed", "41", "--workers", "2"] + small + ports.source)
            #expect(try await source.log.appears("START received", within: .seconds(30)), "source log:\n\(source.log.text)")
            // Mid-push: the whole push takes seconds here, so 0.4 s after START it is under way.
            try await Task.sleep(for: .milliseconds(400))
            for worker in workers { worker.send(SIGSTOP) }
            #expect(!source.log.text.contains("pushed \(count) orders"), "the push was over before the freeze")
            try await Task.sleep(for: .milliseconds(2500))
            for worker in workers { worker.send(SIGCONT) }
            #expect(try await reduce.exitStatus(within: .seconds(120)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(try await source.exitStatus(within: .seconds(10)) == 0, "source log:\n\(source.log.text)")
            for worker in workers { #expect(try await worker.exitStatus(within: .seconds(10)) == 0, "worker log:\n\(worker.log.text)") }
            let json = reduce.output.text
            print("valuz: \(count) orders, both workers frozen 2.5 s mid-push; reducer \(json); source \(source.log.lines.last ?? "")")
            #expect(try jsonNumber("orders", in: json) == Double(count))
            #expect(try jsonNumber("total", in: json) == Double(try ValuzServiceTests.pythonTotal(file)))
            // The freeze made the reducer ask: at most one round's worth, never orders not yet pushed.
            #expect(try jsonNumber("askedAgain", in: json) <= 16_384, "reducer printed \(json)")
            #expect(try jsonNumber("duplicates", in: json) <= 16_384, "reducer printed \(json)")
            #expect(!(reduce.log.text + source.log.text).contains("Assertion failed"))
        }

        @Test("the reducer names exactly the missing orders in RESEND and counts each number once", .timeLimit(.minutes(1)))
        func resendAndDuplicates() throws {
            let ports = Ports()
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "1", "--expect", "4", "--json", "--resend-after", "0.5"] + ports.reduce)
            let context = ZMQContext()
            defer { context.shutdown() }
            // The test plays worker (results in) and source (RESEND out).
            let results = try ZMQSocket(context: context, type: .push, linger: .seconds(1))
            try results.connect(ports.results)
            let control = try ZMQSocket(context: context, type: .sub, linger: .zero)
            try control.connect(ports.control)
            try control.subscribe(prefix: [2])
            defer { results.close(); control.close() }
            func valuation(_ number: UInt32, _ value: Double) throws {
                try results.send(frames: NumberedValuation(number: number, stock: "IBM", value: value).encode())
            }
            try results.send(frames: Ready().encode())
            #expect(reduce.log.waitFor("START"))
            try valuation(0, 1.5)
            try valuation(2, 4.0)
            try valuation(2, 4.0)  // a duplicate: counted once
            try valuation(9, 100)  // outside the batch of 4: dropped
            let deadline = ContinuousClock.now + .seconds(10)
            var resend: Resend?
            while resend == nil, ContinuousClock.now < deadline {
                if let frames = try control.receive(timeout: .milliseconds(200)) { resend = try Resend(frames: frames) }
            }
            #expect(resend?.numbers == [1, 3])
            try valuation(3, -0.25)
            try valuation(1, 0.125)
            #expect(reduce.wait(timeout: .seconds(10)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(try jsonNumber("orders", in: reduce.output.text) == 4)
            #expect(try jsonNumber("total", in: reduce.output.text) == 5.375)
            #expect(try jsonNumber("duplicates", in: reduce.output.text) == 1)
            #expect(reduce.log.text.contains("dropped a result for order 9, outside the batch of 4"))
        }

        @Test("the source waits for EXIT without spinning once every order is pushed", .timeLimit(.minutes(1)))
        func sourceIdlesQuietly() async throws {
            let ports = Ports()
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "1", "--expect", "3", "--json"] + ports.reduce)
            // A second per order: the source has pushed all three long before EXIT comes.
            let worker = try ServiceProcess("valuz-worker", ["--name", "slow", "--work-time", "1"] + ports.worker)
            let source = try ServiceProcess("valuz-source", ["--count", "3", "--workers", "1"] + ports.source)
            #expect(try await source.log.appears("pushed 3 orders", within: .seconds(30)), "source log:\n\(source.log.text)")
            let before = try #require(source.cpuSeconds)
            try await Task.sleep(for: .milliseconds(1500))
            let used = try #require(source.cpuSeconds) - before
            print("valuz: the source used \(used) s of processor time in 1.5 s of waiting for EXIT")
            // Polling every 250 ms costs next to nothing; spinning costs the whole 1.5 s.
            #expect(used < 0.3, "the source used \(used) s of processor time while waiting")
            #expect(try await reduce.exitStatus(within: .seconds(20)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(try await source.exitStatus(within: .seconds(10)) == 0, "source log:\n\(source.log.text)")
            #expect(try await worker.exitStatus(within: .seconds(10)) == 0, "worker log:\n\(worker.log.text)")
        }

        @Test("a seed-format worker (Python, four-frame orders) is fed by valuz-source --seed-format", .enabled(if: pythonWithZMQ), .timeLimit(.minutes(1)))
        func seedFormatSource() throws {
            let ports = Ports()
            let file = try ValuzServiceTests.orderFile(count: 200, seed: 13)
            defer { try? FileManager.default.removeItem(at: file) }
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "1", "--expect", "200", "--json"] + ports.reduce)
            let worker = try ServiceProcess(python: ValuzServiceTests.pythonWorker, [ports.orders, ports.results, ports.control])
            let source = try ServiceProcess("valuz-source", ["--csv", file.path, "--seed-format"] + ports.source)
            #expect(reduce.wait(timeout: .seconds(30)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(source.wait() == 0, "source log:\n\(source.log.text)")
            #expect(worker.wait() == 0, "python worker: \(worker.log.text)")
            #expect(try jsonNumber("total", in: reduce.output.text) == Double(try ValuzServiceTests.pythonTotal(file)))
        }
    }
}

extension ISO8601DateFormatter {
    /// Reads the services' log stamps (`2026-12-02T01:53:33.084Z`).
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
