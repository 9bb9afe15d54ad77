import Foundation
import PackagePlugin

/// Runs `zschema compile` on every `*.zschema` file in a target, as one build command, so the
/// schemas are checked together as one topology. Each `X.zschema` produces `X.swift`.
@main
struct ZSchemaPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let sourceTarget = target as? SourceModuleTarget else { return [] }
        let schemas = sourceTarget.sourceFiles
            .filter { $0.url.pathExtension == "zschema" }
            .map(\.url)
            .sorted { $0.path(percentEncoded: false) < $1.path(percentEncoded: false) }
        guard !schemas.isEmpty else { return [] }

        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        let outputs = schemas.map {
            outputDirectory.appending(path: $0.deletingPathExtension().lastPathComponent + ".swift")
        }
        let arguments =
            ["compile", "--always-write", "--output", outputDirectory.path(percentEncoded: false)]
            + schemas.map { $0.path(percentEncoded: false) }
        return [
            .buildCommand(
                displayName: "zschema: generating Swift for \(schemas.count) schema(s) in \(target.name)",
                executable: try context.tool(named: "zschema").url,
                arguments: arguments,
                inputFiles: schemas,
                outputFiles: outputs
            )
        ]
    }
}
