import Foundation
import Testing
import ZSchemaRuntime

/// The generated services set `ZMQ_MAXMSGSIZE` from the schema.
@Suite("Frame limits from the schema")
struct FrameLimitTests {
    @Test("a server drops a peer that sends a frame over the schema's limit and goes on serving the others", .timeLimit(.minutes(1)))
    func oversizedFrame() throws {
        let context = ZMQContext()
        let server = try ChatzServer(context: context, routerEndpoint: anyLoopbackPort, pubEndpoint: "inproc://frame-limit-pub")
        let endpoint = try server.router.socket.lastEndpoint
        defer { server.close() }
        // A user name of 2 MiB matches the pattern (\w+): only the frame limit keeps it out.
        let hostile = try ZMQSocket(context: context, type: .dealer, linger: .zero)
        defer { hostile.close() }
        try hostile.connect(endpoint)
        try hostile.send(frames: [[], [UInt8](repeating: 0x41, count: 2 << 20)])
        usleep(500_000)  // it would be first in line
        let good = try Requester<ChatRequest, UserListOrNoUsers>(context: context, endpoint: endpoint, bind: false)
        defer { good.socket.close() }
        try good.send(ChatRequest(usr: "ann", msg: "hi"))
        let first = try #require(try server.router.receive(timeout: .seconds(5)))
        #expect(first.message == ChatRequest(usr: "ann", msg: "hi"))
    }
}
