import Foundation
import Testing

@testable import ZSchemaCore

/// Checks one schema text for the Swift target and returns its diagnostics as
/// `line:column: severity: message`.
func diagnose(_ text: String, _ more: [String: String] = [:]) -> [String] {
    let files = [SourceFile(path: "test.zschema", text: text)] + more.sorted(by: { $0.key < $1.key }).map { SourceFile(path: $0.key, text: $0.value) }
    return Compilation.check(files).diagnostics.map { diagnostic in
        let file = diagnostic.location.file == "test.zschema" ? "" : diagnostic.location.file + ":"
        return "\(file)\(diagnostic.location.line):\(diagnostic.location.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
}

/// The seed's four example systems, verbatim (HTML entities decoded), as shipped in Resources.
func seedFiles() throws -> [SourceFile] {
    try ["chatz", "dealz", "tickz", "valuz"].map { name in
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "zschema", subdirectory: "Resources/seed"))
        return SourceFile(path: "seed/\(name).zschema", text: try String(contentsOf: url, encoding: .utf8))
    }
}

/// The project's corrected schemas.
func projectSchemas() throws -> [SourceFile] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Schemas").standardized
    return try ["chatz", "dealz", "tickz", "valuz"].map { name in
        let url = folder.appendingPathComponent("\(name).zschema")
        return SourceFile(path: "Schemas/\(name).zschema", text: try String(contentsOf: url, encoding: .utf8))
    }
}
