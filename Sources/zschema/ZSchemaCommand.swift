import ArgumentParser

/// `zschema`: checks frame schemas for ZeroMQ services and generates Swift from them.
@main
struct ZSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zschema",
        abstract: "Check ZeroMQ frame schemas and generate type-safe Swift from them.",
        discussion: """
            All schema files given to one command form one topology: connects are resolved to \
            binds across files, and linked sockets are checked against each other. A folder \
            stands for every *.zschema file below it.
            """,
        version: ZSchemaVersion.current,
        subcommands: [CompileCommand.self, CheckCommand.self, IRCommand.self, GraphCommand.self, KeygenCommand.self]
    )
}

/// The version `zschema --version` prints and generated files record.
enum ZSchemaVersion {
    static let current = "0.1.0"
}

/// The schema files or folders every subcommand takes.
struct SchemaInputOptions: ParsableArguments {
    @Argument(help: "Schema files (*.zschema) or folders that contain them.")
    var inputs: [String]

    @Flag(name: .customLong("no-warnings"), help: "Do not print warnings.")
    var suppressWarnings = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one schema file or folder.") }
    }
}
