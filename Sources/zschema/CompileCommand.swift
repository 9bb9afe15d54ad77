import ArgumentParser
import Foundation
import ZSchemaCore

/// `zschema compile`: check, then write one Swift file per schema.
struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Check schemas and generate one Swift file per schema file.",
        discussion: """
            X.zschema becomes X.swift in the output folder. Files whose contents did not change \
            are left alone, so builds that watch them do not redo work.
            """)

    @OptionGroup var options: SchemaInputOptions

    @Option(name: .shortAndLong, help: "The folder to write the Swift files to (created if missing).")
    var output: String

    @Flag(help: "Write every output even when unchanged (the build plugin needs fresh timestamps).")
    var alwaysWrite = false

    @Option(help: "The access level of generated declarations: public or internal.")
    var accessLevel: AccessLevel = .public

    func run() throws {
        let (files, result) = try checkedSchemas(options, accessLevel: accessLevel)
        let generated = result.generator.generate(files: files)
        let manager = FileManager.default
        try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
        var names = Set<String>()
        for file in generated where !names.insert(file.name).inserted {
            FileHandle.standardError.write(
                Data("error: two schema files are both called \(file.name.dropLast(6)).zschema; their outputs would overwrite each other\n".utf8))
            throw ExitCode.failure
        }
        do { try OutputWriter.write(generated, to: output, always: alwaysWrite) } catch let failure as OutputWriter.Failure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            throw ExitCode.failure
        }
        // The model, the plans and the texts are freed by the process ending, as a C compiler
        // leaves its trees: releasing them object by object took 0.1 s of a 4,000-file run.
        withExtendedLifetime((files, result, generated)) { Foundation.exit(EXIT_SUCCESS) }
    }
}

extension AccessLevel: ExpressibleByArgument {}
