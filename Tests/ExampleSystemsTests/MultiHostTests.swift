import Foundation
import Testing

extension ExampleProgramSuites {
    /// The example systems across three hosts made of network namespaces (``NamespaceHosts``), with
    /// every endpoint passed by flag.
    @Suite(
        "across hosts (network namespaces)", .serialized,
        .enabled(if: NamespaceHosts.available, "needs root and iproute2 to make network namespaces (ip netns); skipped"))
    struct MultiHostTests {
        static let quickHeartbeat = ValuzFaultTests.quickHeartbeat

        @Test("valuz: source and reducer on host 1, workers on hosts 2 and 3; exact total, then again with host 3's link cut mid-run", .timeLimit(.minutes(3)))
        func valuzAcrossHosts() async throws {
            let network = try NamespaceHosts(count: 3)
            for cut in [false, true] {
                let file = try ValuzServiceTests.orderFile(count: 2000, seed: cut ? 22 : 21)
                defer { try? FileManager.default.removeItem(at: file) }
                let one = network.address(of: 1)
                let reduce = try ServiceProcess(
                    "valuz-reduce",
                    [
                        "--workers", "4", "--expect", "2000", "--json", "--resend-after", "1", "--pull-endpoint", "tcp://\(one):9005",
                        "--pub-endpoint", "tcp://\(one):9006",
                    ] + Self.quickHeartbeat, inNamespace: network.hosts[0])
                let workers = try [2, 2, 3, 3].enumerated().map { index, host in
                    try ServiceProcess(
                        "valuz-worker",
                        [
                            "--name", "h\(host)w\(index)", "--work-time", cut && host == 3 ? "5" : "0.002", "--pull-endpoint", "tcp://\(one):9004",
                            "--push-endpoint",
                            "tcp://\(one):9005", "--sub-endpoint", "tcp://\(one):9006",
                        ] + Self.quickHeartbeat, inNamespace: network.hosts[host - 1])
                }
                let source = try ServiceProcess(
                    "valuz-source",
                    ["--csv", file.path, "--workers", "4", "--push-endpoint", "tcp://\(one):9004", "--sub-endpoint", "tcp://\(one):9006"]
                        + Self.quickHeartbeat, inNamespace: network.hosts[0])
                // With the cut, host 3's workers take 5 s per order, so they still hold nearly all
                // of their share when the link goes down, however loaded the machine is.
                #expect(try await source.log.appears("pushed 2000 orders", within: .seconds(30)), "source log:\n\(source.log.text)")
                if cut { try network.setLink(of: 3, up: false) }
                #expect(try await reduce.exitStatus(within: .seconds(90)) == 0, "reduce log:\n\(reduce.log.text)\nsource log:\n\(source.log.text)")
                #expect(try await source.exitStatus(within: .seconds(10)) == 0, "source log:\n\(source.log.text)")
                let json = reduce.output.text
                print("valuz across hosts\(cut ? ", host 3's link cut mid-run" : ""): \(json)")
                #expect(try jsonNumber("orders", in: json) == 2000)
                #expect(try jsonNumber("total", in: json) == Double(try ValuzServiceTests.pythonTotal(file)))
                if cut {
                    #expect((ValuzFaultTests.pushedAgain(source) ?? 0) > 0, "source log:\n\(source.log.text)")
                    for worker in workers { worker.send(SIGKILL) }
                    try network.setLink(of: 3, up: true)
                } else {
                    for worker in workers { #expect(try await worker.exitStatus(within: .seconds(10)) == 0, "worker log:\n\(worker.log.text)") }
                }
            }
        }

        @Test("tickz: the server on host 2, subscribers on hosts 1 and 3", .timeLimit(.minutes(1)))
        func tickzAcrossHosts() async throws {
            let network = try NamespaceHosts(count: 3)
            let server = try ServiceProcess(
                "tickz-server", ["--endpoint", "tcp://\(network.address(of: 2)):9003", "--rate", "200"], inNamespace: network.hosts[1])
            defer { server.stop() }
            let clients = try [1, 3].map { host in
                try ServiceProcess(
                    "tickz-client", ["--endpoint", "tcp://\(network.address(of: 2)):9003", "--count", "20", "--plain", "AAPL", "IBM"],
                    inNamespace: network.hosts[host - 1])
            }
            for client in clients {
                #expect(try await client.exitStatus(within: .seconds(30)) == 0, "client log:\n\(client.log.text)")
                let symbols = Set(client.output.lines.compactMap { $0.split(separator: " ").first.map(String.init) })
                #expect(client.output.lines.count == 20 && symbols == ["AAPL", "IBM"], "\(client.name) printed:\n\(client.output.text)")
            }
        }
    }
}
