import Foundation

/// An SVG bar chart of how fast the generated Swift runs against raw C and against
/// swift-protobuf, per workload, drawn from the benchmark's JSON (no plotting dependency).
///
/// Every ratio is drawn as a speed: above 1 Swift is faster. For rates (msg/s) that is the
/// table's Swift/C; for times (ns, µs, ms) it is the inverse. Bars start at 1 on a logarithmic
/// axis, so twice as fast and twice as slow are the same length on either side.
enum RatioChart {
    /// The fields of one JSON row the chart needs.
    struct Entry: Decodable {
        let workload: String
        let unit: String
        let swiftToC: Double?
        let swiftToProtobuf: Double?

        /// Whether a larger figure is better (a rate) rather than worse (a time).
        var isRate: Bool { unit.hasSuffix("/s") }

        /// Swift's speed over the baseline, from a ratio of the table.
        func speed(_ ratio: Double?) -> Double? {
            guard let ratio, ratio > 0, ratio.isFinite else { return nil }
            return isRate ? ratio : 1 / ratio
        }
    }

    private struct File: Decodable { let rows: [Entry] }

    /// Reads `json` (as written by `--json`) and writes the chart to `svg`; the number of bars.
    static func draw(json: URL, svg: URL) throws -> Int {
        let entries = try JSONDecoder().decode(File.self, from: Data(contentsOf: json)).rows
        let (text, bars) = render(entries)
        try Data(text.utf8).write(to: svg)
        return bars
    }

    /// What Swift is compared with, in the order of the bars.
    enum Baseline: CaseIterable {
        case c, protobuf

        var name: String { self == .c ? "raw libzmq in C" : "swift-protobuf" }
        var color: String { self == .c ? "#3b6ea8" : "#d9822b" }
        func ratio(_ entry: Entry) -> Double? { self == .c ? entry.swiftToC : entry.swiftToProtobuf }
    }

    static let baselines = Baseline.allCases

    // Layout, in pixels.
    static let labelWidth = 380.0, plotWidth = 460.0, margin = 16.0
    static let barHeight = 11.0, rowGap = 8.0, top = 64.0
    /// The axis runs over these speeds (clamped beyond them).
    static let lowest = 0.05, highest = 20.0
    static let ticks = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20]

    /// The SVG text and how many bars it has.
    static func render(_ entries: [Entry]) -> (String, Int) {
        let drawn = entries.filter { entry in baselines.contains { entry.speed($0.ratio(entry)) != nil } }
        func x(_ speed: Double) -> Double {
            let clamped = min(max(speed, lowest), highest)
            return margin + labelWidth + (log10(clamped) - log10(lowest)) / (log10(highest) - log10(lowest)) * plotWidth
        }
        var rows: [String] = []
        var y = top
        var bars = 0
        for entry in drawn {
            let present = baselines.filter { entry.speed($0.ratio(entry)) != nil }
            let height = Double(present.count) * barHeight
            rows.append(text(escape(entry.workload), x: margin + labelWidth - 8, y: y + height / 2 + 4, anchor: "end"))
            for (index, baseline) in present.enumerated() {
                let speed = entry.speed(baseline.ratio(entry))!
                let (from, to) = (x(1), x(speed))
                let barY = y + Double(index) * barHeight
                rows.append(
                    "<rect x=\"\(number(min(from, to)))\" y=\"\(number(barY))\" width=\"\(number(max(abs(to - from), 1)))\" height=\"\(number(barHeight - 1))\" fill=\"\(baseline.color)\"><title>\(escape(entry.workload)) against \(baseline.name): \(String(format: "%.2f", speed))x</title></rect>"
                )
                let labelX = speed >= 1 ? to + 4 : to - 4
                rows.append(
                    text(String(format: "%.2f", speed), x: labelX, y: barY + barHeight - 2, anchor: speed >= 1 ? "start" : "end", size: 10))
                bars += 1
            }
            y += height + rowGap
        }
        let width = margin * 2 + labelWidth + plotWidth + 40
        let height = y + 24
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(height))\" viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            text("Generated Swift's speed against each baseline (1 = the same; right of the line is faster)", x: margin, y: 20, anchor: "start", size: 14),
        ]
        var legendX = margin
        for baseline in baselines {
            svg.append("<rect x=\"\(number(legendX))\" y=\"32\" width=\"12\" height=\"10\" fill=\"\(baseline.color)\"/>")
            svg.append(text("against \(baseline.name)", x: legendX + 16, y: 41, anchor: "start", size: 11))
            legendX += 190
        }
        for tick in ticks {
            let tickX = x(tick)
            let stroke = tick == 1 ? "#333" : "#ddd"
            svg.append("<line x1=\"\(number(tickX))\" y1=\"\(number(top - 6))\" x2=\"\(number(tickX))\" y2=\"\(number(y))\" stroke=\"\(stroke)\"/>")
            svg.append(text(tick < 1 ? String(format: "%g", tick) : "\(Int(tick))", x: tickX, y: y + 14, anchor: "middle", size: 10))
        }
        svg += rows
        svg.append("</svg>")
        return (svg.joined(separator: "\n") + "\n", bars)
    }

    private static func text(_ content: String, x: Double, y: Double, anchor: String, size: Int = 12) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">\(content)</text>"
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
