import CZeroMQ

extension ZMQSocket {
    /// Sets an integer (`int`) socket option.
    public func setOption(_ option: Int32, _ value: Int32, _ name: String) throws(ZMQError) {
        var value = value
        try check(
            zmq_setsockopt(try handle(), option, &value, MemoryLayout<Int32>.size),
            "zmq_setsockopt(\(name))")
    }

    /// Sets an `int64_t` socket option.
    public func setOption(_ option: Int32, _ value: Int64, _ name: String) throws(ZMQError) {
        var value = value
        try check(
            zmq_setsockopt(try handle(), option, &value, MemoryLayout<Int64>.size),
            "zmq_setsockopt(\(name))")
    }

    /// Sets a binary socket option (subscriptions, routing ids, keys).
    public func setOption(_ option: Int32, bytes: [UInt8], _ name: String) throws(ZMQError) {
        let handle = try handle()
        let result = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        try check(result, "zmq_setsockopt(\(name))")
    }

    /// Reads an integer (`int`) socket option.
    public func intOption(_ option: Int32, _ name: String) throws(ZMQError) -> Int32 {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        try check(zmq_getsockopt(try handle(), option, &value, &size), "zmq_getsockopt(\(name))")
        return value
    }

    /// Reads a string socket option such as `ZMQ_LAST_ENDPOINT`.
    public func stringOption(_ option: Int32, _ name: String) throws(ZMQError) -> String {
        var buffer = [UInt8](repeating: 0, count: 1024)
        var size = buffer.count
        let handle = try handle()
        let result = buffer.withUnsafeMutableBytes { zmq_getsockopt(handle, option, $0.baseAddress, &size) }
        try check(result, "zmq_getsockopt(\(name))")
        return String(decoding: buffer.prefix(while: { $0 != 0 }), as: UTF8.self)
    }

    /// The endpoint the socket last bound or connected to, with wildcards resolved
    /// (`tcp://127.0.0.1:*` becomes the port the system chose).
    public var lastEndpoint: String {
        get throws(ZMQError) { try stringOption(ZMQ_LAST_ENDPOINT, "ZMQ_LAST_ENDPOINT") }
    }

    /// How long unsent messages are kept after ``close()`` (negative: forever).
    public func setLinger(_ linger: Duration) throws(ZMQError) {
        try setOption(ZMQ_LINGER, Int32(clamping: linger.milliseconds), "ZMQ_LINGER")
    }

    /// The send high-water mark, in messages (0: no limit).
    public func setSendHighWaterMark(_ messages: Int32) throws(ZMQError) {
        try setOption(ZMQ_SNDHWM, messages, "ZMQ_SNDHWM")
    }

    /// The receive high-water mark, in messages (0: no limit).
    public func setReceiveHighWaterMark(_ messages: Int32) throws(ZMQError) {
        try setOption(ZMQ_RCVHWM, messages, "ZMQ_RCVHWM")
    }

    /// How long a blocking send waits before failing with `EAGAIN` (negative: forever).
    public func setSendTimeout(_ timeout: Duration) throws(ZMQError) {
        try setOption(ZMQ_SNDTIMEO, Int32(clamping: timeout.milliseconds), "ZMQ_SNDTIMEO")
    }

    /// How long a blocking receive waits before failing with `EAGAIN` (negative: forever).
    public func setReceiveTimeout(_ timeout: Duration) throws(ZMQError) {
        try setOption(ZMQ_RCVTIMEO, Int32(clamping: timeout.milliseconds), "ZMQ_RCVTIMEO")
    }

    /// The initial and the maximum reconnection interval (exponential back-off between them).
    public func setReconnectInterval(_ interval: Duration, maximum: Duration? = nil) throws(ZMQError) {
        try setOption(ZMQ_RECONNECT_IVL, Int32(clamping: interval.milliseconds), "ZMQ_RECONNECT_IVL")
        if let maximum {
            try setOption(ZMQ_RECONNECT_IVL_MAX, Int32(clamping: maximum.milliseconds), "ZMQ_RECONNECT_IVL_MAX")
        }
    }

