import Foundation
import Synchronization
import Testing
import ZSchemaRuntime

/// A stream whose messages never run out must still let other tasks run: the iterator yields
/// its thread every `MessageStream.yieldInterval` messages.
///
/// Alone it takes milliseconds; beside the whole suite, which keeps the pool busy, a run took
/// 46 s, so the limit only bounds a hang.
@Suite("MessageStream fairness", .timeLimit(.minutes(3)))
struct MessageStreamFairnessTests {
    /// How many messages each busy stream has queued before it starts: many times the
    /// iterator's yield interval, and few, because each yield waits for a turn on a pool that
    /// the rest of the suite keeps busy (50,000 each ran past the time limit there).
    static let backlog = 1_000

    @Test("busy streams, one more than the pool's threads, do not shut the test's own task out until they finish")
    func busyStreamsLetOtherTasksRun() async throws {
        let streams = ProcessInfo.processInfo.activeProcessorCount + 1
        let context = ZMQContext()
        let consumed = Consumed()
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<streams {
                group.addTask {
                    let endpoint = "inproc://fairness-\(index)"
                    let puller = try Puller<RawMessage>(context: context, endpoint: endpoint, bind: true)
                    let pusher = try Pusher<RawMessage>(context: context, endpoint: endpoint, bind: false)
                    defer { pusher.socket.close(); puller.socket.close() }
                    try puller.socket.setReceiveHighWaterMark(0)
                    try pusher.socket.setSendHighWaterMark(0)
                    // Every message is queued before the stream starts, so its iterator never waits.
                    for number in 0..<Self.backlog { try pusher.send(RawMessage(frames: [Self.bytes(number)])) }
                    var next = 0
                    for try await message in puller.messages() {
                        guard message.frames == [Self.bytes(next)] else { return false }
                        next += 1
                        consumed.count.add(1, ordering: .relaxed)
                        if next == Self.backlog { return true }
                    }
                    return false
                }
            }
            // This task gives up its thread, and every thread is taken by a busy stream. Without
            // the iterators' yields it would only run again once some stream had finished, by
            // which time at least `backlog` messages (two streams' worth on two cores) are gone.
            await Task.yield()
            let seen = consumed.count.load(ordering: .relaxed)
            let total = streams * Self.backlog
            #expect(seen < Self.backlog, "this task ran only after \(seen) of \(total) messages")
            var complete = 0
            for try await inOrder in group where inOrder { complete += 1 }
            #expect(complete == streams)
            #expect(consumed.count.load(ordering: .relaxed) == total)
        }
    }

    private static func bytes(_ number: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(number).bigEndian) { Array($0) } }
}

/// Messages taken from every stream so far.
private final class Consumed: Sendable {
    let count = Atomic<Int>(0)
}
