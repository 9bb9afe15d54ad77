import Foundation
import Testing

/// Builds `Tests/Fixtures/PluginConsumer`, a package that depends on zschema by path and
/// generates its socket code with `ZSchemaPlugin` at build time, then runs it.
@Suite("ZSchemaPlugin in a consumer package")
struct PluginConsumerTests {
    @Test("the consumer builds with generated code and exchanges a message", .timeLimit(.minutes(20)))
    func buildAndRun() async throws {
        let workspace = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let consumer = workspace.appendingPathComponent("PluginConsumer")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/PluginConsumer"), to: consumer)
        // The plugin is named by package identity, which for a path dependency is its folder name.
        try FileManager.default.createSymbolicLink(at: workspace.appendingPathComponent("zschema"), withDestinationURL: repositoryRoot)

        let build = try await runCommand(["swift", "build", "--package-path", consumer.path], timeout: .seconds(1100))
        #expect(build.status == 0, "swift build failed:\n\(build.output.suffix(4000))")
        guard build.status == 0 else { return }

        let generated = try FileManager.default.subpathsOfDirectory(atPath: consumer.appendingPathComponent(".build").path)
            .filter { $0.hasSuffix("ZSchemaPlugin/GeneratedSources/echo.swift") }
        #expect(!generated.isEmpty, "the plugin's output was not found under .build")

        let result = try await runCommand([consumer.appendingPathComponent(".build/debug/Consumer").path], timeout: .seconds(30))
        #expect(result.status == 0)
        #expect(result.output == "pong hello plugin 7 true\nrefused: text\n")
    }
}
