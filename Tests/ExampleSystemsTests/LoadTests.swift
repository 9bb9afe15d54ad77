import ExampleSystems
import Foundation
import Testing
import ZSchemaRuntime

extension ExampleProgramSuites {
    /// valuz and chatz under load, with the counts printed.
    @Suite("valuz and chatz under load", .serialized)
    struct LoadTests {
        @Test("valuz pushes a million orders through high-water marks of 10 and loses none", .timeLimit(.minutes(5)))
        func millionOrders() async throws {
            let ports = ValuzServiceTests.Ports()
            let count = 1_000_000
            let file = try ValuzServiceTests.orderFile(count: count, seed: 31)
            defer { try? FileManager.default.removeItem(at: file) }
            // Small queues are the point; heartbeats and RESEND are set long, so that a test run's
            // load on two cores cannot make either step in (other tests cover them).
            let small = ["--high-water-mark", "10", "--heartbeat-timeout", "30"]
            let started = ContinuousClock.now
            let reduce = try ServiceProcess(
                "valuz-reduce", ["--workers", "2", "--expect", "\(count)", "--json", "--resend-after", "30"] + small + ports.reduce)
            let workers = try (0..<2).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + small + ports.worker) }
            // The same orders as the file (OrderFile.random), made up by the source rather than parsed.
            let source = try ServiceProcess("valuz-source", ["--count", "\(count)", "--seed", "31", "--workers", "2"] + small + ports.source)
            #expect(try await reduce.exitStatus(within: .seconds(240)) == 0, "reduce log:\n\(reduce.log.text)")
            let elapsed = ContinuousClock.now - started
            #expect(try await source.exitStatus(within: .seconds(10)) == 0, "source log:\n\(source.log.text)")
            for worker in workers { #expect(try await worker.exitStatus(within: .seconds(10)) == 0, "worker log:\n\(worker.log.text)") }
            let json = reduce.output.text
            print(
                "valuz: \(count) orders, high-water marks 10, 2 workers (debug build) in \(elapsed): \(json.prefix(60))…; valued per worker \(workers.map(\.valuedOrders)); reducer \(reduce.log.lines.last ?? "")"
            )
            #expect(try jsonNumber("orders", in: json) == Double(count))
            #expect(try jsonNumber("total", in: json) == Double(try ValuzServiceTests.pythonTotal(file)))
            // PUSH blocks at the high-water mark instead of dropping: nothing had to be pushed again.
            #expect(ValuzFaultTests.pushedAgain(source) == 0, "source log:\n\(source.log.text)")
            #expect(try jsonNumber("duplicates", in: json) == 0)
        }

        @Test("chatz-server answers 200 clients at once over 10,000 joins, and forgets expired users", .timeLimit(.minutes(3)))
        func chatzJoins() async throws {
            let router = freeEndpoint(), pub = freeEndpoint()
            let server = try ServiceProcess("chatz-server", ["--router-endpoint", router, "--pub-endpoint", pub, "--ttl", "0.5", "--stats-every", "0.5"])
            defer { server.stop() }
            #expect(try await server.log.appears("requests on"))
            let context = ZMQContext()
            defer { context.shutdown() }
            // 200 REQ sockets, each its own connection, as 200 chat clients would be.
            let clients = try (0..<200).map { _ in
                let socket = try ZMQSocket(context: context, type: .req, linger: .zero)
                try socket.connect(router)
                return Requester<ChatRequest, UserListOrNoUsers>(socket: socket)
            }
            defer { for client in clients { client.socket.close() } }
            var resident: [Double] = []
            var largestList = 0
            for round in 0..<50 {
                for (index, client) in clients.enumerated() { try client.send(ChatRequest(usr: "u\(round)x\(index)")) }
                // The replies are collected without blocking, the task sleeping between sweeps, so
                // this loop does not hold a thread of the cooperative pool for its 15 s.
                var pending = Set(clients.indices)
                let deadline = ContinuousClock.now + .seconds(10)
                while !pending.isEmpty, ContinuousClock.now < deadline {
                    for index in pending.sorted() {
                        guard let reply = try clients[index].receive(timeout: .zero) else { continue }
                        pending.remove(index)
                        guard case .userList(let list) = reply else {
                            Issue.record("client \(index) got \(reply)")
                            continue
                        }
                        #expect(list.usr.contains("u\(round)x\(index)"))
                        largestList = max(largestList, list.usr.count)
                    }
                    if !pending.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
                }
                #expect(pending.isEmpty, "\(pending.count) clients got no reply in round \(round)")
                if round % 10 == 9 { resident.append(server.residentMegabytes ?? -1) }
            }
            // Everyone above has been silent for more than the TTL: a new user is alone.
            try await Task.sleep(for: .milliseconds(800))
            try clients[0].send(ChatRequest(usr: "last"))
            let last = try #require(try clients[0].receive(timeout: .seconds(10)))
            #expect(last == .userList(UserList(usr: ["last"])), "expired users are still listed: \(last)")
            // The server's own figures, every 0.5 s: "N users; heap in use X MiB". The heap in use
            // (glibc's count of bytes allocated and not freed) is flat to a few KiB over the joins,
            // as massif also shows; resident memory creeps by a few MiB with the allocator's
            // fragmentation, leak or not, so it is printed and not judged.
            let heap = server.log.lines.compactMap { line -> Double? in
                guard line.contains(" users; heap in use "), let figure = line.split(separator: " ").dropLast().last else { return nil }
                return Double(figure)
            }
            print(
                "chatz: 10,000 joins from 200 concurrent clients; largest user list \(largestList); server heap in use every 0.5 s \(heap.map { ($0 * 1000).rounded() / 1000 }) MiB; RSS after every 2,000 joins \(resident) MiB"
            )
            // The first two may be taken while the 200 connections and their buffers are set up.
            let settled = heap.dropFirst(2)
            try #require(settled.count >= 10, "too few heap figures in the server's log: \(heap)")
            let growth = settled.max()! - settled.first!
            // Half a KiB kept per join (what a formatter per log line once cost) would be 5 MiB.
            #expect(growth < 0.5, "the server's heap grew by \(growth) MiB over 10,000 joins: \(heap)")
        }
    }
}
