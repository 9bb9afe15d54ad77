import CBaseline
import Foundation
import ZSchemaRuntime

// Every workload through raw C, generated Swift, pyzmq and swift-protobuf in one run; each
// figure with its ratio to the baseline measured in the same run. See Options.usage.

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let count = options.count

if let chart = options.chart {
    do {
        let bars = try RatioChart.draw(json: URL(fileURLWithPath: chart.json), svg: URL(fileURLWithPath: chart.svg))
        print("zschema-bench: \(bars) bars in \(chart.svg)")
        exit(bars > 0 ? 0 : 1)
    } catch {
        FileHandle.standardError.write(Data("zschema-bench: cannot draw \(chart.json): \(error)\n".utf8))
        exit(1)
    }
}

if let profile = options.profile {
    switch profile {
    case "stream": _ = try SwiftWorkloads.tickStream(endpoint: "inproc://profile", count: count, pubsub: false)
    case "async-stream": _ = try AsyncWorkloads.tickStream(endpoint: "tcp://127.0.0.1:*", count: count)
    case "subscriber": _ = try MemoryWorkload.subscriber(count: count)
    case "tcp-stream": _ = try SwiftWorkloads.tickStream(endpoint: "tcp://127.0.0.1:*", count: count, pubsub: false)
    case "tick-codec": _ = try CodecWorkloads.tickMessageFrames(count: count)
    case "tick-buffer": _ = try CodecWorkloads.tickFrameBuffer(count: count)
    case "order-codec": _ = try CodecWorkloads.orderMessageFrames(count: count)
    case "c-stream": _ = cb_tick_stream("inproc://profile", count, 0)
    case "tick-default": _ = try CodecWorkloads.tickDefault(count: count)
    case "chat-decode": _ = try ThreadWorkloads.chatDecodes(threads: 1, count: count)
    case "chat-decode-2": _ = try ThreadWorkloads.chatDecodes(threads: 2, count: count)
    case "tick-decode-2": _ = try ThreadWorkloads.tickDecodes(threads: 2, count: count)
    case "c-tick-codec": _ = cb_tick_codec(count)
    case "c-tick-buffer": _ = cb_tick_codec_buffer(count)
    default: _ = cb_order_codec(count)
    }
    exit(0)
}

var rows: [Row] = []
let ipc = "ipc:///tmp/zschema-bench-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: String(ipc.dropFirst("ipc://".count))) }
let transports = [("inproc", "inproc://zschema-bench"), ("ipc", ipc), ("tcp", "tcp://127.0.0.1:*")]
func pythonEndpoint(_ endpoint: String) -> String { endpoint.hasPrefix("inproc://") ? "inproc://py" : endpoint }
let pythonCount = max(100, count / 10)
let python = !options.runs("streams") ? nil : PythonWorkloads.run(count: pythonCount, endpoints: transports.map { pythonEndpoint($0.1) })

// Memory: a subscriber receiving `count` ticks, resident memory sampled every tenth. First, so
// that the peak is not memory an earlier workload left behind.
if options.runs("memory") {
    let memory = try MemoryWorkload.subscriber(count: count)
    let steady = memory.samples.dropFirst()
    rows.append(Row(workload: "subscriber: RSS after 10% of the ticks", unit: "MiB", swift: memory.samples.first ?? .nan))
    rows.append(Row(workload: "subscriber: RSS after all ticks", unit: "MiB", swift: memory.samples.last ?? .nan))
    rows.append(
        Row(workload: "subscriber: RSS spread from 20% to 100%", unit: "MiB", swift: (steady.max() ?? .nan) - (steady.min() ?? .nan)))
    rows.append(Row(workload: "subscriber: peak RSS (VmHWM)", unit: "MiB", swift: memory.peak))
    rows.append(Row(workload: "subscriber: ticks the PUB sent (it drops at HWM)", unit: "msgs", swift: Double(memory.sent)))
}

