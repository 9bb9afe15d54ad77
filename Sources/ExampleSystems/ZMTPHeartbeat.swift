import ZSchemaRuntime

/// ZMTP heartbeats for a socket's connections (`ZMQ_HEARTBEAT_IVL`, `_TIMEOUT`, `_TTL`).
///
/// A peer that is frozen (SIGSTOP), or whose host or link has gone, keeps its TCP connection
/// open for as long as the kernel does not notice, and a PUSH socket goes on dealing it work.
/// With heartbeats libzmq sends a PING every interval and drops the connection when nothing
/// comes back within the timeout: the monitor reports `disconnected`, PUSH deals among the peers
/// left, and a connecting socket reconnects when the peer is back. libzmq answers PINGs on its
/// own I/O thread, so a busy but live program is never dropped.
public struct ZMTPHeartbeat: Sendable, Hashable {
    /// Time between PINGs; zero when heartbeats are off.
    public var interval: Duration
    /// Silence after a PING before the connection is dropped.
    public var timeout: Duration
    /// How long the peer should keep the connection without traffic from this side.
    public var ttl: Duration

    /// A heartbeat every `interval`, dropped after `timeout` of silence; `ttl` is sent to the peer.
    public init(interval: Duration, timeout: Duration, ttl: Duration) {
        (self.interval, self.timeout, self.ttl) = (interval, timeout, ttl)
    }

    /// The example services' default: a PING every second, dropped after 3 s of silence.
    public static let standard = ZMTPHeartbeat(interval: .seconds(1), timeout: .seconds(3), ttl: .seconds(3))

    /// No heartbeats: libzmq's own default.
    public static let off = ZMTPHeartbeat(interval: .zero, timeout: .zero, ttl: .zero)

    /// The options that ask an example service for this heartbeat (``HeartbeatOptions``), for a
    /// program that starts one.
    public var arguments: [String] {
        func seconds(_ duration: Duration) -> String {
            "\(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)"
        }
        guard interval > .zero else { return ["--heartbeat-interval", "0"] }
        return ["--heartbeat-interval", seconds(interval), "--heartbeat-timeout", seconds(timeout), "--heartbeat-ttl", seconds(ttl)]
    }

    /// Sets the options on `socket`, before it binds or connects; nothing when off.
    public func apply(to socket: ZMQSocket) throws(ZMQError) {
        guard interval > .zero else { return }
        try socket.setHeartbeat(interval: interval, timeout: timeout, ttl: ttl)
    }
}
