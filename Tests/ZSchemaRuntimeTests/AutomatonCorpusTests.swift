import Foundation
import Testing

/// Replays the committed automaton corpus (Fuzz/Corpus/automaton) through the fuzzer's harness:
/// the automaton and PCRE2 must agree on every input libFuzzer kept.
@Suite("Automaton fuzz corpus")
struct AutomatonCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/Corpus/automaton").standardized

    @Test("the automaton gives PCRE2's answer on every input of the corpus")
    func automatonCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(files.count >= 10)
        var matched = 0
        for name in files {
            let data = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
            if data.withUnsafeBytes({ AutomatonFuzzHarness.run($0) }) == .matched { matched += 1 }
        }
        // The seeds include frames that match, so the comparison is not only of refusals.
        #expect(matched > 0)
    }
}
