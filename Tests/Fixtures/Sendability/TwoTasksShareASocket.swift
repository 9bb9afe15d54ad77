import ZSchemaRuntime

// Two tasks that could send on one socket at once.
func twoTasksShareOnePusher(_ context: ZMQContext) throws {
    let pusher = try Pusher<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:5555", bind: false)
    Task { try pusher.send(RawMessage(frames: [[1]])) }  // refused: risks causing data races
    Task { try pusher.send(RawMessage(frames: [[2]])) }
}
