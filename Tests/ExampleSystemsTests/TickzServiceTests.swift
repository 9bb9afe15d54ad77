import Foundation
import Testing

extension ExampleProgramSuites {
    @Suite("tickz services", .serialized)
    struct TickzServiceTests {
        @Test("a client gets exactly its symbols with plausible values; both stop on SIGINT", .timeLimit(.minutes(1)))
        func subscribe() throws {
            let endpoint = freeEndpoint()
            let server = try ServiceProcess("tickz-server", ["--endpoint", endpoint, "--rate", "400", "--symbols", "AAPL,AAPLX,MSFT,IBM", "--seed", "7"])
            #expect(server.log.waitFor("publishing 4 symbols"))
            let client = try ServiceProcess("tickz-client", ["--endpoint", endpoint, "--count", "40", "AAPL", "IBM"])
            #expect(client.wait(timeout: .seconds(20)) == 0, "client log: \(client.log.text)")
            let lines = client.output.lines
            #expect(lines.count == 40)
            let now = Date().timeIntervalSince1970
            for line in lines {
                let fields = line.split(separator: " ")
                #expect(fields.count == 3)
                #expect(fields.first == "AAPL" || fields.first == "IBM", "unexpected line \(line)")  // never AAPLX
                let price = Double(fields[1]) ?? -1
                let timestamp = Double(fields[2]) ?? 0
                #expect(price > 0 && price < 1_000_000)
                #expect(abs(timestamp - now) < 120)
            }
            #expect(Set(lines.compactMap { $0.split(separator: " ").first.map(String.init) }) == ["AAPL", "IBM"])
            server.stop()
            #expect(server.log.text.contains("stopped after"))
        }

        @Test(
            "on a terminal the client draws a live table in place", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")),
            .timeLimit(.minutes(1)))
        func liveTable() throws {
            let endpoint = freeEndpoint()
            let server = try ServiceProcess("tickz-server", ["--endpoint", endpoint, "--rate", "200", "--symbols", "AAPL,MSFT"])
            #expect(server.log.waitFor("publishing"))
            let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
            // script(1) gives the client a pseudo-terminal, as a user's shell would.
            let terminal = try ServiceProcess(
                shell: "/usr/bin/script", ["-qec", "\(products)/tickz-client --endpoint \(endpoint) --count 30 AAPL MSFT", "/dev/null"])
            #expect(terminal.wait(timeout: .seconds(20)) == 0)
            let screen = terminal.output.text
            #expect(screen.contains("\u{1B}[H\u{1B}[2J"))  // cursor home and clear: redrawn in place
            #expect(screen.contains("SYMBOL        LAST     CHANGE   CHANGE%   TICKS/S"))
            #expect(screen.contains("AAPL ") && screen.contains("MSFT "))
            // Every AAPL line is a table row (with a change in percent), none a plain tick line.
            let rows = screen.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("AAPL") }
            #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("%") })
            server.stop()
        }

        @Test("bad arguments are refused with a clear message")
        func badArguments() throws {
            let server = try ServiceProcess("tickz-server", ["--symbols", "aapl"])
            #expect(server.wait() != 0)
            #expect(server.log.text.contains("'aapl' is not a symbol the schema allows"))
            let client = try ServiceProcess("tickz-client", ["lower"])
            #expect(client.wait() != 0)
            #expect(client.log.text.contains("'lower' is not a symbol the schema allows"))
        }

        @Test("a Python subscriber reads the server's ticks by the documented wire format", .enabled(if: pythonWithZMQ), .timeLimit(.minutes(1)))
        func pythonSubscriber() throws {
            let endpoint = freeEndpoint()
            let server = try ServiceProcess("tickz-server", ["--endpoint", endpoint, "--rate", "400", "--symbols", "AAPL,MSFT"])
            let script = #"""
                import struct, sys, time, zmq
                sub = zmq.Context().socket(zmq.SUB); sub.RCVTIMEO = 10000
                sub.connect(sys.argv[1]); sub.setsockopt(zmq.SUBSCRIBE, b"MSFT")
                for _ in range(20):
                    symbol, ts, price = sub.recv_multipart()
                    assert symbol == b"MSFT", symbol
                    (ts,), (price,) = struct.unpack(">d", ts), struct.unpack(">d", price)
                    assert abs(ts - time.time()) < 120 and 0 < price < 1e6, (ts, price)
                print("ok")
                """#
            let python = try ServiceProcess(python: script, [endpoint])
            #expect(python.wait(timeout: .seconds(30)) == 0, "python: \(python.log.text)")
            #expect(python.output.text == "ok\n")
            server.stop()
        }
    }
}
