import ZSchemaRuntime

/// ZMTP heartbeats for a socket's connections (`ZMQ_HEARTBEAT_IVL`, `_TIMEOUT`, `_TTL`), and TCP
/// keepalive where heartbeats are not safe.
///
/// A peer that is frozen (SIGSTOP), or whose host or link has gone, keeps its TCP connection
/// open for as long as the kernel does not notice. With heartbeats libzmq sends a PING every
/// interval and drops the connection when nothing comes back within the timeout: the monitor
/// reports `disconnected`, and a connecting socket reconnects when the peer is back.
///
/// **Not on pipelines.** A PING travels in the stream, behind the messages already queued, and
/// libzmq reads a connection only while the socket's receive queue has room. On a PUSH/PULL
/// pipeline a full queue is the normal state (that is back-pressure), so a slow but live
/// receiver is dropped, and libzmq 4.3.4 may then abort the receiving process
/// (`Assertion failed: _input_stopped`, libzmq #3937, or `!_io_error` when a PING is still in
/// the stopped engine's buffer): both were seen here with valuz's workers frozen for 2.5 s in the
/// middle of a push. So ``apply(to:)`` sets no heartbeat on PUSH and PULL sockets; it sets TCP
/// keepalive and a retransmission limit there instead, which find a dead host or link, and the
/// valuz reducer's RESEND recovers the work a frozen or dead worker holds. Every other socket,
/// whose program reads it as fast as messages come, gets the heartbeat.
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

    /// Sets the options on `socket`, before it binds or connects; nothing when off. On a PUSH or
    /// PULL socket it sets TCP keepalive (idle for the interval, probes every interval, dropped
    /// after the timeout's worth of them) and a retransmission limit of the timeout plus its
    /// TTL, instead of heartbeats.
    public func apply(to socket: ZMQSocket) throws(ZMQError) {
        guard interval > .zero else { return }
        guard !socket.type.isPipeline else {
            let probes = Int32(clamping: Int64((timeout / interval).rounded(.up)))
            try socket.setTCPKeepalive(idle: interval, interval: interval, count: probes)
            try socket.setTCPMaximumRetransmitTime(timeout + ttl)
            return
        }
        try socket.setHeartbeat(interval: interval, timeout: timeout, ttl: ttl)
    }
}

extension SocketType {
    /// Whether sockets of this type make a pipeline (PUSH, PULL), where a full queue is the normal
    /// state: no ZMTP heartbeats there (``ZMTPHeartbeat``), and `--high-water-mark` applies
    /// (``QueueOptions``).
    public var isPipeline: Bool { self == .push || self == .pull }
}
