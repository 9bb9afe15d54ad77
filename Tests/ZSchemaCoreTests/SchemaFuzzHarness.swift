import ZSchemaCore

/// What the schema fuzzer does with one input, shared with the test that replays the committed
/// corpus: the bytes as a schema file, checked, named, generated when clean, and every
/// diagnostic rendered. Any crash, hang or sanitizer report is a finding.
enum SchemaFuzzHarness {
    /// Runs one input through the whole compiler; returns how many diagnostics it produced.
    @discardableResult
    static func run(_ bytes: UnsafeRawBufferPointer) -> Int {
        let file = SourceFile(path: "fuzz.zschema", text: String(decoding: bytes, as: UTF8.self))
        let result = Compilation.check([file])
        let renderer = DiagnosticRenderer(sources: [file])
        for diagnostic in result.diagnostics { _ = renderer.render(diagnostic) }
        if !result.hasErrors { _ = result.generator.generate(files: [file]) }
        return result.diagnostics.count
    }
}
