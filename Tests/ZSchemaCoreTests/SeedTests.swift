import Testing

@testable import ZSchemaCore

@Suite("The seed's examples")
struct SeedTests {
    @Test("parse verbatim, typos included, with no syntax error")
    func parseVerbatim() throws {
        for file in try seedFiles() {
            let (syntax, diagnostics) = Parser.parse(file)
            #expect(diagnostics.isEmpty, "\(file.path): \(diagnostics)")
            #expect(!syntax.services.isEmpty)
        }
    }

    @Test("the tree keeps services, metadata, sockets, messages and doc comments")
    func structure() throws {
        let files = try seedFiles()
        let dealz = Parser.parse(files[1]).syntax.services[0]
        #expect(dealz.name.value == "dealz")
        #expect(dealz.metadata.map(\.value) == ["F#", "?FunScript", "?WebAPI", "?ServiceStack"])
        #expect(dealz.sockets.count == 12)
        #expect(dealz.sockets[0].documentation == ["chatz, on bg thread"])
        let valuz = Parser.parse(files[3]).syntax.services
        #expect(valuz.map(\.name.value) == ["valuz.source", "valuz.reduce", "valuz.worker"])
        let reducePub = valuz[1].sockets[1]
        #expect(reducePub.messages.count == 2)
        #expect(reducePub.messages[1].documentation == ["to worker(s), after completion"])
        #expect(valuz[2].sockets[1].documentation == ["sends \"ready\" signal to reducer", "sends calculated result to reducer"])
        let source = valuz[0].sockets[0].messages[0]
        #expect(source.frames.count == 4)
        #expect(source.frames[0].location == SourceLocation(file: "seed/valuz.zschema", line: 4, column: 6))
    }

    @Test("the checker reports the seed's inconsistencies and nothing else")
    func diagnostics() throws {
        let result = Checker.check(try seedFiles())
        let lines = result.diagnostics.map {
            "\($0.location.file.split(separator: "/").last!):\($0.location.line):\($0.location.column): \($0.severity.rawValue)"
        }
        #expect(
            lines == [
                "valuz.zschema:3:3: warning",  // 9004 bound by dealz too
                "valuz.zschema:14:3: warning",  // 9005
                "valuz.zschema:19:3: warning",  // 9006
                "valuz.zschema:21:3: warning",  // START and EXIT are both 0uy
                "valuz.zschema:33:3: error",  // EXIT = 1uy matches nothing valuz.reduce publishes
                "valuz.zschema:33:3: error",  // ... nor what dealz publishes
            ])
        let messages = result.diagnostics.map(\.message)
        #expect(messages[3].contains("can match the same frames"))
        #expect(
            messages[4]
                == "subscription [EXIT = 1 u8] matches no message that valuz.reduce's PUB (tcp://*:9006) publishes; EXIT is 1 here but 0 in valuz.reduce")
        #expect(messages[5].hasSuffix("EXIT is 1 here but 0 in dealz"))
    }

    @Test("the project's corrected schemas check clean")
    func projectSchemasClean() throws {
        let result = Checker.check(try projectSchemas())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.ir.links.count == 10)
        let worker = try #require(result.ir.services.first { $0.id == "valuz.worker" })
        #expect(worker.sockets.map(\.receives) == [.union("Order|NumberedOrder"), nil, .message("Exit")])
        #expect(worker.sockets.map(\.sends) == [nil, .union("Ready|Valuation|NumberedValuation"), nil])
        let dealz = try #require(result.ir.services.first { $0.id == "dealz" })
        #expect(
            dealz.sockets.map(\.name) == [
                "req", "chatz_sub", "tickz_sub", "push", "pull", "pub", "req_monitor", "chatz_sub_monitor", "tickz_sub_monitor", "push_monitor", "pull_monitor",
                "pub_monitor",
            ])
        #expect(dealz.sockets.map(\.nameOrigin) == Array(repeating: .derived, count: 12))
        // The Swift backend spells them as properties.
        let names = SwiftGenerator(ir: result.ir).names
        #expect(
            names.services["dealz"]?.properties == [
                "req", "chatzSub", "tickzSub", "push", "pull", "pub", "reqMonitor", "chatzSubMonitor", "tickzSubMonitor", "pushMonitor", "pullMonitor",
                "pubMonitor",
            ])
        #expect(names.unions["Ready|Valuation"]?.type == "ReadyOrValuation")
        #expect(dealz.sockets[6].monitoredSocket == "dealz/req")
    }
}
