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

    @Option(help: "Seconds between heartbeats.")
    var heartbeat: Double = 2

    @Option(help: "Seconds to wait for a reply before retrying.")
    var timeout: Double = 2.5

    @Option(help: "Attempts per request before giving up.")
    var retries: Int = 3

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
        let client = try ChatzClient(context: context, reqEndpoint: routerEndpoint, subEndpoint: subEndpoint)
        defer { client.close() }
        let pirate = LazyPirate(
            context: context, endpoint: routerEndpoint, socket: client.req,
            timeout: .milliseconds(Int(timeout * 1000)), retries: retries, log: log)

        guard case .answered(let users) = try pirate.request(ChatRequest(usr: user)) else { return }
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
                    running = try pirate.request(ChatRequest(usr: user)) != .stopped
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
        guard case .answered(let users) = try pirate.request(request) else { return false }
        if line == "/who" {
            print("users: \(users.joined(separator: ", "))")
            fflush(nil)
        }
        return true
    }
}

/// Reliable request-reply over REQ (the ZeroMQ guide's Lazy Pirate): wait a bounded time for
/// each reply; on a timeout close the socket, open a new one and resend; give up after
/// `retries` attempts.
final class LazyPirate {
    enum Outcome: Equatable {
        case answered([String])
        case stopped
    }

    let context: ZMQContext
    let endpoint: String
    private(set) var socket: ChatzClient.ReqSocket
    let timeout: Duration
    let retries: Int
    let log: ServiceLog

    init(context: ZMQContext, endpoint: String, socket: ChatzClient.ReqSocket, timeout: Duration, retries: Int, log: ServiceLog) {
        self.context = context
        self.endpoint = endpoint
        self.socket = socket
        self.timeout = timeout
        self.retries = retries
        self.log = log
    }

    func request(_ request: ChatRequest) throws -> Outcome {
        for attempt in 1...retries {
            do {
                try socket.send(request)
                if let reply = try socket.receive(timeout: timeout) {
                    switch reply {
                    case .userList(let list): return .answered(list.usr)
                    case .noUsers: return .answered([])
                    }
                }
            } catch {
                if error.isShutdown { return .stopped }
                throw error
            }
            log("no reply from \(endpoint) within \(timeout) (attempt \(attempt) of \(retries))")
            socket.socket.close()
            socket = try ChatzClient.ReqSocket(context: context, endpoint: endpoint, bind: false)
        }
        log("server unreachable at \(endpoint); giving up")
        throw ExitCode(3)
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
