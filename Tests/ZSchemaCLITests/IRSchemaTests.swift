import Foundation
import Testing

/// `zschema ir --json` against the JSON Schema committed for generators in other languages
/// (docs/ir.schema.json), checked by a validator that is not ours (Python's jsonschema).
@Suite("IR JSON Schema")
struct IRSchemaTests {
    /// Every schema set in the repository that checks clean.
    static let inputs = [
        ["Schemas"], ["Tests/ZSchemaKitchenSinkTests/Schemas"], ["Tests/Fixtures/PluginConsumer/Sources/Consumer/echo.zschema"],
        ["Benchmarks/Sources/BenchmarkSchemas"],
    ]

    @Test("the IR of every schema in the repository is valid against docs/ir.schema.json", arguments: inputs)
    func validates(_ input: [String]) async throws {
        let result = try zschema(["ir", "--json", "--no-warnings"] + input)
        #expect(result.status == 0, "\(result.standardError)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ir = folder.appendingPathComponent("ir.json")
        try result.standardOutput.write(to: ir, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors[:10]: print("/".join(map(str, error.absolute_path)), error.message[:200])
            print("errors:", len(errors))
            """
        let schema = repositoryRoot.appendingPathComponent("docs/ir.schema.json").path
        let check = try await runCommand(["/usr/bin/python3", "-c", script, schema, ir.path], timeout: .seconds(60))
        #expect(check.status == 0 && check.output.hasSuffix("errors: 0\n"), "\(check.output)")
    }

    @Test("the schema rejects what a generator must not accept: a number as a string, an untagged variant")
    func rejectsOldShapes() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try zschema(["ir", "--json", "Schemas"]).standardOutput
        // Format version 1 wrote enum values as decimal strings and variants as {"scalar": {"_0": ...}}.
        let stringValue = good.replacingOccurrences(of: "\"value\" : 0,", with: "\"value\" : \"0\",")
        let untagged = good.replacingOccurrences(of: "\"kind\" : \"scalar\",", with: "\"scalar\" : {},")
        #expect(stringValue != good && untagged != good)
        for (name, text) in [("string-value", stringValue), ("untagged", untagged)] {
            let path = folder.appendingPathComponent("\(name).json")
            try text.write(to: path, atomically: true, encoding: .utf8)
            let check = try await runCommand(
                [
                    "/usr/bin/python3", "-c",
                    "import json,sys,jsonschema; print(len(list(jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).iter_errors(json.load(open(sys.argv[2]))))))",
                    repositoryRoot.appendingPathComponent("docs/ir.schema.json").path, path.path,
                ], timeout: .seconds(60))
            #expect(Int(check.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0, "\(name): \(check.output)")
        }
    }
}