// Streams: messages per second, the median of alternating C and Swift runs (two cores shared
// by sender, receiver and libzmq's I/O thread make single runs vary by tens of percent).
for (pubsub, pattern) in [(false, "push-pull"), (true, "pub-sub")] where options.runs("streams") {
    for (name, endpoint) in transports {
        var c: [Double] = [], swift: [Double] = []
        for _ in 0..<options.rounds {
            c.append(cb_tick_stream(endpoint, count, pubsub ? 1 : 0))
            swift.append(try SwiftWorkloads.tickStream(endpoint: endpoint, count: count, pubsub: pubsub))
        }
        let py = python?["\(pattern) \(pythonEndpoint(endpoint))"].map { Double(pythonCount) / $0 }
        let cRate = c.contains { $0 <= 0 } ? nil : Double(count) / median(c)
        rows.append(Row(workload: "tick \(pattern) \(name)", unit: "msg/s", c: cRate, swift: Double(count) / median(swift), pyzmq: py))
    }
}

// CURVE: the same stream over tcp, encrypted, so that encryption's price is known (C against
// Swift as above; both without a ZAP handler, so every client key is accepted).
if options.runs("curve") {
    let keys = (server: try CurveKeyPair.generate(), client: try CurveKeyPair.generate())
    for (pubsub, pattern) in [(false, "push-pull"), (true, "pub-sub")] {
        var c: [Double] = [], swift: [Double] = []
        for _ in 0..<options.rounds {
            c.append(
                cb_tick_stream_curve(
                    "tcp://127.0.0.1:*", count, pubsub ? 1 : 0, keys.server.publicKey, keys.server.secretKey, keys.client.publicKey, keys.client.secretKey))
            swift.append(try SwiftWorkloads.tickStream(endpoint: "tcp://127.0.0.1:*", count: count, pubsub: pubsub, curve: keys))
        }
        let cRate = c.contains { $0 <= 0 } ? nil : Double(count) / median(c)
        rows.append(Row(workload: "tick \(pattern) tcp CURVE", unit: "msg/s", c: cRate, swift: Double(count) / median(swift)))
    }
}

// Round trips: microseconds, C and Swift alternating in rounds and the samples pooled, since a
// round trip is mostly two thread wake-ups and the machine's state drifts between runs.
let trips = max(1000, count / 20)
for (name, endpoint) in transports where name != "ipc" && options.runs("round-trips") {
    var c: [Double] = [], swift: [Double] = []
    let perRound = max(100, trips / options.rounds)
    for _ in 0..<options.rounds {
        var samples = [Double](repeating: 0, count: perRound)
        _ = cb_tick_round_trips(endpoint, perRound, &samples)
        c += samples
        swift += try SwiftWorkloads.roundTrips(endpoint: endpoint, count: perRound)
    }
    let (cs, ss) = (c.sorted(), swift.sorted())
    for (label, p) in [("p50", 0.5), ("p99", 0.99)] {
        rows.append(Row(workload: "tick req-rep \(name) \(label)", unit: "µs", c: percentile(cs, p) * 1e6, swift: percentile(ss, p) * 1e6))
    }
    rows.append(
        Row(workload: "tick req-rep \(name) mean", unit: "µs", c: cs.reduce(0, +) / Double(cs.count) * 1e6, swift: ss.reduce(0, +) / Double(ss.count) * 1e6))
}

