import ExampleSystems
import Foundation
import Testing
import ZSchemaRuntime

extension ExampleProgramSuites {
    @Suite("valuz services", .serialized)
    struct ValuzServiceTests {
        struct Ports {
            let orders = freeEndpoint(), results = freeEndpoint(), control = freeEndpoint()
            var worker: [String] { ["--pull-endpoint", orders, "--push-endpoint", results, "--sub-endpoint", control] }
            var reduce: [String] { ["--pull-endpoint", results, "--pub-endpoint", control] }
            var source: [String] { ["--push-endpoint", orders, "--sub-endpoint", control] }
        }

        /// Writes `count` random orders as CSV and returns the file.
        static func orderFile(count: Int, seed: UInt64) throws -> URL {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("valuz-\(seed)-\(count)-\(UUID().uuidString).csv")
            try OrderFile.csv(OrderFile.random(count: count, seed: seed)).write(to: url, atomically: true, encoding: .utf8)
            return url
        }

        /// The exact total of a CSV file as Python's math.fsum computes it, independently of zschema.
        static func pythonTotal(_ file: URL) throws -> String {
            let script = #"""
                import csv, math, sys
                rows = list(csv.DictReader(open(sys.argv[1])))
                print(repr(math.fsum(int(r["shares"]) * float(r["price"]) * (-1 if r["action"] == "SELL" else 1) for r in rows)))
                """#
            let python = try ServiceProcess(python: script, [file.path])
            #expect(python.wait(timeout: .seconds(120)) == 0, "python: \(python.log.text)")
            return python.output.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// A seed-format valuz worker in Python: four-frame orders in, two-frame valuations out.
        static let pythonWorker = #"""
            import struct, sys, zmq
            ctx = zmq.Context()
            pull = ctx.socket(zmq.PULL); pull.connect(sys.argv[1])
            push = ctx.socket(zmq.PUSH); push.connect(sys.argv[2])
            sub = ctx.socket(zmq.SUB); sub.connect(sys.argv[3]); sub.setsockopt(zmq.SUBSCRIBE, bytes([1]))
            push.send_multipart([bytes([2])])                      # READY
            poller = zmq.Poller(); poller.register(pull, zmq.POLLIN); poller.register(sub, zmq.POLLIN)
            while True:
                events = dict(poller.poll(60000))
                if sub in events:
                    break                                         # EXIT
                stock, action, shares, price = pull.recv_multipart()
                value = struct.unpack(">i", shares)[0] * struct.unpack(">d", price)[0] * (-1 if action == bytes([1]) else 1)
                push.send_multipart([stock, struct.pack(">d", value)])
            print("ok")
            """#

        /// Runs reduce, `workers` Swift workers and a source over `file`; returns the reducer's JSON.
        static func run(file: URL, orders: Int, workers: Int, extraWorkers: [ServiceProcess] = [], ports: Ports = Ports()) throws -> [String: Any] {
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "\(workers + extraWorkers.count)", "--expect", "\(orders)", "--json"] + ports.reduce)
            let swiftWorkers = try (0..<workers).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + ports.worker) }
            let source = try ServiceProcess("valuz-source", ["--csv", file.path] + ports.source)
            #expect(reduce.wait(timeout: .seconds(60)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(source.wait() == 0, "source log:\n\(source.log.text)")
            for worker in swiftWorkers { #expect(worker.wait() == 0, "worker log:\n\(worker.log.text)") }
            var object = try #require(
                try JSONSerialization.jsonObject(with: Data(reduce.output.text.utf8)) as? [String: Any], "reduce printed: \(reduce.output.text)")
            object["_text"] = reduce.output.text
            return object
        }

        @Test("totals match the exact sum of the input for 1 to 4 workers", .timeLimit(.minutes(2)), arguments: [1, 2, 3, 4])
        func exactTotals(workers: Int) throws {
            let file = try Self.orderFile(count: 3000, seed: UInt64(workers))
            defer { try? FileManager.default.removeItem(at: file) }
            let json = try Self.run(file: file, orders: 3000, workers: workers)
            #expect(json["orders"] as? Int == 3000)
            #expect(try jsonNumber("total", in: try #require(json["_text"] as? String)) == Double(try Self.pythonTotal(file)))
            let bySymbol = try #require(json["bySymbol"] as? [String: NSNumber])
            #expect(Set(bySymbol.keys).isSubset(of: ["AAPL", "MSFT", "GOOG", "AMZN", "IBM", "NVDA", "TSLA", "META"]))
        }

        @Test("with --workers the source waits for every worker's order connection, so each gets a share", .timeLimit(.minutes(1)))
        func everyWorkerGetsAShare() throws {
            let ports = Ports()
            let file = try Self.orderFile(count: 300, seed: 5)
            defer { try? FileManager.default.removeItem(at: file) }
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "3", "--expect", "300", "--json"] + ports.reduce)
            let workers = try (0..<3).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + ports.worker) }
            let source = try ServiceProcess("valuz-source", ["--csv", file.path, "--workers", "3"] + ports.source)
            #expect(reduce.wait(timeout: .seconds(30)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(source.wait() == 0, "source log:\n\(source.log.text)")
            for worker in workers { #expect(worker.wait() == 0, "worker log:\n\(worker.log.text)") }
            let valued = workers.map(\.valuedOrders)
            #expect(valued.reduce(0, +) == 300 && valued.allSatisfy { $0 > 0 }, "orders valued per worker: \(valued)")
            #expect(!source.log.text.contains("pushing anyway"))
        }

        @Test("the source reports CSV errors with their line")
        func csvErrors() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
            try "symbol,action,shares,price\nAAPL,BUY,10,1.5\nAAPL,HOLD,1,1\n".write(to: url, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: url) }
            let source = try ServiceProcess("valuz-source", ["--csv", url.path])
            #expect(source.wait() != 0)
            #expect(source.log.text.contains(":3: action must be BUY or SELL, not 'HOLD'"))
        }

        @Test("a Python worker alongside Swift workers, fed by a Python source", .enabled(if: pythonWithZMQ), .timeLimit(.minutes(2)))
        func pythonPeers() throws {
            let ports = Ports()
            let file = try Self.orderFile(count: 1000, seed: 99)
            defer { try? FileManager.default.removeItem(at: file) }
            let source = #"""
                import csv, struct, sys, zmq
                ctx = zmq.Context()
                push = ctx.socket(zmq.PUSH); push.setsockopt(zmq.LINGER, 10000); push.bind(sys.argv[1])
                sub = ctx.socket(zmq.SUB); sub.RCVTIMEO = 60000; sub.connect(sys.argv[2]); sub.setsockopt(zmq.SUBSCRIBE, bytes([0]))
                assert sub.recv_multipart() == [bytes([0])]           # START
                for r in csv.DictReader(open(sys.argv[3])):
                    push.send_multipart([r["symbol"].encode(), bytes([1 if r["action"] == "SELL" else 0]),
                                         struct.pack(">i", int(r["shares"])), struct.pack(">d", float(r["price"]))])
                print("ok")
                """#
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "3", "--expect", "1000", "--json"] + ports.reduce)
            let python = try ServiceProcess(python: Self.pythonWorker, [ports.orders, ports.results, ports.control])
            let swiftWorkers = try (0..<2).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + ports.worker) }
            let pythonSource = try ServiceProcess(python: source, [ports.orders, ports.control, file.path])
            #expect(reduce.wait(timeout: .seconds(60)) == 0, "reduce log:\n\(reduce.log.text)")
            #expect(pythonSource.wait() == 0, "python source: \(pythonSource.log.text)")
            #expect(python.wait() == 0, "python worker: \(python.log.text)")
            for worker in swiftWorkers { #expect(worker.wait() == 0) }
            var json = try #require(try JSONSerialization.jsonObject(with: Data(reduce.output.text.utf8)) as? [String: Any])
            json["_text"] = reduce.output.text
            #expect(try jsonNumber("total", in: try #require(json["_text"] as? String)) == Double(try Self.pythonTotal(file)))
        }

        @Test("bad results and orders are logged and skipped; good ones still count", .timeLimit(.minutes(1)))
        func badInput() throws {
            let ports = Ports()
            let reduce = try ServiceProcess("valuz-reduce", ["--workers", "1", "--expect", "2", "--json", "--resend-after", "60"] + ports.reduce)
            let worker = try ServiceProcess("valuz-worker", ["--name", "w"] + ports.worker)
            #expect(reduce.log.waitFor("START"))
            let context = ZMQContext()
            // Hostile frames straight into the reducer's PULL.
            let results = try ZMQSocket(context: context, type: .push, linger: .seconds(1))
            try results.connect(ports.results)
            for frames: [[UInt8]] in [
                [[7]], [Array("IBM".utf8), [1, 2, 3]], [[0xff], [0, 0, 0, 0, 0, 0, 0, 0]], [Array("ibm".utf8), [0, 0, 0, 0, 0, 0, 0, 0]], [],
            ] where !frames.isEmpty {
                try results.send(frames: frames)
            }
            // A 100 MB frame from another peer: libzmq drops that peer; the reducer goes on.
            try sendHugeFrame(to: ports.results, context: context)
            try results.send(frames: [Array("IBM".utf8), withUnsafeBytes(of: (2.5).bitPattern.bigEndian, Array.init)])
            // And into the worker's PULL, from a fake source: an unknown action, then a good order.
            let orders = try ZMQSocket(context: context, type: .push, linger: .seconds(1))
            try orders.bind(ports.orders)
            try orders.send(frames: [Array("IBM".utf8), [9], [0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0]])
            try orders.send(frames: [Array("IBM".utf8), [0], [0, 0, 0, 2], withUnsafeBytes(of: (1.25).bitPattern.bigEndian, Array.init)])
            #expect(reduce.wait(timeout: .seconds(20)) == 0)
            #expect(reduce.output.text == "{\"orders\": 2, \"total\": 5.0, \"bySymbol\": {\"IBM\": 5.0}, \"duplicates\": 0, \"askedAgain\": 0}\n")
            #expect(reduce.log.text.components(separatedBy: "dropped a malformed result").count - 1 == 4)
            #expect(worker.wait() == 0)
            #expect(worker.log.text.contains("dropped a malformed message"))
            results.close(); orders.close()
        }
    }
}
