import Testing
import ZSchemaRuntime

@Suite("Generated chatz code")
struct ChatTests {
    @Test("a request with and without a message assembles from its captures")
    func requestTemplate() throws {
        #expect(try ChatRequest(usr: "bob").encode() == [Array("bob".utf8)])
        #expect(try ChatRequest(usr: "bob", msg: "hello world").encode() == [Array("bob\u{1F}hello world".utf8)])
        #expect(try ChatRequest(frames: [Array("bob\u{1F}hi there".utf8)]) == ChatRequest(usr: "bob", msg: "hi there"))
        #expect(try ChatRequest(frames: [Array("bob".utf8)]) == ChatRequest(usr: "bob", msg: nil))
    }

    @Test("values that break the pattern are refused before sending")
    func requestValidation() {
        #expect(throws: MessageEncodingError.self) { try ChatRequest(usr: "bob smith").encode() }
        #expect(throws: MessageEncodingError.self) { try ChatRequest(usr: "bob", msg: "a\u{1F}b").encode() }
        #expect(throws: MessageEncodingError.self) { try ChatRequest(usr: "bob", msg: "").encode() }
    }

    @Test("a user list is one frame per user and needs at least one")
    func userList() throws {
        #expect(try UserList(usr: ["alice", "bob"]).encode() == [Array("alice".utf8), Array("bob".utf8)])
        #expect(try UserList(frames: [Array("alice".utf8), Array("bob".utf8), Array("carol".utf8)]).usr == ["alice", "bob", "carol"])
        #expect(throws: MessageEncodingError(message: "UserList", field: "usr", reason: .emptyRepetition)) { try UserList(usr: []).encode() }
        #expect(throws: MessageDecodingError(message: "UserList", frame: nil, field: nil, reason: .frameCount(expected: 1...Int.max, actual: 0))) {
            try UserList(frames: [[UInt8]]())
        }
        #expect(throws: MessageDecodingError(message: "UserList", frame: 1, field: "usr", reason: .patternMismatch(pattern: #"(?<usr>\w+)"#))) {
            try UserList(frames: [Array("alice".utf8), Array("b b".utf8)])
        }
    }

    @Test("REQ to ROUTER over tcp: the router sees the peer, replies, and the envelope stays hidden")
    func requestReply() throws {
        let context = ZMQContext()
        let server = try ChatzServer(context: context, routerEndpoint: anyLoopbackPort, pubEndpoint: anyLoopbackPort)
        let client = try ChatzClient(
            context: context, reqEndpoint: try server.router.socket.lastEndpoint, subEndpoint: try server.pub.socket.lastEndpoint)
        defer { client.close(); server.close() }

        try client.req.send(usr: "bob", msg: "hi all")
        let (peer, request) = try #require(try server.router.receive(timeout: .seconds(5)))
        #expect(request == ChatRequest(usr: "bob", msg: "hi all"))
        #expect(peer.frames.count == 2 && peer.frames[1].isEmpty)
        try server.router.replyUserList(to: peer, usr: ["alice", "bob"])
        #expect(try client.req.receive(timeout: .seconds(5)) == .userList(UserList(usr: ["alice", "bob"])))

        // With nobody connected the answer is the empty frame.
        try client.req.send(usr: "bob")
        let (again, _) = try #require(try server.router.receive(timeout: .seconds(5)))
        try server.router.replyNoUsers(to: again)
        #expect(try client.req.receive(timeout: .seconds(5)) == .noUsers(NoUsers()))
    }

    @Test("a malformed request still carries its peer, so the REQ client gets an answer")
    func malformedRequest() throws {
        let context = ZMQContext()
        let server = try ChatzServer(context: context, routerEndpoint: anyLoopbackPort, pubEndpoint: "inproc://chat-pub-unused")
        defer { server.close() }
        let raw = try ZMQSocket(context: context, type: .req, linger: .zero)
        try raw.connect(try server.router.socket.lastEndpoint)
        try raw.send(frames: [Array("not a user!".utf8)])
        var caught: RoutedDecodingError?
        do { _ = try server.router.receive(timeout: .seconds(5)) } catch let error as RoutedDecodingError { caught = error }
        let failure = try #require(caught)
        #expect(failure.error.reason == .patternMismatch(pattern: #"(?<usr>\w+)(\037(?<msg>[^\037]+))?"#))
        try server.router.replyUserList(to: failure.peer, usr: ["alice"])
        #expect(try raw.receive(timeout: .seconds(5))?.copyFrames() == [Array("alice".utf8)])
        raw.close()
    }

    @Test("published chat messages reach a subscriber of everything")
    func broadcast() throws {
        let context = ZMQContext()
        let server = try ChatzServer(context: context, routerEndpoint: "inproc://chat-router", pubEndpoint: "inproc://chat-pub")
        let client = try ChatzClient(context: context, reqEndpoint: "inproc://chat-router", subEndpoint: "inproc://chat-pub")
        defer { client.close(); server.close() }
        let message = try eventually {
            try server.pub.send(usr: "carol", msg: "good morning, all")
            return try client.sub.receive(timeout: .milliseconds(20))
        }
        #expect(message == ChatMessage(usr: "carol", msg: "good morning, all"))
    }
}
