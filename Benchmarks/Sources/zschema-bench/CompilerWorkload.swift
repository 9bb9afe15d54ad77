import Foundation

/// Compiler speed: `zschema compile` on the project's schemas once, 100 and 1,000 times over
/// (renamed systems, their own ports), run as the same executable the build plugin uses. Each
/// figure is the median of `rounds` runs, each into a folder of its own that does not exist yet,
/// as a clean build's is: this machine's timings of one run vary by 2×.
///
/// The 4,000 files are compiled twice over: on disk, and, where there is a `/dev/shm`, with
/// inputs and outputs in memory. On this machine's ext4, creating a file soon after many were
/// deleted (the benchmark's own copies, a build's) costs the kernel up to 0.7 ms: the kernel
/// time of the disk runs is reported too, so that the compiler's share stays visible.
enum CompilerWorkload {
    struct Timing {
        let once: Double
        /// 400 files.
        let hundredfold: Double
        /// 4,000 files on disk.
        let thousandfold: Double
        /// The kernel's CPU time in the runs of `thousandfold` (median).
        let thousandfoldKernel: Double
        /// 4,000 files in a tmpfs folder; nil without `/dev/shm`.
        let thousandfoldInMemory: Double?
    }

    /// A compile's wall-clock time and the kernel CPU time it took, in seconds (one run, or
    /// the medians of several).
    private struct Run {
        let wall: Double
        let kernel: Double
    }

    /// Nil when the zschema tool is not next to this executable (SwiftPM names the plugin's copy
    /// `zschema-tool`).
    static func run(schemas: URL, rounds: Int) throws -> Timing? {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        guard
            let tool = ["zschema-tool", "zschema"].map({ products.appendingPathComponent($0) })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { return nil }
        let folderName = "zschema-bench-compile-\(getpid())"
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(folderName)
        defer { try? FileManager.default.removeItem(at: work) }
        let shm = URL(fileURLWithPath: "/dev/shm")
        let memory = FileManager.default.isWritableFile(atPath: shm.path) ? shm.appendingPathComponent(folderName) : nil
        defer { if let memory { try? FileManager.default.removeItem(at: memory) } }
        let names = ["chatz", "dealz", "tickz", "valuz"]
        let texts = try names.map { try String(contentsOf: schemas.appendingPathComponent("\($0).zschema"), encoding: .utf8) }
        func copies(_ count: Int, in base: URL) throws -> URL {
            let folder = base.appendingPathComponent("\(count)fold")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for copy in 0..<count {
                for (name, text) in zip(names, texts) {
                    try renamed(text, copy: copy).write(to: folder.appendingPathComponent("\(name)\(copy).zschema"), atomically: true, encoding: .utf8)
                }
            }
            return folder
        }
        var runs = 0
        func time(_ input: URL, outputIn base: URL = work) throws -> Run {
            let measured = try (0..<max(1, rounds)).map { _ in
                runs += 1
                return try compile(tool: tool, input: input, output: base.appendingPathComponent("out-\(runs)"))
            }
            return Run(wall: median(measured.map(\.wall)), kernel: median(measured.map(\.kernel)))
        }
        let thousandfold = try time(try copies(1000, in: work))
        return Timing(
            once: try time(schemas).wall, hundredfold: try time(try copies(100, in: work)).wall, thousandfold: thousandfold.wall,
            thousandfoldKernel: thousandfold.kernel,
            thousandfoldInMemory: try memory.map { try time(try copies(1000, in: $0), outputIn: $0).wall })
    }

    /// Runs `zschema compile` once; the kernel time is the children's `getrusage` before and after.
    private static func compile(tool: URL, input: URL, output: URL) throws -> Run {
        let process = Process()
        process.executableURL = tool
        process.arguments = ["compile", input.path, "--output", output.path]
        let kernelBefore = childrenKernelSeconds()
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let wall = (ContinuousClock.now - start).seconds
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return Run(wall: wall, kernel: childrenKernelSeconds() - kernelBefore)
    }

    private static func childrenKernelSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
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
