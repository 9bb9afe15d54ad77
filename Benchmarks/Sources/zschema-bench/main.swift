import CBaseline
import Foundation

// zschema-bench [--count N] [--json FILE]: every workload through raw C, generated Swift and
// pyzmq in one run; each figure with its ratio to the C baseline measured in the same run.

var count = 1_000_000
var jsonPath: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--count": count = arguments.popFirst().flatMap(Int.init) ?? count
    case "--json": jsonPath = arguments.popFirst()
    case "--allocation-probe":
        // Only the typed Swift PUSH/PULL stream over inproc, for counting allocations under
        // valgrind: run with two counts and divide the difference in allocations.
        let probeCount = arguments.popFirst().flatMap(Int.init) ?? 10_000
        _ = try SwiftWorkloads.tickStream(endpoint: "inproc://allocation-probe", count: probeCount, pubsub: false)
        exit(0)
    case "--help":
        print("usage: zschema-bench [--count N] [--json FILE]   (N messages per stream workload; default 1000000)")
        print("       zschema-bench --allocation-probe N        (only the Swift PUSH/PULL stream, for valgrind)")
        exit(0)
    default:
        FileHandle.standardError.write(Data("zschema-bench: unknown argument \(argument)\n".utf8))
        exit(64)
    }
}
guard count >= 100 else {
    FileHandle.standardError.write(Data("zschema-bench: --count must be at least 100\n".utf8))
    exit(64)
}

struct Row: Codable {
    let workload: String
    let unit: String
    let c: Double?
    let swift: Double
    let pyzmq: Double?
    /// Swift over C: for rates, higher is better; for times, lower is better.
    var swiftToC: Double? { c.map { swift / $0 } }
}

var rows: [Row] = []
let ipc = "ipc:///tmp/zschema-bench-\(getpid())"
let transports = [("inproc", "inproc://zschema-bench"), ("ipc", ipc), ("tcp", "tcp://127.0.0.1:*")]
let pythonCount = max(100, count / 10)
let python = PythonWorkloads.run(count: pythonCount, endpoints: transports.map(\.1).map { $0 == "inproc://zschema-bench" ? "inproc://py" : $0 })

for (pubsub, pattern) in [(false, "push-pull"), (true, "pub-sub")] {
    for (name, endpoint) in transports {
        let c = cb_tick_stream(endpoint, count, pubsub ? 1 : 0)
        let swift = try SwiftWorkloads.tickStream(endpoint: endpoint, count: count, pubsub: pubsub)
        let pyEndpoint = endpoint == "inproc://zschema-bench" ? "inproc://py" : endpoint
        let py = python?["\(pattern) \(pyEndpoint)"].map { Double(pythonCount) / $0 }
        rows.append(Row(workload: "tick \(pattern) \(name)", unit: "msg/s", c: c > 0 ? Double(count) / c : nil, swift: Double(count) / swift, pyzmq: py))
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
let trips = max(1000, count / 20)
for (name, endpoint) in transports where name != "ipc" {
    var c = [Double](repeating: 0, count: trips)
    _ = cb_tick_round_trips(endpoint, trips, &c)
    let swift = try SwiftWorkloads.roundTrips(endpoint: endpoint, count: trips)
    let (cs, ss) = (c.sorted(), swift.sorted())
    for (label, p) in [("p50", 0.5), ("p99", 0.99)] {
        rows.append(Row(workload: "tick req-rep \(name) \(label)", unit: "µs", c: percentile(cs, p) * 1e6, swift: percentile(ss, p) * 1e6, pyzmq: nil))
    }
    rows.append(Row(workload: "tick req-rep \(name) mean", unit: "µs", c: cs.reduce(0, +) / Double(trips) * 1e6, swift: ss.reduce(0, +) / Double(trips) * 1e6, pyzmq: nil))
}

let codec = count
rows.append(Row(workload: "tick encode+decode (C: zmq_msg_t, Swift: byte arrays)", unit: "ns/msg",
                c: cb_tick_codec(codec) / Double(codec) * 1e9, swift: try SwiftWorkloads.tickCodec(count: codec) / Double(codec) * 1e9, pyzmq: nil))
rows.append(Row(workload: "valuz order decode with pattern check", unit: "ns/msg", c: nil,
                swift: try SwiftWorkloads.orderDecode(count: codec) / Double(codec) * 1e9, pyzmq: nil))
rows.append(Row(workload: "PCRE2 JIT validation of a 4-byte frame", unit: "ns/frame", c: nil,
                swift: SwiftWorkloads.patternValidation(count: codec) / Double(codec) * 1e9, pyzmq: nil))

let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Schemas").standardized
if let compiler = try CompilerWorkload.run(schemas: schemas) {
    rows.append(Row(workload: "zschema compile Schemas/ (4 files), process included", unit: "ms", c: nil, swift: compiler.once * 1000, pyzmq: nil))
    rows.append(Row(workload: "zschema compile 100x Schemas/ (400 files)", unit: "ms", c: nil, swift: compiler.hundredfold * 1000, pyzmq: nil))
}

func format(_ value: Double?) -> String {
    guard let value else { return "-" }
    return value >= 1000 ? String(format: "%.0f", value) : String(format: "%.2f", value)
}
print("zschema-bench: \(count) messages per stream, \(trips) round trips, pyzmq \(python == nil ? "not available" : "with \(pythonCount) messages")")
func line(_ cells: [String]) -> String {
    let widths = [54, 9, 11, 11, 8, 10, 9]
    return zip(cells, widths).enumerated().map { index, cell in
        let padding = String(repeating: " ", count: max(0, cell.1 - cell.0.count))
        return index < 2 ? cell.0 + padding : padding + cell.0
    }.joined(separator: " ")
}
print(line(["workload", "unit", "C", "Swift", "Swift/C", "pyzmq", "Swift/py"]))
for row in rows {
    let overPython = row.pyzmq.map { row.swift / $0 }
    print(line([row.workload, row.unit, format(row.c), format(row.swift), format(row.swiftToC), format(row.pyzmq), format(overPython)]))
}
if let jsonPath {
    struct Report: Codable { let count: Int; let roundTrips: Int; let rows: [Row] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(Report(count: count, roundTrips: trips, rows: rows)).write(to: URL(fileURLWithPath: jsonPath))
}
try? FileManager.default.removeItem(atPath: String(ipc.dropFirst("ipc://".count)))
