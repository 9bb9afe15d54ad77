import Testing
import ZSchemaRuntime

/// Every generated message type, through a real PUSH/PULL pair on inproc and on tcp loopback.
@Suite("Round trips of every message over sockets")
struct RoundTripTests {
    static let endpoints = ["inproc://round-trip", anyLoopbackPort]

    private func roundTrip<M: ZSchemaMessage & Equatable>(_ message: M, over endpoint: String) throws {
        let context = ZMQContext()
        let puller = try Puller<M>(context: context, endpoint: endpoint, bind: true)
        let pusher = try Pusher<M>(context: context, endpoint: try puller.socket.lastEndpoint, bind: false)
        defer { pusher.socket.close(); puller.socket.close() }
        try pusher.send(message)
        #expect(try puller.receive(timeout: .seconds(5)) == message, "\(M.self) over \(endpoint)")
    }

    @Test("tickz", arguments: endpoints)
    func tickz(endpoint: String) throws {
        try roundTrip(Tick(symbol: "BRK2", timestamp: -1.5, price: .greatestFiniteMagnitude), over: endpoint)
        try roundTrip(TickzClient.Subscription(symbol: "X9"), over: endpoint)
    }

    @Test("chatz", arguments: endpoints)
    func chatz(endpoint: String) throws {
        try roundTrip(ChatRequest(usr: "zoë", msg: "héllo, wörld ✓"), over: endpoint)
        try roundTrip(ChatRequest(usr: "bob"), over: endpoint)
        try roundTrip(UserList(usr: (0..<100).map { "user\($0)" }), over: endpoint)
        try roundTrip(ChatMessage(usr: "carol", msg: "line one\nline two"), over: endpoint)
        try roundTrip(UserListOrNoUsers.noUsers(NoUsers()), over: endpoint)
        try roundTrip(UserListOrNoUsers.userList(UserList(usr: ["a"])), over: endpoint)
    }

    @Test("valuz", arguments: endpoints)
    func valuz(endpoint: String) throws {
        try roundTrip(Order(stock: "IBM", action: .buy, shares: .max, price: 0.1), over: endpoint)
        try roundTrip(Ready(), over: endpoint)
        try roundTrip(Valuation(stock: "IBM", value: -.infinity), over: endpoint)
        try roundTrip(Start(), over: endpoint)
        try roundTrip(Exit(), over: endpoint)
        try roundTrip(ReadyOrValuation.ready(Ready()), over: endpoint)
        try roundTrip(ReadyOrValuation.valuation(Valuation(stock: "AB", value: 1)), over: endpoint)
        try roundTrip(StartOrExitOrResend.exit(Exit()), over: endpoint)
        try roundTrip(StartOrExitOrResend.resend(Resend(numbers: [0, .max])), over: endpoint)
        try roundTrip(OrderOrNumberedOrder.numberedOrder(NumberedOrder(number: 3, stock: "IBM", action: .sell, shares: 1, price: 2)), over: endpoint)
        try roundTrip(ReadyOrValuationOrNumberedValuation.numberedValuation(NumberedValuation(number: 1, stock: "IB", value: 0)), over: endpoint)
    }

    @Test("dealz", arguments: endpoints)
    func dealz(endpoint: String) throws {
        try roundTrip(ReadyOrValuation.valuation(Valuation(stock: "QQ", value: 2)), over: endpoint)
        try roundTrip(Dealz.Subscription(symbol: "AAPL"), over: endpoint)
        try roundTrip(RawMessage(frames: [[], [0, 1, 2], Array("raw".utf8)]), over: endpoint)
    }
}
