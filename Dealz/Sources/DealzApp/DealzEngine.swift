import ExampleSystems
import Foundation
import ZSchemaRuntime

/// The dashboard's ZeroMQ side, as the web layer sees it: a ``StateStore`` to read and watch, and
/// ``perform(_:)`` to ask for something. Its sockets live on a thread of their own (blocking
/// polls never touch Swift's cooperative pool) and nothing else ever uses them.
public final class DealzEngine: Sendable {
    /// The state the engine keeps; the web layer reads it and streams its changes.
    public let store = StateStore()
    private let mailbox = CommandMailbox()
    private let stopped = StopFlag()
    private let thread: SocketThread<Void>

    /// Opens dealz's sockets at `endpoints` (binding fails here, not later), follows `symbols`,
    /// and starts the engine's thread. Chat requests of its own go as `user`.
    public init(endpoints: DealzEndpoints, symbols: [String], user: String, context: ZMQContext, log: ServiceLog) throws {
        let dealz = try endpoints.open(context: context)
        let (store, mailbox, stopped) = (self.store, self.mailbox, self.stopped)
        var loop = EngineLoop(dealz: dealz, endpoints: endpoints, symbols: symbols, user: user, store: store, mailbox: mailbox, log: log)
        loop.publish()  // the symbols and sockets are in the state before init returns
        thread = SocketThread(name: "dealz-engine") { [loop] in
            var loop = loop
            loop.run(until: stopped)
            mailbox.close()
            store.finish()
        }
    }

    /// Asks the engine for `request` and waits for its answer (a few milliseconds: the engine
    /// polls its mailbox beside its sockets).
    public func perform(_ request: DealzRequest) async -> DealzAnswer {
        await mailbox.send(request)
    }

    /// Stops the engine: workers get EXIT, sockets close, state streams end. Waits for the thread.
    public func stop() async {
        stopped.set()
        try? await thread.value
    }
}
