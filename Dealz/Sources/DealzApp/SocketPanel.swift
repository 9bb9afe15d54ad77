import ExampleSystems
import Foundation
import ZSchemaRuntime

/// One socket's entry on the Sockets panel, kept up to date from its monitor's events.
struct SocketPanel {
    private(set) var status: DashboardState.SocketStatus
    private var peers = ConnectedPeers()

    init(name: String, type: String, endpoint: String, binds: Bool) {
        status = DashboardState.SocketStatus(name: name, type: type, endpoint: endpoint, binds: binds)
    }

    /// Whether a connecting socket's peer is there now.
    var isConnected: Bool { status.state == "connected" }

    /// Takes one monitor event into account: the socket's state, its peers, its event log.
    mutating func record(_ event: MonitorEvent, at time: Double = Date().timeIntervalSince1970) {
        peers.record(event)
        status.peers = peers.count
        switch event.kind {
        case .listening: status.state = "listening"
        case .handshakeSucceeded where !status.binds: status.state = "connected"
        case .connectRetried where !status.binds: status.state = "disconnected, retrying"
        case .disconnected where !status.binds: status.state = "disconnected"
        case .bindFailed: status.state = "bind failed"
        default: break
        }
        guard let kind = Self.describe(event) else { return }
        if var last = status.events.last, last.kind == kind, last.endpoint == event.endpoint {
            last.count += 1
            last.time = time
            status.events[status.events.count - 1] = last
        } else {
            status.events.append(DashboardState.SocketEvent(time: time, kind: kind, endpoint: event.endpoint))
            if status.events.count > DashboardState.eventLength { status.events.removeFirst() }
        }
    }

    /// The event as the log shows it; nil for the ones that say nothing new to a reader.
    static func describe(_ event: MonitorEvent) -> String? {
        switch event.kind {
        case .connected: "connected"
        case .connectRetried: "connect retried"
        case .listening: "listening"
        case .bindFailed: "bind failed (errno \(event.value))"
        case .accepted: "accepted"
        case .acceptFailed: "accept failed (errno \(event.value))"
        case .closeFailed: "close failed (errno \(event.value))"
        case .disconnected: "disconnected"
        case .handshakeSucceeded: "handshake succeeded"
        case .handshakeFailedNoDetail: "handshake failed"
        case .handshakeFailedProtocol: "handshake failed (protocol)"
        case .handshakeFailedAuth: "handshake failed (auth, status \(event.value))"
        case .connectDelayed, .closed, .monitorStopped: nil
        }
    }
}
