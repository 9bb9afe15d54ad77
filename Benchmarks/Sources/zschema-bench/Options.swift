import Foundation

/// The command line: `zschema-bench [--count N] [--json FILE] [--plugin]`, or one Swift
/// workload alone for a profiler.
struct Options {
    /// Messages per stream and codec workload.
    var count = 1_000_000
    var jsonPath: String?
    /// Runs of each stream workload, C and Swift alternating, the median reported; round trips
    /// are split into as many alternating rounds and their samples pooled.
    var rounds = 5
    /// Run only these sections (`streams`, `curve`, `round-trips`, `codecs`, `threads`, `compiler`); all if empty.
    var sections: Set<String> = []
    /// Also time incremental builds of a package that uses the build plugin (a minute or more).
    var plugin = false
    /// Run only this workload (`stream`, `tick-codec`, `order-codec`, or the same prefixed `c-`
    /// for the C baseline) `count` times, for valgrind or perf, and print nothing.
    var profile: String?
    /// `--chart JSON SVG`: draw the ratios of an earlier run and exit.
    var chart: (json: String, svg: String)?

    static let usage = """
        usage: zschema-bench [--count N] [--json FILE] [--only SECTION]... [--plugin]
          --count N    messages per stream and codec workload (default 1000000, at least 100)
          --rounds R   runs of each stream (median reported) and rounds of round trips, C and
                       Swift alternating (default 5)
          --only S     only section S: streams, curve, round-trips, codecs, threads, async, memory or compiler
                       (repeatable)
          --json FILE  also write the figures as JSON
          --plugin     also time incremental builds of a package using the build plugin
        zschema-bench --profile [c-]stream|tcp-stream|async-stream|subscriber|[c-]tick-codec|[c-]tick-buffer|tick-default|[c-]order-codec N
        zschema-bench --profile chat-decode|chat-decode-2|tick-decode-2 N
                       run one Swift (or, with c-, C) workload alone, for valgrind or perf; -2 on two
                       threads at once
        zschema-bench --chart FILE.json FILE.svg
                       draw the Swift/C and Swift/protobuf ratios of a --json run as an SVG bar chart
        zschema-bench --allocation-probe N
                       the same as --profile stream N (kept for docs/Performance.md)
        """

    static let sectionNames = ["streams", "curve", "round-trips", "codecs", "threads", "async", "memory", "compiler"]

    /// Whether section `name` runs.
    func runs(_ name: String) -> Bool { sections.isEmpty || sections.contains(name) }

    static let profiles = [
        "stream", "tcp-stream", "async-stream", "subscriber", "tick-codec", "tick-buffer", "tick-default", "order-codec", "chat-decode",
        "chat-decode-2", "tick-decode-2", "c-stream", "c-tick-codec", "c-tick-buffer", "c-order-codec",
    ]

    /// Parses the arguments, or prints the usage and exits (64 on a bad argument).
    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("zschema-bench: \(message)\n\(usage)\n".utf8))
            exit(64)
        }
        func number(after flag: String) -> Int {
            guard let text = rest.popFirst(), let value = Int(text), value > 0 else { fail("\(flag) needs a positive number") }
            return value
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--count": options.count = number(after: argument)
            case "--json":
                guard let path = rest.popFirst() else { fail("--json needs a file name") }
                options.jsonPath = path
            case "--plugin": options.plugin = true
            case "--rounds": options.rounds = number(after: argument)
            case "--only":
                guard let section = rest.popFirst(), sectionNames.contains(section) else {
                    fail("--only needs one of \(sectionNames.joined(separator: ", "))")
                }
                options.sections.insert(section)
            case "--profile":
                guard let name = rest.popFirst(), profiles.contains(name) else { fail("--profile needs one of \(profiles.joined(separator: ", "))") }
                options.profile = name
                options.count = number(after: argument)
            case "--allocation-probe":
                options.profile = "stream"
                options.count = number(after: argument)
            case "--chart":
                guard let json = rest.popFirst(), let svg = rest.popFirst() else { fail("--chart needs a JSON file and an SVG file") }
                options.chart = (json, svg)
            case "--help", "-h":
                print(usage)
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
        if options.profile == nil && options.count < 100 { fail("--count must be at least 100") }
        return options
    }
}
