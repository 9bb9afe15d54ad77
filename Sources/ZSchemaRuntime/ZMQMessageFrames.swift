/// The frames of one multipart message in libzmq message buffers (`zmq_msg_t`), outside any
/// socket: a message encodes into them in place, exactly as ``ZMQSocket/send(dontWait:_:)``
/// builds what it sends, and decodes from them as from what ``ZMQSocket/receive(dontWait:)``
/// returns.
///
/// Useful to measure or test a codec on libzmq's own buffers, or to check a message before a
/// socket exists. The buffers are reused from one ``encode(_:)`` to the next; like a socket, an
/// instance must not be used from two threads at once.
public final class ZMQMessageFrames {
    @usableFromInline let storage: MessagePartStorage

    /// The writer over ``storage`` that every ``encode(_:)`` lends to the message, kept here so
    /// that lending it is an address, not a new writer (a retain and a release of the storage,
    /// about 40 instructions a message). Access is not checked at run time: this object is
    /// used by one thread at a time, and ``encode(_:)`` puts the writer back if a message's
    /// encoder replaced it.
    @usableFromInline @exclusivity(unchecked) var writer: ZMQFrameWriter

    /// Creates an empty set of frames.
    public init() {
        storage = MessagePartStorage()
        writer = ZMQFrameWriter(storage: storage)
    }

    /// Replaces the frames with those of `message`, each built in place by
    /// `zmq_msg_init_size` (libzmq keeps frames of up to 33 bytes inside the `zmq_msg_t`).
    ///
    /// If encoding throws, the frames are left empty.
    @inlinable
    public func encode<Message: ZSchemaMessage>(_ message: Message) throws(MessageEncodingError) {
        storage.closeAll()
        defer { writer.restore(storage) }
        do { try message.encode(into: &writer) } catch {
            storage.closeAll()
            throw error
        }
    }

    /// Decodes a message from the frames in place, as a socket's receive does: the frames are
    /// lent to the decoder, not copied or retained.
    @inlinable
    public func decode<Message: ZSchemaMessage>(_ type: Message.Type = Message.self) throws(MessageDecodingError) -> Message {
        try Message(frames: ReceivedFrames(storage: storage))
    }

    /// The frames, read in place; valid until the next ``encode(_:)`` or ``removeAll()``.
    @inlinable
    public var frames: ReceivedFrames { ReceivedFrames(storage: storage) }

    /// Closes every frame.
    @inlinable
    public func removeAll() { storage.closeAll() }
}
