import Dispatch
import ZSchemaRuntime

// A socket captured by a closure that may run on any thread, while the caller keeps it.
func queueCapturesAPusher(_ context: ZMQContext) throws {
    let pusher = try Pusher<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:5555", bind: false)
    DispatchQueue.global().async { try? pusher.send(RawMessage(frames: [[1]])) }  // refused: non-Sendable type 'Pusher<RawMessage>'
}