    /// ZMTP heartbeats: a PING every `interval`; the connection is dropped when no traffic
    /// arrives within `timeout`; `ttl` asks the peer to drop it after that long without PINGs.
    public func setHeartbeat(interval: Duration, timeout: Duration, ttl: Duration? = nil) throws(ZMQError) {
        try setOption(ZMQ_HEARTBEAT_IVL, Int32(clamping: interval.milliseconds), "ZMQ_HEARTBEAT_IVL")
        try setOption(ZMQ_HEARTBEAT_TIMEOUT, Int32(clamping: timeout.milliseconds), "ZMQ_HEARTBEAT_TIMEOUT")
        if let ttl {
            try setOption(ZMQ_HEARTBEAT_TTL, Int32(clamping: ttl.milliseconds), "ZMQ_HEARTBEAT_TTL")
        }
    }

    /// TCP keepalive on this socket's connections: after `idle` without traffic the kernel sends a
    /// probe every `interval`, and drops the connection after `count` unanswered ones. The peer's
    /// kernel answers the probes, so this finds a dead host or link, not a frozen process.
    /// Whole seconds, at least one each.
    public func setTCPKeepalive(idle: Duration, interval: Duration, count: Int32) throws(ZMQError) {
        func seconds(_ duration: Duration) -> Int32 { max(1, Int32(clamping: duration.components.seconds)) }
        try setOption(ZMQ_TCP_KEEPALIVE, Int32(1), "ZMQ_TCP_KEEPALIVE")
        try setOption(ZMQ_TCP_KEEPALIVE_IDLE, seconds(idle), "ZMQ_TCP_KEEPALIVE_IDLE")
        try setOption(ZMQ_TCP_KEEPALIVE_INTVL, seconds(interval), "ZMQ_TCP_KEEPALIVE_INTVL")
        try setOption(ZMQ_TCP_KEEPALIVE_CNT, max(1, count), "ZMQ_TCP_KEEPALIVE_CNT")
    }

    /// How long data sent on a connection may stay unacknowledged before the kernel drops the
    /// connection (`ZMQ_TCP_MAXRT`, Linux's `TCP_USER_TIMEOUT`): a link that goes down under
    /// traffic is noticed after this long instead of after minutes of retransmission.
    public func setTCPMaximumRetransmitTime(_ limit: Duration) throws(ZMQError) {
        try setOption(ZMQ_TCP_MAXRT, Int32(clamping: limit.milliseconds), "ZMQ_TCP_MAXRT")
    }

    /// The largest frame a peer may send, in bytes; a peer that sends a larger one is disconnected
    /// by libzmq before the frame is buffered (-1: no limit).
    public func setMaximumMessageSize(_ bytes: Int64) throws(ZMQError) {
        try setOption(ZMQ_MAXMSGSIZE, bytes, "ZMQ_MAXMSGSIZE")
    }

    /// Sets this socket's routing id as seen by a ROUTER peer.
    public func setRoutingID(_ id: [UInt8]) throws(ZMQError) {
        try setOption(ZMQ_ROUTING_ID, bytes: id, "ZMQ_ROUTING_ID")
    }

    /// Subscribes a SUB or XSUB socket to messages whose first frame starts with `prefix`.
    ///
    /// A SUB socket takes the `ZMQ_SUBSCRIBE` option; an XSUB socket has no such option and
    /// subscribes by sending the byte 1 followed by the prefix, which is what this does for it.
    public func subscribe(prefix: [UInt8]) throws(ZMQError) {
        if type == .xsub {
            try sendSubscription([1] + prefix, "zmq_send(XSUB subscribe)")
        } else {
            try setOption(ZMQ_SUBSCRIBE, bytes: prefix, "ZMQ_SUBSCRIBE")
        }
    }

    /// Removes one subscription added with ``subscribe(prefix:)`` (on XSUB: sends 0 and the prefix).
    public func unsubscribe(prefix: [UInt8]) throws(ZMQError) {
        if type == .xsub {
            try sendSubscription([0] + prefix, "zmq_send(XSUB unsubscribe)")
        } else {
            try setOption(ZMQ_UNSUBSCRIBE, bytes: prefix, "ZMQ_UNSUBSCRIBE")
        }
    }

    private func sendSubscription(_ message: [UInt8], _ operation: String) throws(ZMQError) {
        let handle = try handle()
        let result = message.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, 0) }
        try check(result, operation)
    }
}
