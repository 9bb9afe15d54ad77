import Foundation
import Testing
import ZSchemaRuntime

extension ExampleProgramSuites {
    /// The programs that receive from a PUB (valuz-source, tickz-client) meet malformed messages:
    /// they log each, skip it, and go on with the next good one.
    @Suite("Bad input on subscribers", .serialized)
    struct ClientBadInputTests {
        /// Publishes `garbage` and then `good` until `program` shows it got the good one.
        private func publish(on endpoint: String, garbage: [[[UInt8]]], good: [[UInt8]], until done: () -> Bool) throws {
            let context = ZMQContext()
            let publisher = try ZMQSocket(context: context, type: .pub, linger: .zero)
            try publisher.bind(endpoint)
            defer { publisher.close() }
            let deadline = ContinuousClock.now + .seconds(15)
            while !done(), ContinuousClock.now < deadline {
                for frames in garbage { try publisher.send(frames: frames) }
                try publisher.send(frames: good)
                Thread.sleep(forTimeInterval: 0.1)
            }
        }

        @Test("valuz-source skips malformed control messages and starts on a good START", .timeLimit(.minutes(1)))
        func source() throws {
            let control = freeEndpoint(), orders = freeEndpoint()
            let context = ZMQContext()
            let pull = try ZMQSocket(context: context, type: .pull, linger: .zero)
            try pull.connect(orders)
            let source = try ServiceProcess("valuz-source", ["--count", "5", "--push-endpoint", orders, "--sub-endpoint", control])
            #expect(source.log.waitFor("waiting for START"))
            try publish(on: control, garbage: [[[0], [1]], [[0, 0]]], good: [[0]]) { source.log.text.contains("START received") }
            var received = 0
            while received < 5, try pull.receive(timeout: .seconds(5)) != nil { received += 1 }
            #expect(received == 5)
            // A RESEND with no numbers and one naming an order outside the batch are skipped too; EXIT ends it.
            try publish(on: control, garbage: [[[2]], [[2], [0, 0, 0, 9]], [[2], [0, 0, 9]]], good: [[1]]) {
                source.log.text.contains("EXIT:")
            }
            #expect(source.wait() == 0)
            #expect(source.log.text.contains("ignored 1 order numbers outside the batch"))
            #expect(try pull.receive(timeout: .milliseconds(200)) == nil, "nothing outside the batch may be pushed")
            #expect(source.log.text.contains("dropped a malformed control message"))
            pull.close()
        }

        @Test("tickz-client skips malformed ticks", .timeLimit(.minutes(1)))
        func client() throws {
            let endpoint = freeEndpoint()
            let client = try ServiceProcess("tickz-client", ["--endpoint", endpoint, "--count", "1", "IBM"])
            let price = withUnsafeBytes(of: (12.5).bitPattern.bigEndian, Array.init)
            try publish(
                on: endpoint,
                garbage: [[Array("IBM".utf8)], [Array("IBM".utf8), [1], price], [[0x49, 0x42, 0x4d, 0xff], price, price]],
                good: [Array("IBM".utf8), price, price]
            ) { client.output.text.contains("IBM 12.50") }
            #expect(client.wait() == 0)
            #expect(client.output.text.hasPrefix("IBM 12.50 "))
            #expect(client.log.text.contains("dropped a malformed tick"))
        }
    }
}
