import Foundation
import Testing

/// Sockets are not `Sendable`: the compiler refuses every way of letting two threads use one,
/// and the hand-overs it allows run clean under ThreadSanitizer.
@Suite("Thread safety", .serialized)
struct ThreadSafetyTests {
    @Test(
        "sharing a socket is refused at the line that shares it; handing it over compiles",
        arguments: ["TwoTasksShareASocket", "ThreadAndCallerShareAService", "QueueCapturesASocket", "ActorLeaksItsSocket", "HandedOver"])
    func sharingIsRefused(snippet: String) throws {
        let file = fixtures.appendingPathComponent("Sendability/\(snippet).swift")
        let expected = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().compactMap { index, line in
                line.range(of: "// refused: ").map { (line: index + 1, text: String(line[$0.upperBound...])) }
            }
        // Region-based isolation is checked on SIL, so -typecheck alone would see nothing.
        let result = try run(
            "swiftc",
            ["-emit-sil", "-wmo", "-o", "/dev/null", "-swift-version", "6", "-I", products.appendingPathComponent("Modules").path]
                + cModuleSearchPaths + [file.path, generatedTickz.path])
        let errors = result.output.split(separator: "\n").filter { $0.hasPrefix(file.path + ":") && $0.contains(": error: ") }
        #expect(errors.count == expected.count, "\(snippet): \(errors)")
        for mark in expected {
            #expect(errors.contains { $0.hasPrefix("\(file.path):\(mark.line):") && $0.contains(mark.text) }, "line \(mark.line): \(errors)")
        }
        #expect((result.status == 0) == expected.isEmpty, "\(result.output)")
    }

    @Test("hand-overs between threads and tasks run clean under ThreadSanitizer; a socket shared behind the compiler's back is reported")
    func threadSanitizer() throws {
        let build = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-tsan-\(getpid())")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: build) }
        let common = ["-swift-version", "6", "-sanitize=thread", "-g", "-package-name", "zschema"] + cModuleSearchPaths
        // The runtime and the module it is built on, each a library of its own, as SwiftPM has them.
        for (module, links) in [
            ("ZSchemaClassSequence", [String]()),
            ("ZSchemaRuntime", ["-L", build.path, "-lZSchemaClassSequence", "-Xlinker", "-rpath", "-Xlinker", build.path]),
        ] {
            let sources = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Sources/\(module)").path)
                .filter { $0.hasSuffix(".swift") }.sorted().map { repositoryRoot.appendingPathComponent("Sources/\(module)/\($0)").path }
            let library = try run(
                "swiftc",
                common + [
                    "-parse-as-library", "-emit-library", "-emit-module", "-module-name", module, "-I", build.path, "-o",
                    build.appendingPathComponent("lib\(module).so").path,
                    "-emit-module-path", build.appendingPathComponent("\(module).swiftmodule").path,
                ] + links + sources)
            try #require(library.status == 0, "\(module): \(library.output)")
        }
        let driver = build.appendingPathComponent("driver")
        let program = try run(
            "swiftc",
            common + [
                "-parse-as-library", "-I", build.path, "-L", build.path, "-lZSchemaRuntime", "-Xlinker", "-rpath", "-Xlinker", build.path, "-o", driver.path,
                fixtures.appendingPathComponent("ThreadSanitizer/ThreadSanitizerDriver.swift").path, generatedTickz.path,
            ])
        try #require(program.status == 0, "\(program.output)")

        let clean = try run(driver.path, ["hand-off"], timeout: .seconds(120), environment: ["TSAN_OPTIONS": "halt_on_error=0"])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(!clean.output.contains("ThreadSanitizer"), "\(clean.output)")
        #expect(clean.output.contains("ticks 500 pulled 10000 cancelled true matched 4000"), "\(clean.output)")

        // Without symbolizing: the sanitizer would start llvm-symbolizer as a child of its own.
        let racy = try run(driver.path, ["shared"], timeout: .seconds(120), environment: ["TSAN_OPTIONS": "halt_on_error=0 symbolize=0"])
        #expect(racy.status != 0)
        #expect(racy.output.contains("WARNING: ThreadSanitizer: data race"), "\(racy.output.prefix(2000))")
    }
}

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
private let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")
private let generatedTickz = repositoryRoot.appendingPathComponent("Tests/ZSchemaGeneratedTests/Generated/tickz.swift")
/// The build's products folder, which holds the test bundle and the built modules.
private let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
private let cModuleSearchPaths = [
    "-I", repositoryRoot.appendingPathComponent("Sources/CZeroMQ").path, "-I", repositoryRoot.appendingPathComponent("Sources/CPCRE2").path,
]

/// Runs `program` (looked up on `PATH`) and returns its exit status with standard output and
/// error together; kills it after `timeout`.
///
/// It spawns and reaps the child itself (`posix_spawnp`, `waitpid`) rather than through
/// Foundation's `Process`, whose exit monitoring was seen to miss the exit of the sanitizer's
/// driver, leaving a zombie and the test waiting forever.
private func run(
    _ program: String, _ arguments: [String], timeout: Duration = .seconds(300), environment: [String: String] = [:]
)
    throws -> (status: Int32, output: String)
{
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    let envp = variables.map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, envp)
    try #require(spawned == 0, "posix_spawnp \(program): \(String(cString: strerror(spawned)))")
    let deadline = ContinuousClock.now + timeout
    var status: Int32 = 0
    while waitpid(pid, &status, WNOHANG) == 0 {
        if ContinuousClock.now > deadline {
            kill(pid, SIGKILL)
            Issue.record("\(program) did not finish within \(timeout)")
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            break
        }
        usleep(20_000)
    }
    // WIFEXITED and WEXITSTATUS are macros Swift does not import.
    let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (exitStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
}
