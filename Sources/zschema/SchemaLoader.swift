import ArgumentParser
import Foundation
import ZSchemaCore

/// Reads the schema files named on the command line.
enum SchemaLoader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Every `*.zschema` file in `inputs` (folders searched recursively), sorted within each
    /// folder, each read once.
    static func load(_ inputs: [String]) throws -> [SourceFile] {
        let manager = FileManager.default
        var paths: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw Failure(description: "error: no such file or folder: \(input)")
            }
            if isDirectory.boolValue {
                let base = input.hasSuffix("/") ? String(input.dropLast()) : input
                let found = (manager.enumerator(atPath: input)?.compactMap { $0 as? String } ?? [])
                    .filter { $0.hasSuffix(".zschema") }
                    .sorted()
                    .map { base + "/" + $0 }
                if found.isEmpty { throw Failure(description: "error: no *.zschema files in \(input)") }
                paths += found
            } else {
                paths.append(input)
            }
        }
        var seen = Set<String>()
        // Read and split into lines on every core; the first failure in input order is reported.
        let loaded = paths.filter { seen.insert($0).inserted }.parallelMap { path -> Result<SourceFile, Failure> in
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(Failure(description: "error: cannot read \(path)"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(Failure(description: "\(path):1:1: error: the file is not valid UTF-8"))
            }
            return .success(SourceFile(path: path, text: text))
        }
        return try loaded.map { try $0.get() }
    }
}

/// Prints diagnostics to standard error the way swiftc does.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], sources: [SourceFile], warnings: Bool) {
        let renderer = DiagnosticRenderer(sources: sources)
        var text = ""
        for diagnostic in diagnostics where warnings || diagnostic.severity != .warning {
            text += renderer.render(diagnostic)
        }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Loads and checks the inputs, printing diagnostics; throws exit code 1 on errors.
func checkedSchemas(_ options: SchemaInputOptions, accessLevel: AccessLevel = .public) throws -> (files: [SourceFile], result: Compilation.Result) {
    let files: [SourceFile]
    do { files = try SchemaLoader.load(options.inputs) } catch let failure as SchemaLoader.Failure {
        FileHandle.standardError.write(Data((failure.description + "\n").utf8))
        throw ExitCode(2)
    }
    let result = Compilation.check(files, accessLevel: accessLevel)
    DiagnosticPrinter.print(result.diagnostics, sources: files, warnings: !options.suppressWarnings)
    if result.hasErrors { throw ExitCode.failure }
    return (files, result)
}
