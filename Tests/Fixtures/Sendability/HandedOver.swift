import ZSchemaRuntime

// What the types allow: each socket moves whole to one new owner, and the old one lets go.
func handOver(_ context: ZMQContext) async throws {
    let server = try TickzServer(context: context)
    let publishing = SocketThread(name: "publisher") {
        defer { server.close() }
        try server.pub.send(symbol: "IBM", timestamp: 1, price: 2)
    }
    try await publishing.value

    let puller = try Puller<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:5555", bind: true)
    let pulling = Task {
        defer { puller.socket.close() }
        for try await message in puller.messages() { return message.frames.count }
        return 0
    }
    _ = try await pulling.value
}

// An actor that owns its socket and uses it only inside.
actor OwningActor {
    private let pusher: Pusher<RawMessage>
    init(_ context: ZMQContext) throws { pusher = try Pusher(context: context, endpoint: "tcp://127.0.0.1:5555", bind: false) }
    func send(_ byte: UInt8) throws { try pusher.send(RawMessage(frames: [[byte]])) }
}
