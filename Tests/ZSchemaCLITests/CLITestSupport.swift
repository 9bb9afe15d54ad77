import Foundation
import Testing

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

/// What a finished `zschema` run printed and returned.
struct CommandResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// Runs the built `zschema` executable with `arguments` in the repository root, bounded in time.
func zschema(_ arguments: [String], timeout: Duration = .seconds(60)) throws -> CommandResult {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let executable = products.appendingPathComponent("zschema")
    try #require(FileManager.default.isExecutableFile(atPath: executable.path), "no zschema at \(executable.path)")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes while the process runs, so a large output cannot block it.
    let outputData = ReadBuffer(output.fileHandleForReading)
    let errorData = ReadBuffer(error.fileHandleForReading)
    let deadline = ContinuousClock.now + timeout
    while process.isRunning {
        if ContinuousClock.now > deadline {
            process.terminate()
            Issue.record("zschema \(arguments) did not finish within \(timeout)")
            break
        }
        Thread.sleep(forTimeInterval: 0.01)
    }
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, standardOutput: outputData.text(), standardError: errorData.text())
}

/// Collects everything a pipe delivers, on a background thread.
final class ReadBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.withLock { data = all }
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}

/// A new empty temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zschema-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a command through `/usr/bin/env`, bounded in time; its exit status and its standard
/// output and error together. It waits by sleeping the task, so a long build does not hold one
/// of the cooperative pool's threads (two such waits would stop every other test).
func runCommand(_ command: [String], timeout: Duration) async throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = ReadBuffer(pipe.fileHandleForReading)
    let deadline = ContinuousClock.now + timeout
    while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
    if process.isRunning {
        process.terminate()
        Issue.record("\(command) did not finish within \(timeout)")
    }
    process.waitUntilExit()
    return (process.terminationStatus, output.text())
}
