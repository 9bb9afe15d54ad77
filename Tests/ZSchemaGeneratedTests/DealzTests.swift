import Testing
import ZSchemaRuntime

@Suite("Generated dealz code")
struct DealzTests {
    @Test("the monitor of dealz's REQ reports the connection to a chatz server")
    func monitorEvents() throws {
        let context = ZMQContext()
        let chat = try ChatzServer(context: context, routerEndpoint: anyLoopbackPort, pubEndpoint: anyLoopbackPort)
        let dealz = try Dealz(
            context: context,
            reqEndpoint: try chat.router.socket.lastEndpoint,
            chatzSubEndpoint: try chat.pub.socket.lastEndpoint,
            tickzSubEndpoint: "inproc://dealz-no-ticks",
            pushEndpoint: anyLoopbackPort, pullEndpoint: anyLoopbackPort, pubEndpoint: anyLoopbackPort)
        defer { dealz.close(); chat.close() }
        let connected = try eventually {
            try dealz.reqMonitor.receive(timeout: .milliseconds(100)).flatMap { $0.kind == .connected ? $0 : nil }
        }
        #expect(connected?.endpoint == (try chat.router.socket.lastEndpoint))

        // The typed REQ speaks chatz's protocol.
        try dealz.req.send(usr: "dealz")
        let (peer, request) = try #require(try chat.router.receive(timeout: .seconds(5)))
        #expect(request == ChatRequest(usr: "dealz"))
        try chat.router.replyUserList(to: peer, usr: ["dealz"])
        #expect(try dealz.req.receive(timeout: .seconds(5)) == .userList(UserList(usr: ["dealz"])))
    }
}
