import ArgumentParser
import Foundation
import ZSchemaCore

/// `zschema graph`: the topology as Graphviz DOT.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the topology as Graphviz DOT: services, sockets, links and messages.",
        discussion: "Render with, for example: zschema graph Schemas | dot -Tsvg > topology.svg")

    @OptionGroup var options: SchemaInputOptions

    func run() throws {
        let (_, result) = try checkedSchemas(options)
        FileHandle.standardOutput.write(Data(GraphRenderer.dot(result.ir).utf8))
    }
}
