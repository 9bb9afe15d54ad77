/// A message type generated from a schema: a fixed sequence of frames with typed fields.
///
/// Every message can be encoded to and decoded from frames without a socket, so it can travel
/// through a proxy, a log or a test as well as through the generated socket wrappers.
public protocol ZSchemaMessage: Sendable {
    /// The message's name as written in (or derived from) the schema.
    static var messageName: String { get }

    /// Decodes a message, checking frame count, sizes, constants, enum values, UTF-8 and patterns.
    init<Frames: FrameSequence>(frames: borrowing Frames) throws(MessageDecodingError)

    /// Writes the message's frames, validating string frames against their patterns first.
    func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError)
}

extension ZSchemaMessage {
    /// Encodes the message into a new ``FrameBuffer``: every frame in one allocation.
    ///
    /// Index it for a frame's bytes (`frames[0]`), or use ``FrameBuffer/frames`` for separate
    /// byte arrays. To encode many messages without allocating, reuse one buffer with
    /// ``FrameBuffer/encode(_:)``, or send through a socket wrapper, which builds the frames
    /// in libzmq's buffers.
    @inlinable @inline(__always)
    public func encode() throws(MessageEncodingError) -> FrameBuffer {
        // Inlined into its caller together with a small message's encoder (which generated
        // code marks `@inline(__always)`), so the two are optimised as one: 660 instructions a
        // Tick encoded and decoded this way otherwise, 539 inlined.
        var buffer = FrameBuffer()
        try encode(into: &buffer)
        return buffer
    }
}

/// A view of the frames of `base` from `offset` on: what is left once a routing envelope is
/// taken off.
public struct FrameSlice<Base: FrameSequence>: FrameSequence {
    let base: Base
    let offset: Int

    /// Creates a view of `base` that skips its first `offset` frames.
    public init(_ base: Base, droppingFirst offset: Int) {
        self.base = base
        self.offset = min(offset, base.frameCount)
    }

    public var frameCount: Int { base.frameCount - offset }

    public func withFrame<R, E: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try base.withFrame(at: index + offset, body)
    }
}
