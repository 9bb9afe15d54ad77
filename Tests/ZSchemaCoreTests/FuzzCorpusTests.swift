import Foundation
import Testing

/// Replays the committed fuzzing corpora (Fuzz/Corpus), the inputs libFuzzer kept for the
/// coverage they reach, through the same harness the fuzzer runs: a fast regression test for every
/// finding and every path the fuzzer has seen.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/Corpus/schema").standardized

    @Test("every input of the schema corpus goes through the compiler without a crash")
    func schemaCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(files.count >= 10)
        for name in files {
            let data = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
            data.withUnsafeBytes { _ = SchemaFuzzHarness.run($0) }
        }
    }
}
