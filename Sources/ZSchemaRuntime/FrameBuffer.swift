/// The frames of one multipart message back to back in one byte array, with where each ends.
///
/// A compact form for logs, files and transports other than ZeroMQ, and a reusable encoder at
/// the buffer level: once its arrays have grown to a message's size, encoding into it again
/// allocates nothing (``ZSchemaMessage/encode()`` allocates one array per frame instead).
public struct FrameBuffer: FrameWriter, FrameSequence, Hashable, Sendable {
    /// The bytes of every frame, in order, without separators.
    public var bytes: [UInt8] { Array(storage[0..<used]) }
    /// The offset in ``bytes`` just past each frame.
    @inlinable public var ends: [Int] { frameEnds }

    /// Zero-filled room that only grows; the first `used` bytes are the frames. Growing an
    /// array element by element costs more than the frames themselves, so it is done rarely.
    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var used = 0
    @usableFromInline var frameEnds: [Int] = []

    /// Creates an empty buffer.
    @inlinable public init() {}

    /// Creates a buffer holding `frames`.
    public init(frames: [[UInt8]]) {
        for frame in frames { append(bytes: frame) }
    }

    /// Replaces the frames with those of `message`, keeping the arrays' capacity.
    /// If encoding throws, the buffer is left empty.
    @inlinable
    public mutating func encode<Message: ZSchemaMessage>(_ message: Message) throws(MessageEncodingError) {
        removeAll()
        do { try message.encode(into: &self) } catch {
            removeAll()
            throw error
        }
    }

    /// Removes every frame, keeping the arrays' capacity unless told otherwise.
    @inlinable
    public mutating func removeAll(keepingCapacity: Bool = true) {
        used = 0
        if !keepingCapacity { storage = [] }
        frameEnds.removeAll(keepingCapacity: keepingCapacity)
    }

    /// The frames copied out as separate arrays.
    public var frames: [[UInt8]] {
        (0..<frameCount).map { index in withFrame(at: index) { [UInt8]($0) } }
    }

    @inlinable
    public mutating func appendFrame(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        let start = used
        let end = start + count
        if storage.count < end {
            storage.append(contentsOf: repeatElement(0, count: max(end, 2 * storage.count) - storage.count))
        }
        storage.withUnsafeMutableBytes { all in fill(UnsafeMutableRawBufferPointer(rebasing: all[start..<end])) }
        used = end
        frameEnds.append(end)
    }

    @inlinable public var frameCount: Int { frameEnds.count }

    public static func == (left: FrameBuffer, right: FrameBuffer) -> Bool {
        left.frameEnds == right.frameEnds && left.storage[0..<left.used].elementsEqual(right.storage[0..<right.used])
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(frameEnds)
        storage[0..<used].withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    @inlinable
    public func withFrame<R, E: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let start = index == 0 ? 0 : frameEnds[index - 1]
        let end = frameEnds[index]
        let result: Result<R, E> = storage.withUnsafeBytes { all in
            do throws(E) { return .success(try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))) } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
