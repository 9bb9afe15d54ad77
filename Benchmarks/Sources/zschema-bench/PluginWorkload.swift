import Foundation

/// What the build plugin adds to an incremental build: a consumer package with the project's
/// four schemas in one target is built once, then rebuilt after nothing changed, after one
/// Swift file changed, and after one schema changed (a doc comment, so the generated code
/// changes too). Debug builds, as while developing.
enum PluginWorkload {
    struct Timing {
        /// Seconds of a rebuild with nothing changed.
        let nothingChanged: Double
        /// Seconds of a rebuild after one Swift source of the target changed.
        let swiftFileChanged: Double
        /// Seconds of a rebuild after one schema of the target changed.
        let schemaChanged: Double
    }

    /// Each rebuild is timed `rounds` times and the median kept. Throws if a build fails.
    static func run(repository: URL, rounds: Int = 3) throws -> Timing {
        let files = FileManager.default
        let workspace = files.temporaryDirectory.appendingPathComponent("zschema-bench-plugin-\(getpid())")
        defer { try? files.removeItem(at: workspace) }
        let consumer = workspace.appendingPathComponent("consumer")
        let sources = consumer.appendingPathComponent("Sources/Schemas")
        try files.createDirectory(at: sources, withIntermediateDirectories: true)
        // The dependency's identity is its folder's name, so the link must be called zschema.
        try files.createSymbolicLink(at: workspace.appendingPathComponent("zschema"), withDestinationURL: repository)
        try manifest.write(to: consumer.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        for name in ["chatz", "dealz", "tickz", "valuz"] {
            try files.copyItem(at: repository.appendingPathComponent("Schemas/\(name).zschema"), to: sources.appendingPathComponent("\(name).zschema"))
        }
        let swiftFile = sources.appendingPathComponent("Use.swift")
        let schemaFile = sources.appendingPathComponent("tickz.zschema")
        let schemaText = try String(contentsOf: schemaFile, encoding: .utf8)
        try use(0).write(to: swiftFile, atomically: true, encoding: .utf8)

        try build(consumer)  // cold: builds zschema, the runtime and the generated code
        var nothing: [Double] = [], swift: [Double] = [], schema: [Double] = []
        for round in 1...rounds {
            nothing.append(try build(consumer))
            try use(round).write(to: swiftFile, atomically: true, encoding: .utf8)
            swift.append(try build(consumer))
            let edited = schemaText.replacingOccurrences(of: "# One price change", with: "# (edit \(round)) One price change")
            precondition(edited != schemaText, "tickz.zschema no longer has the comment this benchmark edits")
            try edited.write(to: schemaFile, atomically: true, encoding: .utf8)
            schema.append(try build(consumer))
        }
        return Timing(nothingChanged: median(nothing), swiftFileChanged: median(swift), schemaChanged: median(schema))
    }

    private static let manifest = """
        // swift-tools-version:6.0
        import PackageDescription

        let package = Package(
            name: "PluginBenchmarkConsumer",
            dependencies: [.package(path: "../zschema")],
            targets: [
                .target(
                    name: "Schemas",
                    dependencies: [.product(name: "ZSchemaRuntime", package: "zschema")],
                    plugins: [.plugin(name: "ZSchemaPlugin", package: "zschema")]
                )
            ],
            swiftLanguageModes: [.v6]
        )

        """

    /// A Swift file of the target that uses generated types; `version` makes each edit differ.
    private static func use(_ version: Int) -> String {
        """
        import ZSchemaRuntime

        /// Edited by the benchmark (version \(version)).
        public func exampleTick() -> Tick { Tick(symbol: "AAPL", timestamp: \(version), price: 1) }

        """
    }

    /// Builds `package` in debug mode; the elapsed seconds.
    @discardableResult
    private static func build(_ package: URL) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--package-path", package.path]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        let start = ContinuousClock.now
        try process.run()
        let output = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = (ContinuousClock.now - start).seconds
        guard process.terminationStatus == 0 else {
            throw BuildFailure(log: String(decoding: output, as: UTF8.self))
        }
        return elapsed
    }

    struct BuildFailure: Error, CustomStringConvertible {
        let log: String
        var description: String { "swift build of the plugin consumer failed:\n\(log)" }
    }
}
