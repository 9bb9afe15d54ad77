// libFuzzer entry point for the schema compiler; built by Fuzz/fuzz.sh together with
// ZSchemaCore's sources and Tests/ZSchemaCoreTests/SchemaFuzzHarness.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func schemaFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    SchemaFuzzHarness.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
