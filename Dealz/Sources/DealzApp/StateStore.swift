import Foundation
import Synchronization

/// The dashboard's state, shared between the engine's thread (which changes it) and the web
/// layer (which reads it and streams it to browsers).
public final class StateStore: Sendable {
    private let shared = Mutex(Shared())

    private struct Shared: Sendable {
        var state = DashboardState()
        var listeners: [Int: AsyncStream<DashboardState>.Continuation] = [:]
        var nextListener = 0
    }

    public init() {}

    /// The state now.
    public var current: DashboardState { shared.withLock { $0.state } }

    /// Replaces the state if `change` changed it, bumping its version, and tells every listener.
    func update(_ change: (inout DashboardState) -> Void) {
        shared.withLock { shared in
            var next = shared.state
            change(&next)
            next.version = shared.state.version
            guard next != shared.state else { return }
            next.version += 1
            shared.state = next
            for listener in shared.listeners.values { listener.yield(next) }
        }
    }

    /// The state now and then every change, newest first when a listener falls behind (a slow
    /// browser skips states rather than making dealz hold them all).
    public func changes() -> AsyncStream<DashboardState> {
        let (stream, continuation) = AsyncStream.makeStream(of: DashboardState.self, bufferingPolicy: .bufferingNewest(1))
        let id = shared.withLock { shared in
            let id = shared.nextListener
            shared.nextListener += 1
            shared.listeners[id] = continuation
            continuation.yield(shared.state)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.shared.withLock { _ = $0.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every listener's stream (when dealz stops).
    func finish() {
        let listeners = shared.withLock { shared in
            defer { shared.listeners = [:] }
            return Array(shared.listeners.values)
        }
        for listener in listeners { listener.finish() }
    }
}
