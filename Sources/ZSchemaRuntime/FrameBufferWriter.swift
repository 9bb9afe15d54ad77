/// The writer ``FrameBuffer/encode(_:)`` lends a message's encoder: it owns the buffer's storage
/// for the length of one encode and appends without the uniqueness check that every append to
/// a ``FrameBuffer`` itself makes (copy on write), because the storage was made unique once
/// before the encode began.
///
/// A copy of it made inside the encoder appends to the same storage, as a copy of a socket's
/// writer sends in the same message; the room check reads the storage's own header, so no
/// copy writes outside it. It is not `Sendable`, so copies stay on one thread, and
/// ``FrameBuffer/encode(_:)`` gives the buffer storage of its own if one outlives the encode.
@usableFromInline
struct FrameBufferWriter: FrameWriter {
    @usableFromInline var storage: FrameBufferStorage

    @inlinable
    init(storage: consuming FrameBufferStorage) { self.storage = storage }

    @inlinable @inline(__always)
    mutating func appendFrame(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        FrameBufferStorage.appendFrame(count: count, to: &storage, copyFirst: false, fill)
    }
}

@available(*, unavailable, message: "a FrameBufferWriter appends without copy on write; it belongs to one encode")
extension FrameBufferWriter: Sendable {}
