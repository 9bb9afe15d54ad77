// libFuzzer entry point comparing the byte-level automaton with PCRE2; built by Fuzz/fuzz.sh
// together with ZSchemaRuntime's sources and Tests/ZSchemaRuntimeTests/AutomatonFuzzHarness.swift.

@_cdecl("LLVMFuzzerTestOneInput")
public func automatonFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    AutomatonFuzzHarness.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
