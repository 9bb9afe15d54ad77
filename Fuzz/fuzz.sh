#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (swiftc -sanitize=fuzzer,address unless FUZZ_SANITIZERS says otherwise).
#   bash Fuzz/fuzz.sh schema|automaton|decoders|kitchensink [libFuzzer options...]
#   e.g. -max_total_time=600 -jobs=2
# Builds the target into .build-fuzz/ (never with SwiftPM: --sanitize=fuzzer would instrument
# the plugin's tool too and break its link) and runs it on a copy of the committed corpus, so
# the repository's corpus only grows when someone copies new inputs back on purpose.
# FUZZ_SANITIZERS=fuzzer builds without AddressSanitizer: several times the inputs per second
# (the schema target spends most of its time in ASan's allocator), still catching crashes,
# hangs and failed preconditions, but no longer memory errors in C code.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: fuzz.sh schema|automaton|decoders|kitchensink [libFuzzer options...]}"
shift
out=.build-fuzz
sanitizers="${FUZZ_SANITIZERS:-fuzzer,address}"
mkdir -p "$out/corpus-$target"
# ZSchemaCore and ZSchemaRuntime are both built on ZSchemaClassSequence: a static library and
# module of its own, per target (so that two targets can be built at once).
shared="$out/$target-classsequence"
mkdir -p "$shared"
swiftc -O -g -sanitize="$sanitizers" -parse-as-library -swift-version 6 -package-name zschema -suppress-warnings \
    -module-name ZSchemaClassSequence -emit-module -emit-module-path "$shared/ZSchemaClassSequence.swiftmodule" \
    -emit-library -static $(find Sources/ZSchemaClassSequence -name '*.swift' | sort) -o "$shared/libZSchemaClassSequence.a"
classSequence=(-package-name zschema -I "$shared" -L "$shared" -lZSchemaClassSequence)
case "$target" in
schema)
    sources=$(find Sources/ZSchemaCore -name '*.swift' | sort)
    swiftc -O -g -sanitize="$sanitizers" -parse-as-library -swift-version 6 -module-name ZSchemaCore -suppress-warnings \
        "${classSequence[@]}" -I Sources/CPCRE2 -lpcre2-8 $sources Tests/ZSchemaCoreTests/SchemaFuzzHarness.swift Fuzz/Targets/SchemaFuzzer.swift \
        -o "$out/schema-fuzzer"
    ;;
automaton)
    sources=$(find Sources/ZSchemaRuntime -name '*.swift' | sort)
    swiftc -O -g -sanitize="$sanitizers" -parse-as-library -swift-version 6 -module-name ZSchemaRuntime -suppress-warnings \
        "${classSequence[@]}" -I Sources/CZeroMQ -I Sources/CPCRE2 -lzmq -lpcre2-8 $sources Tests/ZSchemaRuntimeTests/AutomatonFuzzHarness.swift \
        Fuzz/Targets/AutomatonFuzzer.swift -o "$out/automaton-fuzzer"
    ;;
decoders | kitchensink)
    # The generated code is a module of its own over ZSchemaRuntime, as in a consumer (the
    # kitchen sink names messages String and FrameReader, which would shadow the runtime's).
    sources=$(find Sources/ZSchemaRuntime -name '*.swift' | sort)
    flags=(-O -g -sanitize="$sanitizers" -parse-as-library -swift-version 6 -suppress-warnings -I Sources/CZeroMQ -I Sources/CPCRE2)
    runtime="$out/$target-runtime" # per target, so that two targets can be built at once
    mkdir -p "$runtime"
    swiftc "${flags[@]}" "${classSequence[@]}" -module-name ZSchemaRuntime -emit-module -emit-module-path "$runtime/ZSchemaRuntime.swiftmodule" \
        -emit-library -static $sources -o "$runtime/libZSchemaRuntime.a"
    if [ "$target" = decoders ]; then tests=Tests/ZSchemaGeneratedTests; else tests=Tests/ZSchemaKitchenSinkTests; fi
    swiftc "${flags[@]}" -module-name Decoders -I "$runtime" -L "$runtime" -lZSchemaRuntime "${classSequence[@]}" -lzmq -lpcre2-8 \
        "$tests"/Generated/*.swift "$tests/DecoderFuzzHarness.swift" Tests/Fixtures/DecoderFuzz/DecoderRoundTrip.swift \
        Fuzz/Targets/DecoderFuzzer.swift -o "$out/$target-fuzzer"
    ;;
*)
    echo "unknown target '$target' (known: schema, automaton, decoders, kitchensink)" >&2
    exit 2
    ;;
esac
cp -n "Fuzz/Corpus/$target"/* "$out/corpus-$target/" 2>/dev/null || true
# Crash files are written only with the Swift backtracer off.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
    "$out/$target-fuzzer" -artifact_prefix="$out/$target-" -timeout=10 -rss_limit_mb=4096 "$@" "$out/corpus-$target"
