import ZSchemaRuntime

// An actor's socket taken out of the actor.
actor PusherOwner {
    let pusher: Pusher<RawMessage>
    init(_ context: ZMQContext) throws { pusher = try Pusher(context: context, endpoint: "tcp://127.0.0.1:5555", bind: false) }
}

func takeThePusherOut(_ owner: PusherOwner) async throws {
    let pusher = await owner.pusher  // refused: cannot exit actor-isolated context
    try pusher.send(RawMessage(frames: [[1]]))
}