// Codecs: nanoseconds per message (per frame for the pattern rows).
func nanoseconds(_ seconds: Double) -> Double { seconds / Double(count) * 1e9 }
if options.runs("codecs") {
    // Each workload of a row runs once per round, in turn, and the row shows the medians: one
    // pass each moves by tens of percent on a shared machine.
    func row(_ workload: String, c: (() -> Double)? = nil, swift: @escaping () throws -> Double, protobuf: (() throws -> Double)? = nil) throws {
        let runs: [() throws -> Double] = [c, swift, protobuf].compactMap { $0 }
        var samples = [[Double]](repeating: [], count: runs.count)
        for _ in 0..<options.rounds {
            for (index, run) in runs.enumerated() { samples[index].append(nanoseconds(try run())) }
        }
        var medians = samples.map(median)
        rows.append(
            Row(
                workload: workload, unit: "ns/msg", c: c == nil ? nil : medians.removeFirst(), swift: medians.removeFirst(),
                protobuf: protobuf == nil ? nil : medians.removeFirst()))
    }
    let codecs: [(name: String, cFrames: (Int) -> Double, cBuffer: (Int) -> Double, swift: CodecWorkloads.Suite)] = [
        ("tick", cb_tick_codec, cb_tick_codec_buffer, CodecWorkloads.tick),
        ("order", cb_order_codec, cb_order_codec_buffer, CodecWorkloads.order),
    ]
    for codec in codecs {
        try row("\(codec.name) encode+decode, zmq_msg_t frames", c: { codec.cFrames(count) }, swift: { try codec.swift.messageFrames(count) })
        try row(
            "\(codec.name) encode+decode, one reused byte buffer", c: { codec.cBuffer(count) }, swift: { try codec.swift.frameBuffer(count) },
            protobuf: { try codec.swift.protobuf(count) })
        try row(
            "\(codec.name) encode() + init(frames:), new buffer each", swift: { try codec.swift.defaultPath(count) },
            protobuf: { try codec.swift.protobuf(count) })
    }
    rows.append(Row(workload: "order decode from byte arrays", unit: "ns/msg", swift: nanoseconds(try CodecWorkloads.orderDecode(count: count))))
    rows.append(Row(workload: "symbol pattern, 4-byte frame, automaton", unit: "ns/frame", swift: nanoseconds(CodecWorkloads.patternValidation(count: count))))
    rows.append(Row(workload: "symbol pattern, 4-byte frame, PCRE2 JIT", unit: "ns/frame", swift: nanoseconds(CodecWorkloads.pcre2Validation(count: count))))
    // PCRE2's limits: a hostile frame is refused within its step budget; long valid frames match.
    let hostile = String(repeating: "a", count: 29) + "!"
    let hostileCount = max(1, count / 1000)
    rows.append(
        Row(
            workload: "(\\w|a)+ on a 30-byte hostile frame, refused", unit: "µs/frame",
            swift: CodecWorkloads.repeatedGroup(frame: hostile, expecting: .limitExceeded, count: hostileCount) * 1e6))
    for length in [5_000, 65_536] {
        rows.append(
            Row(
                workload: "(\\w|a)+ on a valid \(length)-byte frame", unit: "µs/frame",
                swift: CodecWorkloads.repeatedGroup(frame: String(repeating: "a", count: length), expecting: .matched, count: hostileCount) * 1e6))
    }
}

// Threads: decodes per second on one thread and on two at once, sharing the patterns; the
// median of alternating rounds. The speed-up is the median of each round's own ratio: a round's
// two runs follow each other, so the machine's speed changing between rounds (this one's
// single thread has run at 3.7 and at 5.8 M decodes a second in one run) does not enter it.
if options.runs("threads") {
    // A Tick decodes in a few nanoseconds: ten times the count keeps its runs as long as the
    // chatz ones, so that a few milliseconds of another process do not decide them.
    let workloads = [("tick (automaton)", 10 * count, ThreadWorkloads.tickDecodes), ("chatz request (PCRE2)", count, ThreadWorkloads.chatDecodes)]
    // The C column is this machine's own ceiling, measured in the same rounds: the C baseline's
    // Tick codec on threads that share nothing at all.
    for (name, decodes, decode) in workloads {
        var one: [ThreadWorkloads.Run] = [], two: [ThreadWorkloads.Run] = [], machine: [Double] = []
        for _ in 0..<options.rounds {
            let steps = 20 * count
            machine.append(2 * cb_tick_codec_buffer_threads(1, steps) / cb_tick_codec_buffer_threads(2, steps))
            one.append(try decode(1, decodes))
            two.append(try decode(2, decodes))
        }
        rows.append(Row(workload: "\(name) decode, 1 thread", unit: "msg/s", swift: median(one.map(\.decodesPerSecond))))
        rows.append(Row(workload: "\(name) decode, 2 threads", unit: "msg/s", swift: median(two.map(\.decodesPerSecond))))
        rows.append(
            Row(
                workload: "\(name) decode, 2 threads over 1", unit: "x", c: median(machine),
                swift: median(zip(two, one).map { $0.decodesPerSecond / $1.decodesPerSecond })))
        rows.append(
            Row(
                workload: "\(name) decode, CPU time a decode, 2 threads over 1", unit: "x",
                swift: median(zip(two, one).map { $0.cpuSecondsPerDecode / $1.cpuSecondsPerDecode })))
    }
}

