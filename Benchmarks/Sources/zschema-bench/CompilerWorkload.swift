import Foundation

/// Compiler speed: `zschema compile` on the project's schemas once, 100 and 1,000 times over
/// (renamed systems, their own ports), run as the same executable the build plugin uses. Each
/// figure is the median of `rounds` runs, each into a folder of its own that does not exist yet,
/// as a clean build's is: this machine's timings of one run vary by 2×.
enum CompilerWorkload {
    struct Timing {
        let once: Double
        /// 400 files.
        let hundredfold: Double
        /// 4,000 files.
        let thousandfold: Double
    }

    /// Nil when the zschema tool is not next to this executable (SwiftPM names the plugin's copy
    /// `zschema-tool`).
    static func run(schemas: URL, rounds: Int) throws -> Timing? {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        guard
            let tool = ["zschema-tool", "zschema"].map({ products.appendingPathComponent($0) })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { return nil }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-bench-compile-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let names = ["chatz", "dealz", "tickz", "valuz"]
        let texts = try names.map { try String(contentsOf: schemas.appendingPathComponent("\($0).zschema"), encoding: .utf8) }
        func copies(_ count: Int) throws -> URL {
            let folder = work.appendingPathComponent("\(count)fold")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for copy in 0..<count {
                for (name, text) in zip(names, texts) {
                    try renamed(text, copy: copy).write(to: folder.appendingPathComponent("\(name)\(copy).zschema"), atomically: true, encoding: .utf8)
                }
            }
            return folder
        }
        var runs = 0
        func time(_ input: URL) throws -> Double {
            try median(
                (0..<max(1, rounds)).map { _ in
                    runs += 1
                    let process = Process()
                    process.executableURL = tool
                    process.arguments = ["compile", input.path, "--output", work.appendingPathComponent("out-\(runs)").path]
                    let start = ContinuousClock.now
                    try process.run()
                    process.waitUntilExit()
                    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
                    return (ContinuousClock.now - start).seconds
                })
        }
        return Timing(once: try time(schemas), hundredfold: try time(try copies(100)), thousandfold: try time(try copies(1000)))
    }

    /// The schema with every system name suffixed by `copy`, every explicit message name too,
    /// and every tcp port moved to a range of its own (20001-40016 for 1,000 copies).
    static func renamed(_ text: String, copy: Int) -> String {
        var result = text
        for system in ["tickz", "chatz", "valuz", "dealz"] {
            result = result.replacingOccurrences(of: system, with: "\(system)\(copy)")
        }
        result = result.replacingOccurrences(of: #"(<<|<-|->) ([A-Z]\w*) \["#, with: "$1 $2X\(copy) [", options: .regularExpression)
        for port in 9001...9016 {
            result = result.replacingOccurrences(of: ":\(port)", with: ":\(20_000 + copy * 20 + port - 9000)")
        }
        return result
    }
}
