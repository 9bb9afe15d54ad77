import ArgumentParser
import ExampleSystems
import Foundation
import ZSchemaRuntime

/// Keeps the list of chat users and broadcasts what they post.
@main
struct ChatzServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chatz-server",
        abstract: "Chat server: answers every request with the user list and broadcasts posted messages.",
        discussion: """
            A request with a user name alone joins or keeps the user alive; with a message it also \
            posts it. Users expire after --ttl seconds without a request. A malformed request is \
            logged and still answered, so no client is left waiting.
            """)

    @Option(help: "Where the ROUTER socket for requests binds.")
    var routerEndpoint = "tcp://*:9001"

    @Option(help: "Where the PUB socket for messages binds.")
    var pubEndpoint = "tcp://*:9002"

    @Option(help: "Seconds of silence after which a user expires.")
    var ttl: Double = 10

    @Option(help: "Seconds between log lines of the user count and the memory in use; 0 for none.")
    var statsEvery: Double = 0

    @Option(help: "The largest frame accepted, in bytes; a peer sending a larger one is disconnected.")
    var maxFrameSize: Int64 = 64 * 1024

    @OptionGroup(title: "ZMTP heartbeats")
    var zmtpHeartbeat: HeartbeatOptions

    @OptionGroup(title: "Security")
    var security: SecurityOptions

    func validate() throws {
        guard ttl > 0 else { throw ValidationError("--ttl must be positive.") }
        guard statsEvery.isFinite, statsEvery >= 0, statsEvery <= 86_400 else {
            throw ValidationError("--stats-every must be from 0 to 86400 seconds.")
        }
        guard maxFrameSize > 0 else { throw ValidationError("--max-frame-size must be positive.") }
    }

    func run() throws {
        let log = ServiceLog("chatz-server")
        let context = ZMQContext()
        let trap = ShutdownTrap(context: context, log: log)
        // Declared before the sockets, so that the ZAP authenticator stops after they close.
        let secured = try security.start(context: context, roles: [.server], log: log)
        defer { secured.stop() }
        // Before binding: libzmq applies the limit to the connections the listener accepts.
        let limit = maxFrameSize
        let server = try ChatzServer(context: context, routerEndpoint: routerEndpoint, pubEndpoint: pubEndpoint) { _, socket in
            try zmtpHeartbeat.apply(to: socket)
            try secured.configure(socket, as: .server)
            try socket.setMaximumMessageSize(limit)
        }
        defer { server.close() }
        server.router.socket.maximumFrameCount = 16
        log("requests on \(try server.router.socket.lastEndpoint), messages on \(try server.pub.socket.lastEndpoint), ttl \(ttl) s")

        var lastSeen: [String: Date] = [:]
        func answer(_ peer: RoutingEnvelope) throws {
            let users = lastSeen.keys.sorted()
            if users.isEmpty { try server.router.replyNoUsers(to: peer) } else { try server.router.replyUserList(to: peer, usr: users) }
        }

        var nextStats = ContinuousClock.now + .seconds(statsEvery)
        while !trap.isRequested {
            if statsEvery > 0, ContinuousClock.now >= nextStats {
                log("\(lastSeen.count) users; \(ProcessMemory.heapDescription)")
                nextStats = ContinuousClock.now + .seconds(statsEvery)
            }
            for (user, seen) in lastSeen where Date().timeIntervalSince(seen) > ttl {
                lastSeen[user] = nil
                log("\(user) expired after \(ttl) s of silence")
            }
            do {
                guard let (peer, request) = try server.router.receive(timeout: .milliseconds(250)) else { continue }
                if lastSeen.updateValue(Date(), forKey: request.usr) == nil { log("\(request.usr) joined") }
                if let message = request.msg {
                    try server.pub.send(usr: request.usr, msg: message)
                    log("\(request.usr) posted \(message.utf8.count) bytes")
                }
                try answer(peer)
            } catch let error as RoutedDecodingError {
                log("malformed request: \(error.error); answering with the user list")
                try? answer(error.peer)
            } catch let error as MessageDecodingError {
                log("dropped a message: \(error)")
            } catch  where error.isShutdown {
                break
            }
        }
        log("stopped with \(lastSeen.count) users; \(ProcessMemory.peakDescription), \(ProcessMemory.heapDescription)")
    }
}
