import Foundation

/// One line of the report: a workload measured the generated-Swift way and, where it applies,
/// the raw-C, pyzmq and swift-protobuf ways in the same run.
struct Row: Encodable {
    let workload: String
    let unit: String
    var c: Double? = nil
    let swift: Double
    var pyzmq: Double? = nil
    var protobuf: Double? = nil

    /// Swift over C: for rates higher is better, for times lower is better.
    var swiftToC: Double? { c.map { swift / $0 } }
    /// Swift over pyzmq.
    var swiftToPython: Double? { pyzmq.map { swift / $0 } }
    /// Swift over swift-protobuf (times: below 1 means the generated codec is faster).
    var swiftToProtobuf: Double? { protobuf.map { swift / $0 } }
}

/// The JSON form carries the ratios too, so a reader of the file need not work them out.
extension Row {
    enum CodingKeys: String, CodingKey { case workload, unit, c, swift, pyzmq, protobuf, swiftToC, swiftToPython, swiftToProtobuf }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workload, forKey: .workload)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(c, forKey: .c)
        try container.encode(swift, forKey: .swift)
        try container.encodeIfPresent(pyzmq, forKey: .pyzmq)
        try container.encodeIfPresent(protobuf, forKey: .protobuf)
        try container.encodeIfPresent(swiftToC, forKey: .swiftToC)
        try container.encodeIfPresent(swiftToPython, forKey: .swiftToPython)
        try container.encodeIfPresent(swiftToProtobuf, forKey: .swiftToProtobuf)
    }
}

/// The terminal table and the JSON file.
enum Report {
    static func printTable(_ rows: [Row], heading: String) {
        print(heading)
        let widths = [50, 8, 11, 11, 8, 9, 9, 9, 9]
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, cell.1 - cell.0.count))
                return index < 2 ? cell.0 + padding : padding + cell.0
            }.joined(separator: " ")
        }
        print(line(["workload", "unit", "C", "Swift", "Swift/C", "pyzmq", "Swift/py", "protobuf", "Swift/pb"]))
        for row in rows {
            print(
                line([
                    row.workload, row.unit, format(row.c), format(row.swift), format(row.swiftToC),
                    format(row.pyzmq), format(row.swiftToPython), format(row.protobuf), format(row.swiftToProtobuf),
                ]))
        }
    }

    static func writeJSON(_ rows: [Row], count: Int, roundTrips: Int, rounds: Int, to path: String) throws {
        struct File: Encodable { let count: Int; let roundTrips: Int; let rounds: Int; let rows: [Row] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(File(count: count, roundTrips: roundTrips, rounds: rounds, rows: rows)).write(to: URL(fileURLWithPath: path))
    }

    private static func format(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value >= 1000 { return String(format: "%.0f", value) }
        return value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
    }
}
