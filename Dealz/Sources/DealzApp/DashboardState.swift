import Foundation

/// Everything the dashboard shows, as one value: the engine changes it, the web layer sends it to
/// browsers as JSON.
public struct DashboardState: Codable, Sendable, Equatable {
    /// The symbols shown, with their latest prices.
    public var quotes: [Quote] = []
    /// The chatz group chat as dealz sees it.
    public var chat = Chat()
    /// dealz's six sockets, in the schema's order.
    public var sockets: [SocketStatus] = []
    /// The latest batch of deals, if any was submitted.
    public var batch: Batch?
    /// Workers that said READY since dealz started.
    public var workersReady = 0
    /// Which of the other systems dealz can reach now.
    public var backends = Backends()
    /// Counts every change, so that a browser can tell a new state from one it has.
    public var version = 0

    /// One symbol on the ticker.
    public struct Quote: Codable, Sendable, Equatable {
        public var symbol: String
        /// The latest price, once a tick has come.
        public var last: Double?
        /// The change since the first price dealz saw for the symbol.
        public var change: Double?
        /// Recent prices, oldest first (at most ``DashboardState/historyLength``).
        public var history: [Double] = []
        /// Ticks received for the symbol.
        public var ticks = 0
    }

    /// The chat panel.
    public struct Chat: Codable, Sendable, Equatable {
        /// Messages as they arrived, oldest first (at most ``DashboardState/chatLength``).
        public var lines: [ChatLine] = []
        /// The users chatz-server reported connected at its last answer.
        public var users: [String] = []
        /// Whether chatz-server answered dealz's last request.
        public var reachable = false
        /// The last thing that went wrong with posting, for the page to show.
        public var problem: String?
    }

    /// One chat message.
    public struct ChatLine: Codable, Sendable, Equatable {
        public var user: String
        public var text: String
        /// Seconds since 1970.
        public var time: Double
    }

    /// One of dealz's sockets and what its monitor said.
    public struct SocketStatus: Codable, Sendable, Equatable {
        /// The name the page shows (`tickz.sub`).
        public var name: String
        /// The libzmq socket type (`SUB`).
        public var type: String
        public var endpoint: String
        /// Whether the socket binds (and counts peers) or connects (and is up or down).
        public var binds: Bool
        /// `listening`, `connected`, `disconnected` or `disconnected, retrying`; `opening` before
        /// any event.
        public var state = "opening"
        /// Peers connected to a binding socket.
        public var peers = 0
        /// The monitor's latest events, oldest first; repeats of one kind are counted, not listed.
        public var events: [SocketEvent] = []
    }

    /// One monitor event, or a run of the same one.
    public struct SocketEvent: Codable, Sendable, Equatable {
        /// Seconds since 1970, of the latest in the run.
        public var time: Double
        /// `connected`, `disconnected`, `connect retried`, `handshake failed (auth)`, ...
        public var kind: String
        public var endpoint: String
        /// How many times in a row it happened.
        public var count = 1
    }

    /// A batch of deals and its valuations.
    public struct Batch: Codable, Sendable, Equatable {
        public var id: Int
        public var deals: Int
        /// Orders handed to the PUSH socket so far.
        public var sent = 0
        /// Valuations received so far.
        public var valued = 0
        /// Per symbol: deals and the exact sum of their values so far.
        public var bySymbol: [SymbolTotal] = []
        /// The exact sum of every valuation so far.
        public var total = 0.0
        /// `sending`, `valuing`, `done`, or `stalled` when no valuation came for a while.
        public var state = "sending"
        /// Whether chatz broadcast the summary dealz posted, once the batch is done.
        public var posted = false
        /// Seconds since 1970.
        public var started: Double
        public var finished: Double?
    }

    /// One symbol's share of a batch.
    public struct SymbolTotal: Codable, Sendable, Equatable {
        public var symbol: String
        public var deals: Int
        public var value: Double
    }

    /// The other systems, as dealz sees them.
    public struct Backends: Codable, Sendable, Equatable {
        /// tickz-server: the tickz SUB is connected.
        public var tickz = false
        /// chatz-server: the chat SUB is connected and the server answered the last request.
        public var chatz = false
        /// valuz workers connected for orders.
        public var workers = 0
    }

    /// How many prices a quote keeps for its chart.
    public static let historyLength = 120
    /// How many chat messages the state keeps.
    public static let chatLength = 200
    /// How many events a socket keeps.
    public static let eventLength = 40

    public init() {}
}
