/// The frames of one multipart message back to back in one allocation, with where each ends:
/// what ``ZSchemaMessage/encode()`` returns.
///
/// A value type (copy on write, like `Array`) and a collection of its frames. A compact form for
/// logs, files, tests and transports other than ZeroMQ, and a reusable encoder: once it has
/// grown to a message's size, encoding into it again allocates nothing.
///
/// ```swift
/// let frames = try Tick(symbol: "AAPL", timestamp: 0, price: 189.25).encode()
/// frames.count          // 3
/// frames[0]             // [65, 65, 80, 76]
/// let tick = try Tick(frames: frames)
/// ```
public struct FrameBuffer: FrameWriter, FrameSequence, Hashable {
    @usableFromInline var storage: FrameBufferStorage

    /// Creates an empty buffer with room for a few small frames.
    @inlinable public init() { storage = .make(frames: 4, bytes: 120) }

    @inlinable init(storage: consuming FrameBufferStorage) { self.storage = storage }

    /// Creates a buffer holding copies of the frames of `frames`.
    public init<Frames: FrameSequence>(frames: Frames) {
        storage = .make(frames: Swift.max(frames.frameCount, 1), bytes: 64)
        append(framesOf: frames)
    }

    /// The bytes of every frame, in order, without separators.
    public var bytes: [UInt8] {
        withExtendedLifetime(storage) {
            Array(UnsafeRawBufferPointer(start: storage.bytes, count: storage.byteCount))
        }
    }

    /// The offset in ``bytes`` just past each frame.
    public var ends: [Int] { withExtendedLifetime(storage) { Array(storage.ends) } }

    /// The frames copied out as separate arrays.
    public var frames: [[UInt8]] { Array(self) }

    /// Removes every frame, keeping the room unless told otherwise.
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool = true) {
        if keepingCapacity && isKnownUniquelyReferenced(&storage) {
            storage.removeAll()
        } else {
            self = FrameBuffer()
        }
    }

    @inlinable @inline(__always)
    public mutating func appendFrame(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let shared = !isKnownUniquelyReferenced(&storage)
        FrameBufferStorage.appendFrame(count: count, to: &storage, copyFirst: shared, fill)
    }

    @inlinable public var frameCount: Int { storage.frameCount }

    @inlinable
    public func withFrame<R, E: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try withExtendedLifetime(storage) { () throws(E) -> R in try body(storage.frame(index)) }
    }

    public static func == (left: FrameBuffer, right: FrameBuffer) -> Bool {
        if left.storage === right.storage { return true }
        return withExtendedLifetime((left.storage, right.storage)) {
            left.storage.ends.elementsEqual(right.storage.ends)
                && UnsafeRawBufferPointer(start: left.storage.bytes, count: left.storage.byteCount)
                    .elementsEqual(UnsafeRawBufferPointer(start: right.storage.bytes, count: right.storage.byteCount))
        }
    }

    public func hash(into hasher: inout Hasher) {
        withExtendedLifetime(storage) {
            hasher.combine(frameCount)
            for end in storage.ends { hasher.combine(end) }
            hasher.combine(bytes: UnsafeRawBufferPointer(start: storage.bytes, count: storage.byteCount))
        }
    }
}

/// Safe to share: the storage is copied before any write unless this buffer is its only owner
/// (see ``FrameBufferStorage``), exactly as `Array` shares its storage.
extension FrameBuffer: @unchecked Sendable {}

extension FrameBuffer: RandomAccessCollection {
    /// A copy of frame `index`'s bytes.
    public subscript(index: Int) -> [UInt8] { withFrame(at: index) { [UInt8]($0) } }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { frameCount }
}

extension FrameBuffer: ExpressibleByArrayLiteral {
    /// Creates a buffer holding the given frames: `let frames: FrameBuffer = [[1, 2], [3]]`.
    public init(arrayLiteral frames: [UInt8]...) {
        self.init(frames: frames)
    }
}

extension FrameBuffer {
    /// Replaces the frames with those of `message`, keeping the room.
    /// If encoding throws, the buffer is left empty.
    ///
    /// The storage is made unique once, here, and lent to the encoder through a writer that
    /// appends without checking again: a Tick's four uniqueness checks become two.
    @inlinable @inline(__always)
    public mutating func encode<Message: ZSchemaMessage>(_ message: Message) throws(MessageEncodingError) {
        removeAll()
        var writer = FrameBufferWriter(storage: (consume self).storage)
        do { try message.encode(into: &writer) } catch {
            self = FrameBuffer(storage: (consume writer).storage)
            removeAll()
            throw error
        }
        self = FrameBuffer(storage: (consume writer).storage)
        // A copy of the writer kept past the encode still holds the storage: this buffer must
        // not share it with a writer that appends without copy on write.
        if !isKnownUniquelyReferenced(&storage) { self = FrameBuffer(frames: self) }
    }
}
