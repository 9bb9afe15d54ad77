import ArgumentParser
import ZSchemaRuntime

/// The ZMTP heartbeat options every example service takes (`--heartbeat-interval`,
/// `--heartbeat-timeout`, `--heartbeat-ttl`), on by default; see ``ZMTPHeartbeat``.
public struct HeartbeatOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("heartbeat-interval"), help: "Seconds between ZMTP heartbeats on each connection; 0 turns them off.")
    public var interval: Double = 1

    @Option(name: .customLong("heartbeat-timeout"), help: "Seconds to wait for any traffic after a heartbeat before dropping the connection.")
    public var timeout: Double = 3

    @Option(
        name: .customLong("heartbeat-ttl"),
        help: "Seconds a peer should keep the connection without traffic from this program (sent in each heartbeat); the timeout by default.")
    public var ttl: Double?

    /// The defaults: ``ZMTPHeartbeat/standard``.
    public init() {}

    public func validate() throws {
        // libzmq takes milliseconds as a C int; the TTL travels in tenths of a second in 16 bits.
        guard interval.isFinite, interval >= 0, interval <= 86_400 else {
            throw ValidationError("--heartbeat-interval must be from 0 to 86400 seconds.")
        }
        guard timeout.isFinite, timeout >= 0.001, timeout <= 86_400 else {
            throw ValidationError("--heartbeat-timeout must be from 0.001 to 86400 seconds.")
        }
        if let ttl {
            guard ttl.isFinite, ttl >= 0.1, ttl <= 6553.5 else { throw ValidationError("--heartbeat-ttl must be from 0.1 to 6553.5 seconds.") }
        }
    }

    /// The heartbeat these options ask for.
    public var heartbeat: ZMTPHeartbeat {
        guard interval > 0 else { return .off }
        return ZMTPHeartbeat(interval: .seconds(interval), timeout: .seconds(timeout), ttl: .seconds(min(ttl ?? timeout, 6553.5)))
    }

    /// Sets the heartbeat options on `socket`, before it binds or connects; nothing when off.
    public func apply(to socket: ZMQSocket) throws(ZMQError) { try heartbeat.apply(to: socket) }
}
