/// The whole compiler, for the command line, the plugin and tests: checks the files together,
/// then names their Swift declarations, and reports both stages' diagnostics.
public enum Compilation {
    /// The result of checking files for the Swift target.
    public struct Result: Sendable {
        /// The checked model.
        public let ir: SchemaIR
        /// The Swift backend, ready to generate when there is no error.
        public let generator: SwiftGenerator
        /// The checker's and the backend's diagnostics, sorted by location.
        public let diagnostics: [Diagnostic]
        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Checks `files` and names their Swift declarations.
    public static func check(_ files: [SourceFile], accessLevel: AccessLevel = .public) -> Result {
        let checked = Checker.check(files)
        let generator = SwiftGenerator(ir: checked.ir, accessLevel: accessLevel)
        var collector = DiagnosticCollector()
        collector.append(contentsOf: checked.diagnostics)
        // Names are decided only on a model without errors; otherwise they would repeat them.
        if !checked.hasErrors { collector.append(contentsOf: generator.diagnostics) }
        return Result(ir: checked.ir, generator: generator, diagnostics: collector.sorted)
    }
}
