import CZeroMQ

/// A growable array of `zmq_msg_t`, owned by one socket and reused for every message, so that
/// steady-state sending and receiving allocate no bookkeeping per message.
///
/// The bookkeeping lives behind a pointer rather than in stored `var` properties: Swift checks
/// exclusive access to a class's stored variables at run time, and on the per-frame paths those
/// checks cost more than the frames themselves (a third of a Tick's encode and decode).
@usableFromInline
final class MessagePartStorage {
    @usableFromInline
    struct State {
        @usableFromInline var parts: UnsafeMutablePointer<zmq_msg_t>
        @usableFromInline var capacity: Int
        /// How many leading parts are initialised (and must be closed).
        @usableFromInline var count: Int
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    @usableFromInline
    init(capacity: Int = 8) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(parts: .allocate(capacity: capacity), capacity: capacity, count: 0))
    }

    deinit {
        closeAll()
        state.pointee.parts.deallocate()
        state.deallocate()
    }

    /// The first part.
    @inlinable var parts: UnsafeMutablePointer<zmq_msg_t> { state.pointee.parts }

    /// How many leading parts are initialised (and must be closed).
    @inlinable var count: Int {
        get { state.pointee.count }
        set { state.pointee.count = newValue }
    }

    /// Makes room for one more part and returns a pointer to it (not yet initialised).
    @inlinable
    func nextSlot() -> UnsafeMutablePointer<zmq_msg_t> {
        if state.pointee.count == state.pointee.capacity { grow() }
        return state.pointee.parts + state.pointee.count
    }

    /// Doubles the capacity.
    @usableFromInline
    func grow() {
        let capacity = state.pointee.capacity
        let grown = UnsafeMutablePointer<zmq_msg_t>.allocate(capacity: capacity * 2)
        // zmq_msg_t may be moved bitwise while no libzmq call holds it.
        grown.moveInitialize(from: state.pointee.parts, count: state.pointee.count)
        state.pointee.parts.deallocate()
        state.pointee.parts = grown
        state.pointee.capacity = capacity * 2
    }

    /// Closes every initialised part.
    @inlinable
    func closeAll() {
        let parts = state.pointee.parts
        for index in 0..<state.pointee.count { zmq_msg_close(parts + index) }
        state.pointee.count = 0
    }
}

/// A ``FrameWriter`` that builds each frame in place in a libzmq message buffer
/// (`zmq_msg_init_size`), ready to be sent without another copy.
public struct ZMQFrameWriter: FrameWriter {
    @usableFromInline let storage: MessagePartStorage

    @usableFromInline
    init(storage: MessagePartStorage) { self.storage = storage }

    /// Points the writer back at `storage` if the encoder it was lent to replaced it with
    /// another (a copy of a different socket's writer): one comparison on the common path.
    @inlinable @inline(__always)
    mutating func restore(_ storage: MessagePartStorage) {
        if self.storage !== storage { self = ZMQFrameWriter(storage: storage) }
    }

    /// Always inlined, with the failure out of line: as a call, it cost a generated encoder about
    /// 50 instructions per text frame.
    @inlinable @inline(__always)
    public mutating func appendFrame(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let slot = storage.nextSlot()
        if zmq_msg_init_size(slot, count) != 0 { Self.initFailed(count) }
        storage.count &+= 1  // below the capacity nextSlot() made room for: cannot overflow
        fill(UnsafeMutableRawBufferPointer(start: zmq_msg_data(slot), count: count))
    }

    /// Stops the process: only ENOMEM is possible here, and libzmq itself cannot go on either.
    @usableFromInline @inline(never)
    static func initFailed(_ count: Int) -> Never {
        fatalError("zmq_msg_init_size(\(count)) failed: \(ZMQError.last("zmq_msg_init_size"))")
    }
}

/// Frames read in place from libzmq's buffers: the last message a socket received, or the
/// frames of a ``ZMQMessageFrames``.
///
/// Valid until the next receive on the same socket (or the next encode into the same
/// ``ZMQMessageFrames``); decode what you need before then.
public struct ReceivedFrames: FrameSequence {
    @usableFromInline let storage: MessagePartStorage

    @usableFromInline
    init(storage: MessagePartStorage) { self.storage = storage }

    @inlinable public var frameCount: Int { storage.count }

    @inlinable
    public func withFrame<R, E: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        precondition(index >= 0 && index < storage.count, "frame index \(index) out of range")
        let part = storage.parts + index
        return try body(UnsafeRawBufferPointer(start: zmq_msg_data(part), count: zmq_msg_size(part)))
    }

    /// Copies the frames out as byte arrays.
    public func copyFrames() -> [[UInt8]] {
        (0..<frameCount).map { index in withFrame(at: index) { [UInt8]($0) } }
    }
}
