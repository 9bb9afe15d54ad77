// libFuzzer entry point for the generated decoders' round trip; built by Fuzz/fuzz.sh with a
// harness (Tests/ZSchemaGeneratedTests/DecoderFuzzHarness.swift for the project's schemas,
// Tests/ZSchemaKitchenSinkTests/DecoderFuzzHarness.swift for the kitchen sink), its generated
// code and Tests/Fixtures/DecoderFuzz/DecoderRoundTrip.swift, over a ZSchemaRuntime module.

@_cdecl("LLVMFuzzerTestOneInput")
public func decoderFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    DecoderFuzzHarness.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
