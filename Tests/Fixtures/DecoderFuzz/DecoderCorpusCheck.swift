import Foundation
import Testing

// Shared by ZSchemaGeneratedTests and ZSchemaKitchenSinkTests (linked into both folders).

/// Replays a committed decoder corpus (`Fuzz/Corpus/NAME`) through its fuzzer's harness, and
/// checks the harness's list of messages against the generated files it covers.
enum DecoderCorpusCheck {
    /// The repository's folder `path` (this file is compiled through its links in Tests/TARGET/).
    static func repository(_ path: Swift.String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../\(path)").standardized
    }

    /// Runs every input of `corpus` through `run` (which traps on a failed round trip); how many
    /// inputs decoded, per message type name.
    static func replay(corpus: Swift.String, decoders: [DecoderRoundTrip.Decoder], run: (UnsafeRawBufferPointer) -> Bool) throws -> [Swift.String: Int] {
        let folder = repository("Fuzz/Corpus/\(corpus)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count >= 20, "the \(corpus) corpus lost its inputs")
        var decoded: [Swift.String: Int] = [:]
        for name in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let selector = data.first.map { Int($0) % decoders.count }
            if data.withUnsafeBytes(run), let selector { decoded[decoders[selector].name, default: 0] += 1 }
        }
        return decoded
    }

    /// The message types declared in the generated files of `folder`, sorted.
    static func declaredMessages(inGeneratedFolder folder: Swift.String) throws -> [Swift.String] {
        let url = repository(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.flatMap {
            DecoderRoundTrip.declaredMessages(in: try Swift.String(contentsOf: url.appendingPathComponent($0), encoding: .utf8))
        }.sorted()
    }
}
