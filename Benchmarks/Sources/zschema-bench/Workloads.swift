import BenchmarkSchemas
import Foundation
import ZSchemaRuntime

/// The generated-Swift side of each workload, mirroring CBaseline function for function.
enum SwiftWorkloads {
    /// Ticks from a PUSH (or PUB) thread to a PULL (or SUB) on this thread; elapsed seconds.
    /// With `curve`, the receiving socket (which binds) is a CURVE server with the `server` keys
    /// and the sending one its client with the `client` keys.
    static func tickStream(endpoint: String, count: Int, pubsub: Bool, curve: (server: CurveKeyPair, client: CurveKeyPair)? = nil) throws -> Double {
        let context = ZMQContext()
        let receiving = try ZMQSocket(context: context, type: pubsub ? .sub : .pull, linger: .zero)
        let sending = try ZMQSocket(context: context, type: pubsub ? .pub : .push, linger: .zero)
        if let curve {
            try receiving.makeCurveServer(curve.server)
            try sending.makeCurveClient(curve.client, serverKey: curve.server.publicKey)
        }
        try receiving.setReceiveHighWaterMark(0)
        try sending.setSendHighWaterMark(0)
        try receiving.bind(endpoint)
        try sending.connect(try receiving.lastEndpoint)
        defer { receiving.close() }
        // The sending socket moves to the sender's thread, which closes it once everything it
        // sent has arrived (closing earlier, with no linger, could drop the last messages).
        let allReceived = DispatchSemaphore(value: 0)
        if pubsub {
            let subscriber = Subscriber<Tick>(socket: receiving)
            let publisher = Publisher<Tick>(socket: sending)
            try subscriber.subscribe(prefix: [])
            // Wait until the subscription has reached the publisher, then drain.
            repeat { try publisher.send(symbol: "AAPL", timestamp: -1, price: -1) } while try subscriber.receive(timeout: .milliseconds(10)) == nil
            while try subscriber.receive(timeout: .milliseconds(20)) != nil {}
            return try run(
                count: count, allReceived: allReceived,
                sendAll: {
                    defer { allReceived.wait(); publisher.socket.close() }
                    for index in 0..<count { try publisher.send(symbol: "AAPL", timestamp: Double(index), price: 100 + Double(index % 100)) }
                },
                receive: { try subscriber.receive().price })
        }
        let puller = Puller<Tick>(socket: receiving)
        let pusher = Pusher<Tick>(socket: sending)
        return try run(
            count: count, allReceived: allReceived,
            sendAll: {
                defer { allReceived.wait(); pusher.socket.close() }
                for index in 0..<count { try pusher.send(symbol: "AAPL", timestamp: Double(index), price: 100 + Double(index % 100)) }
            },
            receive: { try puller.receive().price })
    }

    /// Runs `sendAll` on a thread of its own and `receive` `count` times here; elapsed seconds.
    private static func run(
        count: Int, allReceived: DispatchSemaphore, sendAll: sending @escaping () throws -> Void, receive: () throws -> Double
    ) throws -> Double {
        let start = ContinuousClock.now
        let sender = SocketThread(name: "bench-sender", sendAll)
        var sum = 0.0
        for _ in 0..<count { sum += try receive() }
        let elapsed = ContinuousClock.now - start
        allReceived.signal()
        try sender.join()
        precondition(sum > 0)
        return elapsed.seconds
    }

    /// REQ/REP round trips of a Tick; the seconds of each.
    static func roundTrips(endpoint: String, count: Int) throws -> [Double] {
        let context = ZMQContext()
        let replier = try Replier<Tick, Tick>(context: context, endpoint: endpoint, bind: true)
        let requester = try Requester<Tick, Tick>(context: context, endpoint: try replier.socket.lastEndpoint, bind: false)
        defer { requester.socket.close() }
        let replying = SocketThread(name: "bench-replier") {  // owns the replier from here on
            defer { replier.socket.close() }
            for index in 0..<count {
                let tick = try replier.receive()
                try replier.send(symbol: tick.symbol, timestamp: Double(index), price: tick.price)
            }
        }
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        let clock = ContinuousClock()
        for index in 0..<count {
            let start = clock.now
            try requester.send(symbol: "AAPL", timestamp: Double(index), price: 1.5)
            _ = try requester.receive()
            latencies.append((clock.now - start).seconds)
        }
        try replying.join()
        return latencies
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
