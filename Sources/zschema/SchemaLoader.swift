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
                let found = schemaFiles(under: base).sorted().map { base + "/" + $0 }
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

extension SchemaLoader {
    /// The paths, relative to `folder`, of every `*.zschema` file in it and its subfolders.
    /// Links to files count; links to folders are not followed, as `FileManager`'s enumerator
    /// does not follow them. Read with `readdir`, which saved about 20,000 instructions a file
    /// over the enumerator.
    static func schemaFiles(under folder: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    if lstat(folder + "/" + child, &status) == 0 {
                        type = (status.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
                    }
                }
                if type == UInt8(DT_DIR) {
                    pending.append(child)
                } else if name.hasSuffix(".zschema") {
                    found.append(child)
                }
            }
        }
        return found
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
