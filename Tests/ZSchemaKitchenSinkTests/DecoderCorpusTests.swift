import Testing

@Suite("Decoder fuzz corpus (kitchensink)")
struct DecoderCorpusTests {
    @Test("the harness covers every message the generated files declare")
    func harnessCoversEveryMessage() throws {
        let declared = try DecoderCorpusCheck.declaredMessages(inGeneratedFolder: "Tests/ZSchemaKitchenSinkTests/Generated")
        #expect(DecoderFuzzHarness.messages.map(\.name).sorted() == declared)
    }

    @Test("every input of Fuzz/Corpus/kitchensink round-trips, and every message type decodes some input")
    func corpusRoundTrips() throws {
        let decoded = try DecoderCorpusCheck.replay(corpus: "kitchensink", decoders: DecoderFuzzHarness.messages, run: DecoderFuzzHarness.run)
        let missing = DecoderFuzzHarness.messages.map(\.name).filter { decoded[$0] == nil }
        #expect(missing.isEmpty, "no input of the corpus decodes as \(missing)")
    }
}
