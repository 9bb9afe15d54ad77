import ExampleSystems
import Foundation
import Testing
import ZSchemaRuntime

/// valuz and chatz under load, with the counts printed.
@Suite("valuz and chatz under load", .serialized)
struct LoadTests {
    @Test("valuz pushes a million orders through high-water marks of 10 and loses none", .timeLimit(.minutes(5)))
    func millionOrders() throws {
        let ports = ValuzServiceTests.Ports()
        let count = 1_000_000
        let file = try ValuzServiceTests.orderFile(count: count, seed: 31)
        defer { try? FileManager.default.removeItem(at: file) }
        let small = ["--high-water-mark", "10"]
        let started = ContinuousClock.now
        let reduce = try ServiceProcess("valuz-reduce", ["--workers", "2", "--expect", "\(count)", "--json"] + small + ports.reduce)
        let workers = try (0..<2).map { try ServiceProcess("valuz-worker", ["--name", "w\($0)"] + small + ports.worker) }
        let source = try ServiceProcess("valuz-source", ["--csv", file.path, "--workers", "2"] + small + ports.source)
        #expect(reduce.wait(timeout: .seconds(240)) == 0, "reduce log:\n\(reduce.log.text)")
        let elapsed = ContinuousClock.now - started
        #expect(source.wait() == 0, "source log:\n\(source.log.text)")
        for worker in workers { #expect(worker.wait() == 0, "worker log:\n\(worker.log.text)") }
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
    func chatzJoins() throws {
        let router = freeEndpoint(), pub = freeEndpoint()
        let server = try ServiceProcess("chatz-server", ["--router-endpoint", router, "--pub-endpoint", pub, "--ttl", "0.5"])
        defer { server.stop() }
        #expect(server.log.waitFor("requests on"))
        let context = ZMQContext()
        defer { context.shutdown() }
        // 200 REQ sockets, each its own connection, as 200 chat clients would be.
        let clients = try (0..<200).map { _ in
            let socket = try ZMQSocket(context: context, type: .req, linger: .zero)
            try socket.connect(router)
            return Requester<ChatRequest, UserListOrNoUsers>(socket: socket)
        }
        defer { for client in clients { client.socket.close() } }
        var memory: [Double] = []
        var largestList = 0
        for round in 0..<50 {
            for (index, client) in clients.enumerated() { try client.send(ChatRequest(usr: "u\(round)x\(index)")) }
            for (index, client) in clients.enumerated() {
                let reply = try #require(try client.receive(timeout: .seconds(10)), "client \(index) got no reply in round \(round)")
                guard case .userList(let list) = reply else {
                    Issue.record("client \(index) got \(reply)")
                    continue
                }
                #expect(list.usr.contains("u\(round)x\(index)"))
                largestList = max(largestList, list.usr.count)
            }
            if round % 10 == 9 { memory.append(server.residentMegabytes ?? -1) }
        }
        // Everyone above has been silent for more than the TTL: a new user is alone.
        Thread.sleep(forTimeInterval: 0.8)
        try clients[0].send(ChatRequest(usr: "last"))
        let last = try #require(try clients[0].receive(timeout: .seconds(10)))
        #expect(last == .userList(UserList(usr: ["last"])), "expired users are still listed: \(last)")
        print("chatz: 10,000 joins from 200 concurrent clients; largest user list \(largestList); server RSS after every 2,000 joins \(memory) MiB")
        let growth = (memory.last ?? 0) - (memory.first ?? 0)
        #expect(memory.allSatisfy { $0 > 0 } && growth < 4, "the server's memory grew by \(growth) MiB: \(memory)")
    }
}
