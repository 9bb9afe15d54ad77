import Testing
import ZSchemaRuntime

/// A tickz forwarder built from the typed XSUB and XPUB wrappers and libzmq's proxy: publishers
/// connect upstream, subscribers downstream, and subscriptions travel up through it.
@Suite("Forwarder")
struct ForwarderTests {
    @Test("XSUB to XPUB through zmq_proxy: a subscriber gets its symbol only, and the proxy stops on command", .timeLimit(.minutes(1)))
    func forwarder() throws {
        let context = ZMQContext()
        // The forwarder: four lines.
        let upstream = try XSubscriber<Tick>(context: context, endpoint: anyLoopbackPort, bind: true)
        let downstream = try XPublisher<Tick>(context: context, endpoint: anyLoopbackPort, bind: true)
        let control = try Pair<RawMessage, RawMessage>(context: context, endpoint: "inproc://forwarder-control", bind: true)
        let (upstreamEndpoint, downstreamEndpoint) = (try upstream.socket.lastEndpoint, try downstream.socket.lastEndpoint)
        let forwarding = SocketThread(name: "forwarder") {  // the proxy blocks: a thread of its own, which owns the three sockets
            defer { for socket in [upstream.socket, downstream.socket, control.socket] { socket.close() } }
            try ZMQProxy.run(frontend: upstream.socket, backend: downstream.socket, control: control.socket)
        }

        let publisher = try TickPublisher(context: context, endpoint: upstreamEndpoint, bind: false)
        let subscriber = try TickSubscriber(context: context, endpoint: downstreamEndpoint, bind: false)
        try subscriber.subscribe(prefix: Array("AAPL".utf8))
        var received: [Tick] = []
        for round in 0..<200 where received.count < 3 {
            try publisher.send(symbol: "MSFT", timestamp: Double(round), price: 1)
            try publisher.send(symbol: "AAPL", timestamp: Double(round), price: 2)
            while let tick = try subscriber.receive(timeout: .milliseconds(10)) { received.append(tick) }
        }
        #expect(received.count >= 3)
        #expect(received.allSatisfy { $0.symbol == "AAPL" && $0.price == 2 })

        let steer = try Pair<RawMessage, RawMessage>(context: context, endpoint: "inproc://forwarder-control", bind: false)
        try steer.send(RawMessage(frames: [ZMQProxy.terminateCommand]))
        #expect(try forwarding.join(timeout: .seconds(5)) != nil)
        for socket in [publisher.socket, subscriber.socket, steer.socket] { socket.close() }
    }

    @Test("an XPUB sees each subscription and its removal as a typed event; an XSUB sends them")
    func subscriptionEvents() throws {
        let context = ZMQContext()
        let xpub = try XPublisher<Tick>(context: context, endpoint: anyLoopbackPort, bind: true)
        let xsub = try XSubscriber<Tick>(context: context, endpoint: try xpub.socket.lastEndpoint, bind: false)
        defer { xsub.socket.close(); xpub.socket.close() }
        try xsub.subscribe(prefix: Array("IBM".utf8))
        #expect(try xpub.receive(timeout: .seconds(5)) == SubscriptionEvent(.subscribe, prefix: Array("IBM".utf8)))
        let tick = Tick(symbol: "IBM", timestamp: 1, price: 3)
        let delivered = try eventually {
            try xpub.send(tick)
            return try xsub.receive(timeout: .milliseconds(20))
        }
        #expect(delivered == tick)
        try xsub.unsubscribe(prefix: Array("IBM".utf8))
        #expect(try xpub.receive(timeout: .seconds(5)) == SubscriptionEvent(.unsubscribe, prefix: Array("IBM".utf8)))
        #expect(throws: MessageDecodingError.self) { try SubscriptionEvent(frames: [[7, 1]]) }
        #expect(throws: MessageDecodingError.self) { try SubscriptionEvent(frames: [[UInt8]()]) }
    }
}
