import Foundation
import Testing

@testable import ZSchemaCore

/// What passes the checker compiles: a few hundred random schemas named from a pool of
/// trouble are checked; every one that checks clean is generated and compiled, all in one
/// package build, and their messages are round-tripped by the built program.
@Suite("Random schemas compile")
struct RandomSchemaCompileTests {
    static let batches = 12
    static let schemasPerBatch = 20

    @Test("every random schema that checks clean generates Swift that compiles and round-trips", .timeLimit(.minutes(25)))
    func randomSchemasCompile() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-random-\(UUID().uuidString)")
        let package = workspace.appendingPathComponent("RandomSchemas")
        try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        try FileManager.default.createSymbolicLink(at: workspace.appendingPathComponent("zschema"), withDestinationURL: repositoryRoot)

        var clean = 0, rejected: [String] = []
        var modules: [String] = []
        for batch in 0..<Self.batches {
            var generator = RandomSchemas(seed: UInt64(20_261_201 + batch))
            var files: [SourceFile] = []
            for index in 0..<Self.schemasPerBatch {
                let file = SourceFile(path: "random\(batch)_\(index).zschema", text: generator.schema(batch * 100 + index))
                let alone = Compilation.check([file])
                if alone.hasErrors {
                    rejected.append(alone.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n"))
                } else {
                    files.append(file)
                }
            }
            clean += files.count
            // The clean schemas of a batch form one compilation and one module.
            let together = Compilation.check(files)
            try #require(!together.hasErrors, "batch \(batch): \(together.diagnostics.filter { $0.severity == .error })")
            let module = "Batch\(batch)"
            let folder = package.appendingPathComponent("Sources/\(module)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for generated in together.generator.generate(files: files) {
                try generated.contents.write(to: folder.appendingPathComponent(generated.name), atomically: true, encoding: .utf8)
            }
            // The schemas beside the package, for reading a failure.
            let schemas = package.appendingPathComponent("Schemas/\(module)")
            try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
            for file in files {
                try file.text.write(to: schemas.appendingPathComponent(file.path), atomically: true, encoding: .utf8)
            }
            try RoundTripWriter.function("roundTrips", ir: together.ir, names: together.generator.names)
                .write(to: folder.appendingPathComponent("RoundTrips.swift"), atomically: true, encoding: .utf8)
            modules.append(module)
        }
        // The generator makes valid schemas; the checker may still refuse a few (overlaps are
        // only warnings), but not many.
        #expect(clean >= Self.batches * Self.schemasPerBatch * 9 / 10, "refused:\n\(rejected.prefix(5).joined(separator: "\n"))")

        let main = package.appendingPathComponent("Sources/RoundTrips")
        try FileManager.default.createDirectory(at: main, withIntermediateDirectories: true)
        try
            (modules.map { "import \($0)" }.joined(separator: "\n") + "\n\nvar total = 0\n"
            + modules.map { "total += try \($0).roundTrips()" }.joined(separator: "\n") + "\nprint(\"round trips: \\(total)\")\n")
            .write(to: main.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        let targets = modules.map {
            """
                    .target(name: "\($0)", dependencies: [.product(name: "ZSchemaRuntime", package: "zschema")]),
            """
        }.joined(separator: "\n")
        try """
        // swift-tools-version:6.0
        import PackageDescription

        let package = Package(
            name: "RandomSchemas",
            dependencies: [.package(path: "../zschema")],
            targets: [
        \(targets)
                .executableTarget(name: "RoundTrips", dependencies: [\(modules.map { "\"\($0)\"" }.joined(separator: ", "))]),
            ],
            swiftLanguageModes: [.v6]
        )

        """.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)

        // The generated files, formatted as the project's swift-format configuration wants.
        let generatedFiles = modules.flatMap { module in
            ((try? FileManager.default.contentsOfDirectory(atPath: package.appendingPathComponent("Sources/\(module)").path)) ?? [])
                .filter { $0.hasPrefix("random") }.map { package.appendingPathComponent("Sources/\(module)/\($0)").path }
        }
        #expect(generatedFiles.count == clean)
        let lint = try await runCommand(
            ["swift-format", "lint", "--strict", "--configuration", repositoryRoot.appendingPathComponent(".swift-format").path] + generatedFiles,
            timeout: .seconds(600))
        let findings = lint.output.split(separator: "\n").prefix(15).map { finding -> String in
            // path:line:column: error: ..., followed by the line itself.
            let parts = finding.split(separator: ":")
            guard parts.count > 2, let number = Int(parts[1]),
                let text = try? String(contentsOfFile: String(parts[0]), encoding: .utf8)
            else { return String(finding) }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return "\(finding)\n    \(number <= lines.count ? lines[number - 1] : "")"
        }
        #expect(lint.status == 0 && lint.output.isEmpty, "generated code is not lint-clean:\n\(findings.joined(separator: "\n"))")

        let build = try await runCommand(["swift", "build", "--package-path", package.path], timeout: .seconds(1400))
        let lines = build.output.split(separator: "\n")
        let errors = lines.filter { $0.contains(": error:") }
        let warnings = lines.filter { $0.contains(": warning:") && $0.contains("/Sources/Batch") }
        #expect(
            build.status == 0 && errors.isEmpty,
            "swift build of \(clean) random schemas:\n\(errors.prefix(20).joined(separator: "\n"))\n\(build.output.suffix(2000))")
        #expect(warnings.isEmpty, "generated code is not warning-free:\n\(warnings.prefix(20).joined(separator: "\n"))")
        guard build.status == 0 else { return }
        let run = try await runCommand([package.appendingPathComponent(".build/debug/RoundTrips").path], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.output.suffix(3000))")
        let total = Int(run.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "") ?? 0
        // Most messages have values the writer knows; all of those must come back equal.
        #expect(total > clean, "round trips: \(total) for \(clean) schemas")
    }
}
