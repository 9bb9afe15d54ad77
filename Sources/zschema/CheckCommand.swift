import ArgumentParser

/// `zschema check`: diagnostics only.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check schemas and print diagnostics; exit with 1 if there is an error.")

    @OptionGroup var options: SchemaInputOptions

    func run() throws {
        _ = try checkedSchemas(options)
    }
}
