import Foundation

/// valuz-worker processes that dealz starts for itself (`--spawn-workers`), as the talk's dealz
/// host started its workers, and stops when it exits.
public final class WorkerPool: Sendable {
    private let processes: [Process]

    /// Starts `count` copies of `executable`, connected to dealz's order, result and control
    /// endpoints with dealz's heartbeat, and `arguments` (credentials); their standard error goes
    /// to dealz's.
    public init(count: Int, executable: URL, endpoints: DealzEndpoints, arguments: [String] = []) throws {
        var processes: [Process] = []
        for index in 1...max(count, 1) where count > 0 {
            let process = Process()
            process.executableURL = executable
            process.arguments =
                [
                    "--name", "dealz-\(index)",
                    "--pull-endpoint", try Self.connectable(endpoints.push),
                    "--push-endpoint", try Self.connectable(endpoints.pull),
                    "--sub-endpoint", try Self.connectable(endpoints.pub),
                ] + endpoints.heartbeat.arguments + arguments
            try process.run()
            processes.append(process)
        }
        self.processes = processes
    }

    /// Process ids of the workers, for the log.
    public var identifiers: [Int32] { processes.map(\.processIdentifier) }

    /// Waits up to `grace` for the workers to exit (dealz has sent EXIT), then ends the rest.
    public func stop(grace: Duration = .seconds(2)) {
        let deadline = ContinuousClock.now + grace
        while processes.contains(where: \.isRunning) && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        for process in processes where process.isRunning { process.terminate() }
        for process in processes { process.waitUntilExit() }
    }

    /// Where a worker on this machine connects to reach a socket that binds `endpoint`:
    /// `tcp://*:9014` becomes `tcp://localhost:9014`.
    static func connectable(_ endpoint: String) throws -> String {
        guard endpoint.hasPrefix("tcp://"), let colon = endpoint.lastIndex(of: ":"), endpoint[colon...].count > 1 else {
            return endpoint
        }
        let host = endpoint.dropFirst("tcp://".count).prefix { $0 != ":" }
        guard !endpoint[endpoint.index(after: colon)...].contains("*") else {
            throw WorkerPoolError("workers need a fixed port to connect to, not \(endpoint)")
        }
        return host == "*" || host == "0.0.0.0" ? "tcp://localhost" + endpoint[colon...] : endpoint
    }
}

/// Why the workers could not be started.
public struct WorkerPoolError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
