/// The frames of a message no schema describes: what a socket carries when neither it nor its
/// peer declares messages.
public struct RawMessage: ZSchemaMessage, Hashable {
    public static var messageName: String { "RawMessage" }

    /// The frames, in order.
    public var frames: [[UInt8]]

    /// Creates a message from its frames.
    public init(frames: [[UInt8]]) { self.frames = frames }

    public init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError) {
        self.frames = (0..<frames.frameCount).map { index in frames.withFrame(at: index) { [UInt8]($0) } }
    }

    public func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
        for frame in frames { writer.append(bytes: frame) }
    }
}
