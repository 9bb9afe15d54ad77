import BenchmarkSchemas
import Foundation
import ZSchemaRuntime

/// The generated-Swift side of each workload, mirroring CBaseline function for function.
enum SwiftWorkloads {
    /// Ticks from a PUSH (or PUB) thread to a PULL (or SUB) on this thread; elapsed seconds.
    static func tickStream(endpoint: String, count: Int, pubsub: Bool) throws -> Double {
        let context = ZMQContext()
        let receiving = try ZMQSocket(context: context, type: pubsub ? .sub : .pull, linger: .zero)
        let sending = try ZMQSocket(context: context, type: pubsub ? .pub : .push, linger: .zero)
        try receiving.setReceiveHighWaterMark(0)
        try sending.setSendHighWaterMark(0)
        try receiving.bind(endpoint)
        try sending.connect(try receiving.lastEndpoint)
        defer { sending.close(); receiving.close() }
        if pubsub {
            let subscriber = Subscriber<Tick>(socket: receiving)
            let publisher = Publisher<Tick>(socket: sending)
            try subscriber.subscribe(prefix: [])
            // Wait until the subscription has reached the publisher, then drain.
            repeat { try publisher.send(symbol: "AAPL", timestamp: -1, price: -1) } while try subscriber.receive(timeout: .milliseconds(10)) == nil
            while try subscriber.receive(timeout: .milliseconds(20)) != nil {}
            return try run(
                count: count, send: { try publisher.send(symbol: "AAPL", timestamp: Double($0), price: 100 + Double($0 % 100)) },
                receive: { try subscriber.receive().price })
        }
        let puller = Puller<Tick>(socket: receiving)
        let pusher = Pusher<Tick>(socket: sending)
        return try run(
            count: count, send: { try pusher.send(symbol: "AAPL", timestamp: Double($0), price: 100 + Double($0 % 100)) },
            receive: { try puller.receive().price })
    }

    private static func run(count: Int, send: @escaping @Sendable (Int) throws -> Void, receive: () throws -> Double) throws -> Double {
        let done = DispatchSemaphore(value: 0)
        let start = ContinuousClock.now
        Thread.detachNewThread {
            for index in 0..<count { try? send(index) }
            done.signal()
        }
        var sum = 0.0
        for _ in 0..<count { sum += try receive() }
        let elapsed = ContinuousClock.now - start
        done.wait()
        precondition(sum > 0)
        return elapsed.seconds
    }

    /// REQ/REP round trips of a Tick; the seconds of each.
    static func roundTrips(endpoint: String, count: Int) throws -> [Double] {
        let context = ZMQContext()
        let replier = try Replier<Tick, Tick>(context: context, endpoint: endpoint, bind: true)
        let requester = try Requester<Tick, Tick>(context: context, endpoint: try replier.socket.lastEndpoint, bind: false)
        defer { requester.socket.close(); replier.socket.close() }
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for index in 0..<count {
                guard let tick = try? replier.receive() else { break }
                try? replier.send(symbol: tick.symbol, timestamp: Double(index), price: tick.price)
            }
            done.signal()
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
        done.wait()
        return latencies
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
