import ArgumentParser
import Foundation
import ZSchemaCore

/// `zschema ir --json`: the checked model for other generators.
struct IRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ir",
        abstract: "Print the checked model of the schemas (shape documented in docs/IR.md).")

    @OptionGroup var options: SchemaInputOptions

    @Flag(help: "Print JSON (the only format so far; required so that scripts say what they parse).")
    var json = false

    func validate() throws {
        if !json { throw ValidationError("Say --json: the IR is printed as JSON.") }
    }

    func run() throws {
        let (_, result) = try checkedSchemas(options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(result.ir))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
