/// A destination for the frames of one multipart message, filled in order.
///
/// Generated encoders write through this protocol so the same code fills libzmq message
/// buffers in place (``ZMQFrameWriter``) or plain byte arrays (``ByteFramesWriter``).
///
/// An encoder appends through the writer it is lent and does not copy it. What a copy does
/// depends on the writer: a copy of a socket's writer, or of the one
/// ``FrameBuffer/encode(_:)`` lends, appends to the same message; a ``FrameBuffer`` or a
/// ``ByteFramesWriter`` is a value, and a copy of it is a message of its own.
public protocol FrameWriter {
    /// Appends a frame of exactly `count` bytes, letting `fill` write them in place.
    mutating func appendFrame(
        count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void
    )
}

extension FrameWriter {
    /// Appends a fixed-width integer frame in network (big-endian) byte order.
    @inlinable @inline(__always)
    public mutating func append<T: FixedWidthInteger>(integer value: T) {
        appendFrame(count: MemoryLayout<T>.size) { buffer in
            buffer.storeBytes(of: value.bigEndian, as: T.self)
        }
    }

    /// Appends a fixed-width integer frame in little-endian byte order (a schema's `u32le`).
    @inlinable @inline(__always)
    public mutating func append<T: FixedWidthInteger>(littleEndianInteger value: T) {
        appendFrame(count: MemoryLayout<T>.size) { buffer in
            buffer.storeBytes(of: value.littleEndian, as: T.self)
        }
    }

    /// Appends an IEEE 754 binary32 frame, little-endian (a schema's `f32le`).
    @inlinable @inline(__always)
    public mutating func append(littleEndianFloat value: Float) { append(littleEndianInteger: value.bitPattern) }

    /// Appends an IEEE 754 binary64 frame, little-endian (a schema's `f64le`).
    @inlinable @inline(__always)
    public mutating func append(littleEndianDouble value: Double) { append(littleEndianInteger: value.bitPattern) }

    /// Appends an IEEE 754 binary32 frame, big-endian.
    @inlinable @inline(__always)
    public mutating func append(float value: Float) { append(integer: value.bitPattern) }

    /// Appends an IEEE 754 binary64 frame, big-endian.
    @inlinable @inline(__always)
    public mutating func append(double value: Double) { append(integer: value.bitPattern) }

    /// Appends a one-byte boolean frame: 1 for true, 0 for false.
    @inlinable @inline(__always)
    public mutating func append(bool value: Bool) { append(integer: UInt8(value ? 1 : 0)) }

    /// Appends a copy of `bytes` as one frame. Always inlined: out of line, it cost a generated
    /// encoder a call per text frame (31 instructions a Tick on a `FrameBuffer`).
    @inlinable @inline(__always)
    mutating func appendFrame(copying bytes: UnsafeRawBufferPointer) {
        appendFrame(count: bytes.count) { buffer in
            if let source = bytes.baseAddress, let target = buffer.baseAddress {
                ShortCopy.copy(bytes.count, from: source, to: target)
            }
        }
    }

    /// Appends the UTF-8 bytes of `string` as one frame.
    @inlinable
    public mutating func append(string: String) {
        string.withUTF8Bytes { appendFrame(copying: $0) }
    }

    /// Appends the UTF-8 bytes of `string` as one frame after checking that they match
    /// `pattern` as a whole; nothing is appended if they do not.
    ///
    /// The frame's bytes are checked where they are copied from, so the text is read once.
    /// - Throws: ``MessageEncodingError`` naming `message` and `field` on a mismatch.
    @inlinable
    public mutating func append(
        string: String, matching pattern: FramePattern, message: String, field: String
    ) throws(MessageEncodingError) {
        let outcome = string.withUTF8Bytes { utf8 -> FramePattern.Outcome in
            let outcome = pattern.test(utf8)
            if outcome == .matched { appendFrame(copying: utf8) }
            return outcome
        }
        guard outcome == .matched else {
            throw MessageEncodingError(message: message, field: field, reason: .rejected(string, by: pattern, outcome))
        }
    }

    /// Appends the UTF-8 bytes of `string` as one frame after checking that they match
    /// `pattern` as a whole, first with `precheck`, the generated ``FramePatternPrecheck`` of the
    /// pattern's ASCII automaton (true: an all-ASCII text that matches); `pattern` (built only
    /// when needed) decides every text `precheck` does not accept. Nothing is appended if the
    /// text does not match.
    /// - Throws: ``MessageEncodingError`` naming `message` and `field` on a mismatch.
    @inlinable @inline(__always)
    public mutating func append<Check: FramePatternPrecheck>(
        string: String, matching pattern: @autoclosure () -> FramePattern, message: String, field: String,
        precheck: Check.Type
    ) throws(MessageEncodingError) {
        // Read in place: `withUTF8` would need a mutable copy of the string (a retain and a
        // release, about 25 instructions) where this borrows it.
        let appended = string.utf8.withContiguousStorageIfAvailable { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            guard Check.accepts(bytes) else { return false }
            appendFrame(copying: bytes)
            return true
        }
        if appended != true { try slowAppend(string: string, matching: pattern(), message: message, field: field) }
    }

    /// ``append(string:matching:message:field:precheck:)`` for a text the precheck did not
    /// accept: out of line, so the common path stays small enough to inline.
    @inlinable @inline(never)
    mutating func slowAppend(string: String, matching pattern: FramePattern, message: String, field: String) throws(MessageEncodingError) {
        try append(string: string, matching: pattern, message: message, field: field)
    }

    /// Appends a copy of every frame of `frames`, in order.
    @inlinable
    public mutating func append<Frames: FrameSequence>(framesOf frames: Frames) {
        for index in 0..<frames.frameCount {
            frames.withFrame(at: index) { appendFrame(copying: $0) }
        }
    }

    /// Appends raw bytes as one frame.
    @inlinable
    public mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBytes { appendFrame(copying: $0) }
    }
}

/// A ``FrameWriter`` that collects frames as byte arrays, for use without a socket
/// (tests, logs, proxies, other transports).
public struct ByteFramesWriter: FrameWriter {
    /// The frames written so far.
    public var frames: [[UInt8]] = []

    /// Creates an empty writer.
    @inlinable public init() {}

    @inlinable
    public mutating func appendFrame(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        frames.append(
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                fill(UnsafeMutableRawBufferPointer(buffer))
                initialized = count
            })
    }
}
