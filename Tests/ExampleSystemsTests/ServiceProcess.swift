import ExampleSystems
import Foundation
import Testing
import ZSchemaRuntime

/// One of the built service executables, run as a subprocess with its standard streams captured.
final class ServiceProcess: @unchecked Sendable {
    let name: String
    private let process = Process()
    private let input = Pipe()
    let output: StreamCollector
    let log: StreamCollector

    /// Starts `executable` with `arguments`: from the build's products folder, else from the
    /// folder `ZSCHEMA_BIN` names (how dealz's package finds the main package's services).
    convenience init(_ executable: String, _ arguments: [String]) throws {
        try self.init(name: executable, url: try Self.locate(executable), arguments: arguments)
    }

    /// Starts `executable` (found as the other initializer finds it) inside the network
    /// namespace `namespace`, through `ip netns exec`, which replaces itself with the program.
    convenience init(_ executable: String, _ arguments: [String], inNamespace namespace: String) throws {
        let program = try Self.locate(executable)
        try self.init(
            name: "\(executable)@\(namespace)", url: URL(fileURLWithPath: "/bin/ip"), arguments: ["netns", "exec", namespace, program.path] + arguments)
    }

    /// Where the built `executable` is: the build's products folder, else `ZSCHEMA_BIN`.
    static func locate(_ executable: String) throws -> URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let folders = [products.path] + (ProcessInfo.processInfo.environment["ZSCHEMA_BIN"].map { [$0] } ?? [])
        let found = folders.map { URL(fileURLWithPath: $0).appendingPathComponent(executable) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "no \(executable) in \(folders); build the main package and set ZSCHEMA_BIN to its bin path")
    }

    /// Starts a Python program (Debian's python3, which has pyzmq) with `arguments`.
    convenience init(python script: String, _ arguments: [String]) throws {
        try self.init(name: "python", url: URL(fileURLWithPath: "/usr/bin/python3"), arguments: ["-c", script] + arguments)
    }

    /// Starts any program by path.
    convenience init(shell path: String, _ arguments: [String]) throws {
        try self.init(name: path, url: URL(fileURLWithPath: path), arguments: arguments)
    }

    private init(name: String, url: URL, arguments: [String]) throws {
        self.name = name
        process.executableURL = url
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = input
        process.standardOutput = stdout
        process.standardError = stderr
        output = StreamCollector(stdout.fileHandleForReading)
        log = StreamCollector(stderr.fileHandleForReading)
        try process.run()
    }

    /// Writes a line to the program's standard input.
    func type(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Closes the program's standard input.
    func closeInput() { try? input.fileHandleForWriting.close() }

    /// The program's resident memory now, in MiB (`VmRSS` in /proc), or nil once it has exited.
    var residentMegabytes: Double? { ProcessMemory.megabytes("VmRSS", process: "\(process.processIdentifier)") }

    /// The processor time the program has used so far (user and system), in seconds, from
    /// /proc/PID/stat; nil once it has exited.
    var cpuSeconds: Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let afterName = stat.range(of: ") ", options: .backwards)
        else { return nil }
        // Fields 14 and 15 (utime, stime) are the 12th and 13th after the name's closing parenthesis.
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Sends `signal` (SIGINT, SIGTERM, SIGKILL).
    func send(_ signal: Int32) { if process.isRunning { kill(process.processIdentifier, signal) } }

    /// Waits at most `timeout` for the program to exit; its status, or nil if it is still running.
    @discardableResult
    func wait(timeout: Duration = .seconds(10)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { return nil }
        // Everything the program wrote is read before its status is reported.
        output.waitForEnd()
        log.waitForEnd()
        return process.terminationStatus
    }

    /// ``wait(timeout:)`` for long waits: it sleeps the task, not the thread, so that a test that
    /// waits a minute for a program does not hold one of the cooperative pool's few threads
    /// (two such waits on two cores would stall every other test of the run).
    func exitStatus(within timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return wait(timeout: .zero)
    }

    /// Stops the program with SIGINT and checks that it exits cleanly and promptly.
    func stop(sourceLocation: SourceLocation = #_sourceLocation) {
        send(SIGINT)
        let status = wait(timeout: .seconds(5))
        #expect(status == 0, "\(name) did not stop cleanly on SIGINT; log:\n\(log.text)", sourceLocation: sourceLocation)
        if status == nil { send(SIGKILL); wait() }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            // Bounded, not waitUntilExit(): a missed exit must not hang the whole suite.
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }
    }
}

/// Collects what a stream delivers, on a thread of its own, and lets tests wait for text.
final class StreamCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let ended = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
            ended.signal()
        }
    }

    /// Waits (at most five seconds) until the stream has ended.
    func waitForEnd() {
        if ended.wait(timeout: .now() + 5) == .success { ended.signal() }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }

    var lines: [String] { text.split(separator: "\n").map(String.init) }

    /// ``waitFor(_:timeout:)``, sleeping the task instead of the thread.
    func appears(_ needle: String, within timeout: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !text.contains(needle), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return text.contains(needle)
    }

    /// Waits at most `timeout` until the text contains `needle`.
    @discardableResult
    func waitFor(_ needle: String, timeout: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return text.contains(needle)
    }
}

extension ServiceProcess {
    /// For a valuz worker that has exited: how many orders it says it valued, or -1.
    var valuedOrders: Int {
        let line = log.lines.first { $0.contains("EXIT after valuing") } ?? ""
        return Int(line.split(separator: " ").dropLast().last ?? "") ?? -1
    }
}

/// The number after `"key": ` in a program's JSON output, read from the text as printed
/// (JSONSerialization may round the last digit of a double, and totals are compared exactly).
func jsonNumber(_ key: String, in text: String) throws -> Double {
    let start = try #require(text.range(of: "\"\(key)\": "))
    return try #require(Double(text[start.upperBound...].prefix { $0 != "," && $0 != "}" }))
}

/// Sends one message with a 100 MB frame to `endpoint` from a socket of its own (after
/// `leading` frames), waits half a second for it to get there, and closes the socket: a server
/// with MAXMSGSIZE set makes libzmq drop that peer and goes on.
func sendHugeFrame(to endpoint: String, type: SocketType = .push, leading: [[UInt8]] = [], context: ZMQContext) throws {
    let hostile = try ZMQSocket(context: context, type: type, linger: .zero)
    defer { hostile.close() }
    try hostile.connect(endpoint)
    try hostile.send(frames: leading + [[UInt8](repeating: 0x41, count: 100 * 1024 * 1024)])
    Thread.sleep(forTimeInterval: 0.5)
}

/// A loopback TCP port that was free a moment ago.
func freePort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            _ = bind(descriptor, socketAddress, length)
            _ = getsockname(descriptor, socketAddress, &length)
        }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// `tcp://127.0.0.1:<free port>`.
func freeEndpoint() -> String { "tcp://127.0.0.1:\(freePort())" }

/// Whether Debian's python3 with pyzmq is there.
let pythonWithZMQ = FileManager.default.fileExists(atPath: "/usr/bin/python3")
