import Testing
import ZSchemaRuntime

/// The async sequence of received messages: it waits without holding a thread, in the isolation
/// of the task that iterates it, and it ends on cancellation, context shutdown and socket close.
@Suite("MessageStream", .timeLimit(.minutes(1)))
struct MessageStreamTests {
    @Test("eight streams wait at once without holding a thread: the test's own task still runs and feeds them")
    func waitingHoldsNoThread() async throws {
        let context = ZMQContext()
        let (endpoints, bound) = AsyncStream.makeStream(of: String.self)
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<8 {
                group.addTask {
                    let puller = try Puller<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:*", bind: true)
                    defer { puller.socket.close() }
                    bound.yield(try puller.socket.lastEndpoint)
                    for try await message in puller.messages() { return message.frames[0] }
                    Issue.record("stream \(index) ended without a message")
                    return []
                }
            }
            // More streams wait than the cooperative pool has threads (one per core): if a
            // waiting stream held a thread, this task would never get to run again.
            var pushers: [Pusher<RawMessage>] = []
            for await endpoint in endpoints.prefix(8) {
                pushers.append(try Pusher<RawMessage>(context: context, endpoint: endpoint, bind: false))
            }
            for (index, pusher) in pushers.enumerated() { try pusher.send(RawMessage(frames: [[UInt8(index)]])) }
            var received: [[UInt8]] = []
            for try await first in group { received.append(first) }
            #expect(received.sorted { $0[0] < $1[0] } == (0..<8).map { [UInt8($0)] })
            for pusher in pushers { pusher.socket.close() }
        }
    }

    @Test("an actor sends on a DEALER while its own stream waits for replies on it: every reply arrives, in order")
    func sendingWakesTheWaitingStream() async throws {
        let context = ZMQContext()
        let router = try ZMQSocket(context: context, type: .router, linger: .zero)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint
        let echoing = SocketThread(name: "echo") {
            defer { router.close() }
            var echoed = 0
            while echoed < 200, let frames = try router.receive(timeout: .seconds(10)) {
                try router.send(frames: frames.copyFrames())
                echoed += 1
            }
            return echoed
        }
        let client = try EchoClient(context: context, endpoint: endpoint)
        async let replies = client.collectReplies(200)
        for index in 0..<200 { try await client.send(index) }
        #expect(try await replies == Array(0..<200))
        #expect(try await echoing.value == 200)
        await client.close()
    }

    /// What ends a stream that waits for a message that never comes.
    enum Ending: String, CaseIterable { case contextShutdown, cancellation }

    @Test("shutting the context down, or cancelling the iterating task, ends a waiting stream", arguments: Ending.allCases)
    func endingAWaitingStream(ending: Ending) async throws {
        let context = ZMQContext()
        let waiting = Task {
            let subscriber = try Subscriber<RawMessage>(context: context, endpoint: "inproc://stream-\(ending)", bind: true)
            defer { subscriber.socket.close() }
            try subscriber.subscribe(prefix: [])
            var count = 0
            for try await _ in subscriber.messages() { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        switch ending {
        case .contextShutdown: context.shutdown()
        case .cancellation: waiting.cancel()
        }
        #expect(try await waiting.value == 0)
        // A bound on a hang, not a speed target: a loaded machine schedules the task late.
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test("a message that does not decode goes to onInvalid and the stream goes on")
    func invalidMessagesAreSkipped() async throws {
        let context = ZMQContext()
        let receiver = try Pair<RawMessage, SubscriptionEvent>(context: context, endpoint: "inproc://stream-invalid", bind: true)
        let sender = try Pair<RawMessage, RawMessage>(context: context, endpoint: "inproc://stream-invalid", bind: false)
        defer { sender.socket.close(); receiver.socket.close() }
        try sender.send(RawMessage(frames: [[7, 1]]))  // 7 is neither subscribe nor unsubscribe
        try sender.send(RawMessage(frames: [[1, 65]]))
        var invalid: [any Error] = []
        for try await event in receiver.messages(onInvalid: { invalid.append($0) }) {
            #expect(event == SubscriptionEvent(.subscribe, prefix: [65]))
            break
        }
        #expect(invalid.count == 1)
        #expect(invalid.first is MessageDecodingError)
    }
}

/// A DEALER owned by an actor: its stream of replies and its sends interleave on the actor.
actor EchoClient {
    private let dealer: Dealer<RawMessage, RawMessage>

    init(context: ZMQContext, endpoint: String) throws {
        dealer = try Dealer(context: context, endpoint: endpoint, bind: false)
    }

    func send(_ index: Int) throws {
        try dealer.send(RawMessage(frames: [withUnsafeBytes(of: Int32(index).bigEndian) { Array($0) }]))
    }

    /// The first `count` replies, as the numbers they carry.
    func collectReplies(_ count: Int) async throws -> [Int] {
        var replies: [Int] = []
        for try await reply in dealer.messages() {
            replies.append(Int(reply.frames[0].reduce(Int32(0)) { $0 << 8 | Int32($1) }))
            if replies.count == count { break }
        }
        return replies
    }

    func close() { dealer.socket.close() }
}
