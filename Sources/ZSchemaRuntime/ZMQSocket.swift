import CZeroMQ

/// A libzmq socket that sends and receives whole multipart messages.
///
/// Like every libzmq socket it must not be used from two threads at once, so it is not
/// `Sendable`: it belongs to the thread or task that made it, and moves to another only as a
/// whole, through a `sending` hand-off (a `Task`, a ``SocketThread``) after which the old owner
/// cannot touch it. See <doc:Threading>.
///
/// Closing happens in `deinit` or explicitly with ``close()``; the linger period bounds how long
/// unsent messages keep the context from terminating.
public final class ZMQSocket {
    /// The socket's type.
    public let type: SocketType
    /// The context that owns the socket; kept alive as long as the socket.
    public let context: ZMQContext
    /// Messages with more frames than this are drained and rejected by ``receive(dontWait:)``,
    /// so a hostile peer cannot make the receiver hold an unbounded frame list.
    ///
    /// Read without a run-time exclusivity check (it cost a receive about 76 instructions): the
    /// socket has one owner at a time, and nothing writes it while a receive reads it.
    @exclusivity(unchecked) public var maximumFrameCount = 4096

    private var rawHandle: UnsafeMutableRawPointer?
    private let outgoing = MessagePartStorage()
    /// The frames of the last message received; read in place by ``ReceivedFrames``.
    @usableFromInline let incoming = MessagePartStorage()
    /// The writer over `outgoing` that every ``send(dontWait:_:)`` lends to its builder: lent
    /// by address rather than made anew (a retain and a release of the storage per message).
    /// Only the socket's owner uses it, and `send` puts it back if a builder replaced it.
    @exclusivity(unchecked) private var outgoingWriter: ZMQFrameWriter
    /// The wait of a ``MessageStream`` suspended on this socket, if any: any other use of the
    /// socket ends it, because libzmq may then consume the readiness signal the wait is
    /// counting on. Only the socket's owner reads or writes it (no dynamic exclusivity check is
    /// needed on the hot path).
    @exclusivity(unchecked) var suspendedWait: ReadinessWait?

    /// Opens a socket of `type` on `context`, with a bounded linger (default one second) so that
    /// closing never hangs on a peer that went away.
    ///
    /// - Throws: ``ZMQError``, also when the libzmq linked at run time is older than
    ///   ``ZMQContext/minimumLibraryVersion`` (the error names the version found).
    public init(
        context: ZMQContext = .shared, type: SocketType, linger: Duration = .seconds(1)
    ) throws(ZMQError) {
        if let problem = ZMQContext.linkedLibraryProblem { throw problem }
        guard let handle = zmq_socket(context.handle, type.zmqValue) else {
            throw ZMQError.last("zmq_socket(\(type.rawValue))")
        }
        self.type = type
        self.context = context
        self.rawHandle = handle
        outgoingWriter = ZMQFrameWriter(storage: outgoing)
        try setOption(ZMQ_LINGER, Int32(linger.milliseconds), "ZMQ_LINGER")
    }

    deinit { close() }

    /// Closes the socket. Later calls fail with `ENOTSOCK`.
    public func close() {
        endSuspendedWait()
        if let handle = rawHandle {
            outgoing.closeAll()
            incoming.closeAll()
            zmq_close(handle)
            rawHandle = nil
        }
    }

    /// The `void *` libzmq handle. Throws `ENOTSOCK` once the socket is closed.
    public func handle() throws(ZMQError) -> UnsafeMutableRawPointer {
        if suspendedWait != nil { endSuspendedWait() }
        guard let rawHandle else { throw ZMQError(code: ENOTSOCK, operation: "socket is closed") }
        return rawHandle
    }

    /// Wakes a stream waiting on this socket so that it looks at the socket again.
    private func endSuspendedWait() {
        guard let wait = suspendedWait else { return }
        suspendedWait = nil
        ReadinessWatcher.shared.finish(wait)
    }

    // MARK: Endpoints

