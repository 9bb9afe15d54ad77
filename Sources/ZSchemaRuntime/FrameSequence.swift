/// The frames of one received multipart message, readable without copying.
///
/// Generated decoders read through this protocol, so the same code decodes libzmq message
/// buffers in place (``ReceivedFrames``) or plain byte arrays.
public protocol FrameSequence {
    /// How many frames the message has.
    var frameCount: Int { get }

    /// Calls `body` with the bytes of frame `index` (0-based, `index < frameCount`).
    func withFrame<R, E: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R
}

extension Array: FrameSequence where Element == [UInt8] {
    @inlinable public var frameCount: Int { count }

    @inlinable
    public func withFrame<R, E: Error>(
        at index: Int, _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let result: Result<R, E> = self[index].withUnsafeBytes { bytes in
            do throws(E) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
