import ExampleSystems
import Foundation
import ZSchemaRuntime

/// dealz's requests to chatz-server, without ever blocking the engine: one request in flight on
/// the REQ socket, a deadline for its reply, and the Lazy Pirate's cure for a missing reply (close
/// the socket, open a new one, resend; give up after a few attempts).
///
/// Besides the user's posts it asks for the user list every few seconds as dealz's own user,
/// which also tells whether chatz-server is there.
struct ChatLink {
    typealias ChatSocket = LazyPirate.ChatSocket

    let context: ZMQContext
    let endpoint: String
    /// Configures every socket opened after a timeout as the first (heartbeat, security).
    let endpoints: DealzEndpoints
    let user: String
    /// The current REQ socket and its monitor; both replaced after a timeout.
    private(set) var socket: ChatSocket
    private(set) var monitor: SocketMonitor
    private var reopened = 0

    /// Posts waiting for their turn, oldest first.
    private var queue: [ChatRequest] = []
    private var inFlight: (request: ChatRequest, deadline: ContinuousClock.Instant, attempt: Int)?
    private var nextRefresh = ContinuousClock.now

    static let replyTimeout = Duration.seconds(2)
    static let attempts = 3
    static let refreshInterval = Duration.seconds(2)

    init(context: ZMQContext, endpoints: DealzEndpoints, user: String, socket: ChatSocket, monitor: SocketMonitor) {
        (self.context, self.endpoint, self.endpoints, self.user) = (context, endpoints.chatzRouter, endpoints, user)
        (self.socket, self.monitor) = (socket, monitor)
    }

    /// Queues a post; it goes out when the socket is free.
    mutating func post(_ text: String, as user: String) {
        queue.append(ChatRequest(usr: user, msg: text))
    }

    /// Sends the next request if none is in flight (a post, else a user-list refresh when due).
    mutating func sendIfIdle(now: ContinuousClock.Instant) throws {
        guard inFlight == nil else { return }
        let request: ChatRequest
        if !queue.isEmpty {
            request = queue.removeFirst()
        } else if now >= nextRefresh {
            request = ChatRequest(usr: user)
            nextRefresh = now + Self.refreshInterval
        } else {
            return
        }
        try send(request, attempt: 1, now: now)
    }

    private mutating func send(_ request: ChatRequest, attempt: Int, now: ContinuousClock.Instant) throws {
        try socket.send(request, dontWait: true)
        inFlight = (request, now + Self.replyTimeout, attempt)
    }

    /// Takes the reply that the poller says is ready; the users it lists.
    mutating func receiveReply() throws -> [String]? {
        guard let reply = try socket.receive(timeout: .zero) else { return nil }
        inFlight = nil
        switch reply {
        case .userList(let list): return list.usr
        case .noUsers: return []
        }
    }

    /// After a timeout: a fresh socket (and monitor), and the request resent or given up. Returns
    /// what went wrong for the page, or nil while nothing did.
    mutating func checkTimeout(now: ContinuousClock.Instant) throws -> String? {
        guard let (request, deadline, attempt) = inFlight, now >= deadline else { return nil }
        inFlight = nil
        monitor.socket.close()
        socket.socket.close()
        reopened += 1
        let fresh = try ZMQSocket(context: context, type: .req)
        try endpoints.configure(fresh, named: "req")
        monitor = try SocketMonitor(monitoring: fresh, endpoint: "inproc://monitor.chatz.req.\(reopened)", context: context)
        try fresh.connect(endpoint)
        socket = ChatSocket(socket: fresh)
        if request.msg == nil { return "chatz-server did not answer within \(Self.replyTimeout)" }
        if attempt < Self.attempts {
            try send(request, attempt: attempt + 1, now: now)
            return nil
        }
        return "chatz-server did not answer \(Self.attempts) times; the message from \(request.usr) was not posted"
    }
}
