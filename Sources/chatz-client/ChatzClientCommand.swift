import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// An interactive chat client: lines typed are posted, messages from others are shown.
@main
struct ChatzClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatz-client",
        abstract: "Chat from the terminal: type a line to post it, /who to list users, /quit to leave.",
        discussion: """
            Messages from others appear as '[user] text'. Heartbeats keep the user alive. Requests \
            follow the Lazy Pirate pattern: no reply within --timeout closes and reopens the \
            socket and retries, up to --retries times, then the server is reported unreachable.
            """)

    @Option(help: "Your user name (letters, digits and _).")
    var user: String

    @Option(help: "Where the REQ socket connects.")
    var routerEndpoint = "tcp://localhost:9001"

    @Option(help: "Where the SUB socket connects.")
    var subEndpoint = "tcp://localhost:9002"

    @Option(help: "Seconds between chatz heartbeats (a request that keeps the user on the list).")
    var heartbeat: Double = 2

    @Option(help: "Seconds to wait for a reply before retrying.")
    var timeout: Double = 2.5

    @Option(help: "Attempts per request before giving up.")
    var retries: Int = 3

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    func validate() throws {
        do { _ = try ChatRequest(usr: user).encode() } catch {
            throw ValidationError("'\(user)' is not a user name the schema allows (letters, digits and _).")
        }
        guard heartbeat > 0, timeout > 0, retries >= 1 else {
            throw ValidationError("--heartbeat and --timeout must be positive and --retries at least 1.")
        }
    }

    func run() throws {
        let log = ServiceLog("chatz-client")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.client], log: log)
        defer { secured.stop() }
        let client = try ChatzClient(context: context, reqEndpoint: routerEndpoint, subEndpoint: subEndpoint) { _, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: .client)
        }
        defer { client.close() }
        let pirate = LazyPirate(
            context: context, endpoint: routerEndpoint, socket: client.req,
            timeout: .milliseconds(Int(timeout * 1000)), retries: retries, log: log,
            configure: { socket in
                try zmtpHeartbeat.apply(to: socket)
                try secured.configure(socket, as: .client)
            })

        let joined = try pirate.request(ChatRequest(usr: user))
        if joined == .unreachable { throw ExitCode(3) }
        guard case .answered(let users) = joined else { return }
        log("joined as \(user); users: \(users.joined(separator: ", "))")
        var input = LineReader(fileDescriptor: STDIN_FILENO)
        var nextHeartbeat = Date().addingTimeInterval(heartbeat)
        var running = true
        while running && !trap.isRequested {
            do {
                var poller = try Poller([client.sub], fileDescriptors: input.isOpen ? [STDIN_FILENO] : [])
                let ready = try poller.poll(timeout: .milliseconds(Int(max(0, nextHeartbeat.timeIntervalSinceNow) * 1000)))
                if ready.contains(0) { try showMessage(client) }
                if ready.contains(1) {
                    for line in input.readLines() where running {
                        running = try handle(line: line, pirate: pirate, log: log)
                    }
                    if !input.isOpen { running = false }
                }
                if running, Date() >= nextHeartbeat {
                    let outcome = try pirate.request(ChatRequest(usr: user))
                    if outcome == .unreachable { throw ExitCode(3) }
                    running = outcome != .stopped
                    nextHeartbeat = Date().addingTimeInterval(heartbeat)
                }
            } catch let error as MessageDecodingError {
                log("dropped a malformed message: \(error)")
            } catch {
                if error.isShutdown { running = false } else { throw error }
            }
        }
        log("left")
    }

    /// Shows one broadcast message, unless it is our own.
    private func showMessage(_ client: ChatzClient) throws {
        if let message = try client.sub.receive(timeout: .zero), message.usr != user {
            print("[\(message.usr)] \(message.msg)")
            fflush(nil)
        }
    }

    /// Acts on one typed line; returns false to leave.
    private func handle(line: String, pirate: LazyPirate, log: ServiceLog) throws -> Bool {
        if line == "/quit" { return false }
        if line.isEmpty { return true }
        let request = line == "/who" ? ChatRequest(usr: user) : ChatRequest(usr: user, msg: line)
        do { _ = try request.encode() } catch {
            log("not sent: \(error)")
            return true
        }
        let outcome = try pirate.request(request)
        if outcome == .unreachable { throw ExitCode(3) }
        guard case .answered(let users) = outcome else { return false }
        if line == "/who" {
            print("users: \(users.joined(separator: ", "))")
            fflush(nil)
        }
        return true
    }
}

/// Reads whole lines from a file descriptor without blocking once poll said it is readable.
struct LineReader {
    let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    private(set) var isOpen = true

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    mutating func readLines() -> [String] {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = read(fileDescriptor, &chunk, chunk.count)
        if count <= 0 {
            isOpen = false
            let rest = buffer
            buffer = []
            return rest.isEmpty ? [] : [String(decoding: rest, as: UTF8.self)]
        }
        buffer += chunk.prefix(count)
        var lines: [String] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: buffer[..<newline], as: UTF8.self))
            buffer.removeSubrange(...newline)
        }
        return lines
    }
}
