import ZSchemaRuntime

/// Counts the peers connected to a socket, from its monitor's events.
///
/// A peer counts once its ZMTP handshake has succeeded: only then does libzmq add it to the
/// socket, and a PUSH socket deals messages out only among the peers it has, so a sender that
/// wants its work shared waits for them (a TCP `accepted` event comes too early).
public struct ConnectedPeers: Sendable {
    /// Peers connected now.
    public private(set) var count = 0

    /// Creates a counter at zero.
    public init() {}

    /// Takes one monitor event into account.
    public mutating func record(_ event: MonitorEvent) {
        switch event.kind {
        case .handshakeSucceeded: count += 1
        case .disconnected: count = max(0, count - 1)
        default: break
        }
    }
}
