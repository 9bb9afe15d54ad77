import Foundation
import Testing

extension ExampleProgramSuites {
    /// tickz-server under load with a subscriber that stops reading.
    @Suite("tickz under load", .serialized)
    struct TickzLoadTests {
        /// What tickz-server's closing line says: ticks per second and peak memory in MiB.
        static func figures(_ log: String) throws -> (rate: Double, peak: Double) {
            let line = try #require(log.split(separator: "\n").last { $0.contains("stopped after") }, "no closing line in:\n\(log)")
            let rate = try #require(line.split(separator: "(").last?.split(separator: " ").first.flatMap { Double($0) })
            let peak = try #require(line.split(separator: "peak memory ").last?.split(separator: " ").first.flatMap { Double($0) })
            return (rate, peak)
        }

        /// Runs tickz-server flat out for `ticks` ticks, with heartbeats off so that a frozen
        /// subscriber stays connected; `during` runs once it has started.
        static func run(ticks: Int, during: (String) async throws -> Void = { _ in }) async throws -> (rate: Double, peak: Double) {
            let endpoint = freeEndpoint()
            let server = try ServiceProcess(
                "tickz-server", ["--endpoint", endpoint, "--rate", "1000000", "--count", "\(ticks)", "--heartbeat-interval", "0"])
            #expect(try await server.log.appears("publishing"))
            try await during(endpoint)
            #expect(try await server.exitStatus(within: .seconds(120)) == 0, "server log:\n\(server.log.text)")
            return try figures(server.log.text)
        }

        @Test("a frozen subscriber neither stalls tickz-server nor grows its memory: PUB drops at the high-water mark", .timeLimit(.minutes(3)))
        func frozenSubscriber() async throws {
            let ticks = 300_000
            let alone = try await Self.run(ticks: ticks)
            var frozen: ServiceProcess?
            let withFrozen = try await Self.run(ticks: ticks) { endpoint in
                let client = try ServiceProcess("tickz-client", ["--endpoint", endpoint, "--plain"])
                // Frozen once it is subscribed and receiving, so the server has a pipe to it that fills.
                #expect(try await client.output.appears(" "), "client log:\n\(client.log.text)")
                client.send(SIGSTOP)
                frozen = client
            }
            defer {
                frozen?.send(SIGCONT)
                frozen?.send(SIGKILL)
            }
            print(
                "tickz: \(ticks) ticks flat out: alone \(Int(alone.rate)) ticks/s, peak \(alone.peak) MiB; with a frozen subscriber \(Int(withFrozen.rate)) ticks/s, peak \(withFrozen.peak) MiB"
            )
            // Queued without bound (a high-water mark of 0, tried), the frozen subscriber's ticks
            // raised the peak by 24 MiB; the default mark (1,000 messages) keeps it within 1 MiB.
            #expect(withFrozen.peak < alone.peak + 8, "peak memory grew from \(alone.peak) to \(withFrozen.peak) MiB")
            // A server that stalled on the frozen subscriber would not have finished at all; the rate
            // is only checked loosely, as the rest of the test run shares the two cores.
            #expect(withFrozen.rate > alone.rate * 0.25, "the rate fell from \(alone.rate) to \(withFrozen.rate) ticks/s")
        }
    }
}