// The messages() AsyncSequence against the blocking receive loop, on the same PUSH/PULL tcp
// stream; the median of alternating rounds.
if options.runs("async") {
    var blocking: [Double] = [], streamed: [Double] = []
    for _ in 0..<options.rounds {
        blocking.append(Double(count) / (try SwiftWorkloads.tickStream(endpoint: "tcp://127.0.0.1:*", count: count, pubsub: false)))
        streamed.append(Double(count) / (try AsyncWorkloads.tickStream(endpoint: "tcp://127.0.0.1:*", count: count)))
    }
    rows.append(Row(workload: "tick PUSH/PULL tcp, blocking receive()", unit: "msg/s", swift: median(blocking)))
    rows.append(Row(workload: "tick PUSH/PULL tcp, for await in messages()", unit: "msg/s", swift: median(streamed)))
    rows.append(Row(workload: "tick PUSH/PULL tcp, messages() over receive()", unit: "x", swift: median(streamed) / median(blocking)))
}

// The compiler and the build plugin.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
if options.runs("compiler"), let compiler = try CompilerWorkload.run(schemas: repository.appendingPathComponent("Schemas"), rounds: options.rounds) {
    rows.append(Row(workload: "zschema compile Schemas/ (4 files), process included", unit: "ms", swift: compiler.once * 1000))
    rows.append(Row(workload: "zschema compile 100x Schemas/ (400 files)", unit: "ms", swift: compiler.hundredfold * 1000))
    rows.append(Row(workload: "zschema compile 1000x Schemas/ (4,000 files)", unit: "ms", swift: compiler.thousandfold * 1000))
    rows.append(Row(workload: "zschema compile 4,000 files: kernel CPU time on disk", unit: "ms", swift: compiler.thousandfoldKernel * 1000))
    if let inMemory = compiler.thousandfoldInMemory {
        rows.append(Row(workload: "zschema compile 4,000 files in memory (/dev/shm)", unit: "ms", swift: inMemory * 1000))
    }
    rows.append(Row(workload: "zschema compile, time per file 4,000 over 400", unit: "x", swift: compiler.thousandfold / 10 / compiler.hundredfold))
}
if options.plugin && options.runs("compiler") {
    let plugin = try PluginWorkload.run(repository: repository)
    rows.append(Row(workload: "plugin consumer rebuild, nothing changed", unit: "s", swift: plugin.nothingChanged))
    rows.append(Row(workload: "plugin consumer rebuild, one Swift file changed", unit: "s", swift: plugin.swiftFileChanged))
    rows.append(Row(workload: "plugin consumer rebuild, one schema changed", unit: "s", swift: plugin.schemaChanged))
}

Report.printTable(
    rows,
    heading:
        "zschema-bench: \(count) messages per stream (median of \(options.rounds) runs) and codec, \(trips) round trips, pyzmq \(!options.runs("streams") ? "not run" : python == nil ? "not available" : "with \(pythonCount) messages")"
)
if let path = options.jsonPath { try Report.writeJSON(rows, count: count, roundTrips: trips, rounds: options.rounds, to: path) }