    /// Binds to `endpoint` (`tcp://*:9003`, `ipc:///tmp/x`, `inproc://name`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        try check(zmq_bind(try handle(), endpoint), "zmq_bind(\(endpoint))")
    }

    /// Connects to `endpoint`; libzmq reconnects in the background if the peer is not there yet.
    public func connect(_ endpoint: String) throws(ZMQError) {
        try check(zmq_connect(try handle(), endpoint), "zmq_connect(\(endpoint))")
    }

    /// Undoes a ``bind(_:)``.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        try check(zmq_unbind(try handle(), endpoint), "zmq_unbind(\(endpoint))")
    }

    /// Undoes a ``connect(_:)``.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        try check(zmq_disconnect(try handle(), endpoint), "zmq_disconnect(\(endpoint))")
    }

    /// Binds (`bind == true`) or connects to `endpoint`.
    public func attach(to endpoint: String, bind: Bool) throws(ZMQError) {
        if bind { try self.bind(endpoint) } else { try connect(endpoint) }
    }

    // MARK: Sending

    /// Sends one multipart message whose frames `build` writes in place into libzmq buffers.
    ///
    /// Nothing is sent if `build` throws: frames are only handed to libzmq once all are built,
    /// and libzmq delivers a multipart message whole or not at all.
    /// - Throws: what `build` throws, or ``ZMQError`` (`EAGAIN` when `dontWait` and the message
    ///   cannot be queued now).
    public func send(
        dontWait: Bool = false, _ build: (inout ZMQFrameWriter) throws -> Void
    ) throws {
        let handle = try handle()
        outgoing.closeAll()
        do {
            defer { outgoingWriter.restore(outgoing) }
            try build(&outgoingWriter)
        } catch {
            outgoing.closeAll()
            throw error
        }
        let count = outgoing.count
        guard count > 0 else {
            throw ZMQError(code: EINVAL, operation: "send: a message needs at least one frame")
        }
        let waitFlag = dontWait ? ZMQ_DONTWAIT : 0
        for index in 0..<count {
            let flags = waitFlag | (index < count - 1 ? ZMQ_SNDMORE : 0)
            while zmq_msg_send(outgoing.parts + index, handle, flags) == -1 {
                let error = ZMQError.last("zmq_msg_send")
                if error.code == EINTR { continue }
                // The parts already sent were emptied by libzmq; close the rest.
                for unsent in index..<count { zmq_msg_close(outgoing.parts + unsent) }
                outgoing.count = 0
                throw error
            }
        }
        // A part that zmq_msg_send accepted is empty and needs no zmq_msg_close.
        outgoing.count = 0
    }

    /// Sends `frames` (byte arrays, a ``FrameBuffer``, received frames) as one multipart message.
    public func send<Frames: FrameSequence>(frames: Frames, dontWait: Bool = false) throws {
        try send(dontWait: dontWait) { writer in writer.append(framesOf: frames) }
    }

    // MARK: Receiving

    /// Receives one whole multipart message, blocking until one arrives (or the receive
    /// timeout set with ``setReceiveTimeout(_:)`` expires, which throws `EAGAIN`).
    ///
    /// The returned frames stay valid until the next receive on this socket.
    /// - Throws: ``ZMQError``, or ``MessageDecodingError`` with reason `.tooManyFrames` when a
    ///   message exceeds ``maximumFrameCount`` (the message is drained and dropped).
    @inlinable
    public func receive(dontWait: Bool = false) throws -> ReceivedFrames {
        try receiveParts(dontWait: dontWait)
        return ReceivedFrames(storage: incoming)
    }

    /// Receives one whole multipart message, as ``receive(dontWait:)`` does, and decodes it as
    /// `Message`, lending it the frames in place: nothing is copied or retained.
    /// - Throws: ``ZMQError``, or ``MessageDecodingError`` for a message that does not fit
    ///   `Message` (it is consumed; the next receive gets the next message).
    @inlinable
    public func receive<Message: ZSchemaMessage>(_ type: Message.Type, dontWait: Bool = false) throws -> Message {
        try receiveParts(dontWait: dontWait)
        return try Message(frames: ReceivedFrames(storage: incoming))
    }

    /// Receives and decodes one message as `Message`, or returns `nil` when none arrives within
    /// `timeout`.
    @inlinable
    public func receive<Message: ZSchemaMessage>(_ type: Message.Type, timeout: Duration) throws -> Message? {
        guard try poll(events: ZMQ_POLLIN, timeout: timeout) else { return nil }
        return try receive(type, dontWait: true)
    }

    /// Receives the frames of one message into `incoming`.
    @usableFromInline
    func receiveParts(dontWait: Bool) throws {
        let handle = try handle()
        incoming.closeAll()
        let flags = dontWait ? ZMQ_DONTWAIT : 0
        while true {
            let slot = incoming.nextSlot()
            zmq_msg_init(slot)
            incoming.count += 1
            while zmq_msg_recv(slot, handle, incoming.count == 1 ? flags : 0) == -1 {
                let error = ZMQError.last("zmq_msg_recv")
                if error.code == EINTR { continue }
                incoming.closeAll()
                throw error
            }
            if zmq_msg_more(slot) == 0 { break }
            if incoming.count >= maximumFrameCount {
                let frames = incoming.count + drainRestOfMessage(handle)
                incoming.closeAll()
                throw MessageDecodingError(
                    message: "message", frame: nil, field: nil,
                    reason: .tooManyFrames(limit: maximumFrameCount, actual: frames))
            }
        }
    }

    /// Receives one message, or returns `nil` when none arrives within `timeout`.
    public func receive(timeout: Duration) throws -> ReceivedFrames? {
        guard try poll(events: ZMQ_POLLIN, timeout: timeout) else { return nil }
        return try receive(dontWait: true)
    }

    /// Waits up to `timeout` for the socket to be ready for `events` (`ZMQ_POLLIN`, `ZMQ_POLLOUT`).
    public func poll(events: Int32, timeout: Duration) throws(ZMQError) -> Bool {
        var item = zmq_pollitem_t(socket: try handle(), fd: 0, events: Int16(events), revents: 0)
        while true {
            let result = zmq_poll(&item, 1, timeout.milliseconds)
            if result >= 0 { return result > 0 }
            let error = ZMQError.last("zmq_poll")
            if error.code != EINTR { throw error }
        }
    }

    /// Reads and discards the remaining frames of a message; returns how many there were.
    private func drainRestOfMessage(_ handle: UnsafeMutableRawPointer) -> Int {
        var scratch = zmq_msg_t()
        var drained = 0
        repeat {
            zmq_msg_init(&scratch)
            defer { zmq_msg_close(&scratch) }
            if zmq_msg_recv(&scratch, handle, 0) == -1 { break }
            drained += 1
            if zmq_msg_more(&scratch) == 0 { break }
        } while true
        return drained
    }
}

extension Duration {
    /// The duration in whole milliseconds, saturating to the range of `Int`; negative means "forever".
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? -1 : Int(Int32.max) }
        return Int(ms) + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// A socket is used by one thread at a time; it moves between threads only by a `sending`
/// hand-off, never by sharing.
@available(*, unavailable, message: "a ZMQSocket belongs to one thread or task at a time; hand it over with `sending` (Task, SocketThread)")
extension ZMQSocket: Sendable {}
