import Foundation
import Testing

@Suite("zschema check, ir, graph and bad arguments")
struct OtherCommandTests {
    @Test("check: the project's schemas are clean, the seed is not")
    func check() throws {
        let clean = try zschema(["check", "Schemas"])
        #expect(clean.status == 0)
        #expect(clean.standardError.isEmpty)
        let seed = try zschema(["check", "Tests/ZSchemaCoreTests/Resources/seed"])
        #expect(seed.status == 1)
        #expect(seed.standardError.components(separatedBy: ": error: ").count - 1 == 2)
        #expect(seed.standardError.components(separatedBy: ": warning: ").count - 1 == 4)
        let quiet = try zschema(["check", "--no-warnings", "Tests/ZSchemaCoreTests/Resources/seed"])
        #expect(!quiet.standardError.contains("warning:"))
    }

    @Test("ir --json prints the checked model")
    func intermediateRepresentation() throws {
        let result = try zschema(["ir", "--json", "Schemas"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["formatVersion"] as? Int == 2)
        let services = try #require(json["services"] as? [[String: Any]])
        #expect(
            services.compactMap { $0["id"] as? String } == [
                "chatz.server", "chatz.client", "dealz", "tickz.server", "tickz.client", "valuz.source", "valuz.reduce", "valuz.worker",
            ])
        let messages = try #require(json["messages"] as? [[String: Any]])
        #expect(messages.contains { $0["name"] as? String == "Tick" })
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.contains { $0["connecting"] as? String == "tickz.client/sub" && $0["binding"] as? String == "tickz.server/pub" })
    }

    @Test("graph prints DOT with services, sockets, links and monitors")
    func graph() throws {
        let result = try zschema(["graph", "Schemas"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("digraph zschema {\n"))
        #expect(result.standardOutput.contains(#""tickz.server/pub" -> "tickz.client/sub" [label="Tick"];"#))
        #expect(result.standardOutput.contains(#""valuz.reduce/pub" -> "valuz.worker/sub" [label="Exit"];"#))
        #expect(result.standardOutput.contains(#""dealz/req" -> "dealz/req_monitor" [style=dashed, label="events"];"#))
        #expect(result.standardOutput.hasSuffix("}\n"))
    }

    @Test(
        "bad arguments get a clear message and a non-zero exit",
        arguments: [
            (["compile", "Schemas"], "Missing expected argument '--output <output>'"),
            (["check", "no/such/folder"], "error: no such file or folder: no/such/folder"),
            (["ir", "Schemas"], "Say --json"),
            (["check"], "Missing expected argument '<inputs> ...'"),
            (["frobnicate"], "Unexpected argument 'frobnicate'"),
            (["compile", "Schemas", "-o", "/tmp/x", "--access-level", "open"], "The value 'open' is invalid for '--access-level <access-level>'"),
        ])
    func badArguments(arguments: [String], message: String) throws {
        let result = try zschema(arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "stderr: \(result.standardError)")
    }

    @Test("a file that is not UTF-8 is reported with its path", .timeLimit(.minutes(1)))
    func notUTF8() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.zschema")
        try Data([0x73, 0x2e, 0x61, 0xff, 0x0a]).write(to: file)
        let result = try zschema(["check", file.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(file.path):1:1: error: the file is not valid UTF-8"))
    }

    @Test("--help describes every subcommand", arguments: ["compile", "check", "ir", "graph"])
    func help(subcommand: String) throws {
        let result = try zschema([subcommand, "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: zschema \(subcommand)"))
    }
}

/// The README's topology picture: its DOT source is what `zschema graph Schemas` prints, and the
/// committed SVG (rendered by Graphviz's `dot`) draws exactly the sockets of that source.
@Suite("Topology picture")
struct TopologyPictureTests {
    @Test("docs/topology.dot is today's graph, and docs/topology.svg is drawn from it")
    func pictureIsCurrent() throws {
        let graph = try zschema(["graph", "Schemas", "--no-warnings"])
        #expect(graph.status == 0)
        let dot = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/topology.dot"), encoding: .utf8)
        #expect(
            graph.standardOutput == dot, "regenerate: swift run zschema graph Schemas > docs/topology.dot && dot -Tsvg docs/topology.dot -o docs/topology.svg")
        let svg = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/topology.svg"), encoding: .utf8)
        // Graphviz gives each node a <title> with its id.
        let nodes = Set(
            dot.split(separator: "\n").compactMap { line -> String? in
                let text = line.trimmingCharacters(in: .whitespaces)
                guard text.hasPrefix("\""), text.contains("[label="), !text.contains("->") else { return nil }
                return String(text.dropFirst().prefix { $0 != "\"" })
            })
        let titles = Set(
            svg.components(separatedBy: "<title>").dropFirst().compactMap { $0.components(separatedBy: "</title>").first }
                .filter { !$0.contains("&#45;&gt;") && !$0.hasPrefix("cluster") && $0 != "zschema" })
        #expect(nodes.count > 20)
        #expect(titles == nodes)
    }
}
