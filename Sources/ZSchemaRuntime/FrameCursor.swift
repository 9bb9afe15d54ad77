/// Reads the frames of one message in order without holding them: generated decoders (version 5
/// on) are written against it.
///
/// Every read is handed the frames it reads from, borrowed from the decoder's caller, so a
/// decoder neither retains nor releases frames held by reference (a socket's, a
/// ``FrameBuffer``'s): a retain and a release, about 45 instructions a message, that
/// ``FrameReader`` spends storing them. Pass the same frames to every read; the cursor only
/// remembers where it is and which message it decodes.
///
/// Each read checks the frame it reads and throws a ``MessageDecodingError`` that names the
/// message, the frame index and the field.
public struct FrameCursor {
    /// The message type being decoded, for errors.
    public let message: String
    /// The index of the next frame to read.
    public var index: Int { position }
    @usableFromInline var position = 0

    /// Starts reading `frames`, after checking that their count lies in `frameCount`.
    @inlinable
    public init<Frames: FrameSequence>(
        _ frames: borrowing Frames, message: String, frameCount: ClosedRange<Int>
    ) throws(MessageDecodingError) {
        guard frameCount.contains(frames.frameCount) else {
            throw Self.wrongFrameCount(message: message, expected: frameCount, actual: frames.frameCount)
        }
        self.message = message
    }

    /// The error for a message of the wrong length, built out of line so that the check
    /// itself stays small enough to inline into every generated decoder.
    @usableFromInline @inline(never)
    static func wrongFrameCount(message: String, expected: ClosedRange<Int>, actual: Int) -> MessageDecodingError {
        MessageDecodingError(message: message, frame: nil, field: nil, reason: .frameCount(expected: expected, actual: actual))
    }

    /// How many frames of `frames` are left to read.
    @inlinable
    public func remaining<Frames: FrameSequence>(in frames: borrowing Frames) -> Int {
        frames.frameCount - position
    }

    @usableFromInline
    func failure(_ field: String?, _ reason: MessageDecodingError.Reason) -> MessageDecodingError {
        MessageDecodingError(message: message, frame: position, field: field, reason: reason)
    }

    /// Runs `body` on the next frame and moves past it; a ``FrameFault`` thrown by `body` becomes
    /// a ``MessageDecodingError`` located at that frame.
    @inlinable @inline(__always)
    mutating func next<Frames: FrameSequence, R>(
        _ frames: borrowing Frames, _ field: String?, _ body: (UnsafeRawBufferPointer) throws(FrameFault) -> R
    ) throws(MessageDecodingError) -> R {
        do {
            let value = try frames.withFrame(at: position, body)
            position += 1
            return value
        } catch {
            throw failure(field, error.reason)
        }
    }

    /// Reads a frame of exactly `size` bytes with `load`.
    @inlinable @inline(__always)
    mutating func fixed<Frames: FrameSequence, T>(
        _ size: Int, from frames: borrowing Frames, field: String, _ load: (UnsafeRawBufferPointer) -> T
    ) throws(MessageDecodingError) -> T {
        try next(frames, field) { (frame) throws(FrameFault) in
            guard frame.count == size else { throw FrameFault(reason: .frameSize(expected: size, actual: frame.count)) }
            return load(frame)
        }
    }

    /// Reads a big-endian fixed-width integer frame.
    @inlinable @inline(__always)
    public mutating func integer<Frames: FrameSequence, T: FixedWidthInteger>(
        _ type: T.Type, from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> T {
        try fixed(MemoryLayout<T>.size, from: frames, field: field) { T(bigEndian: $0.loadUnaligned(as: T.self)) }
    }

    /// Reads a little-endian fixed-width integer frame (a schema's `u32le`).
    @inlinable @inline(__always)
    public mutating func littleEndianInteger<Frames: FrameSequence, T: FixedWidthInteger>(
        _ type: T.Type, from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> T {
        try fixed(MemoryLayout<T>.size, from: frames, field: field) { T(littleEndian: $0.loadUnaligned(as: T.self)) }
    }

    /// Reads a little-endian IEEE 754 binary64 frame (a schema's `f64le`).
    @inlinable @inline(__always)
    public mutating func littleEndianDouble<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> Double {
        Double(bitPattern: try littleEndianInteger(UInt64.self, from: frames, field: field))
    }

    /// Reads a little-endian IEEE 754 binary32 frame (a schema's `f32le`).
    @inlinable @inline(__always)
    public mutating func littleEndianFloat<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> Float {
        Float(bitPattern: try littleEndianInteger(UInt32.self, from: frames, field: field))
    }

    /// Reads a big-endian IEEE 754 binary64 frame.
    @inlinable @inline(__always)
    public mutating func double<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> Double {
        Double(bitPattern: try integer(UInt64.self, from: frames, field: field))
    }

    /// Reads a big-endian IEEE 754 binary32 frame.
    @inlinable @inline(__always)
    public mutating func float<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> Float {
        Float(bitPattern: try integer(UInt32.self, from: frames, field: field))
    }

    /// Reads a one-byte boolean frame (0 or 1; anything else is an error).
    @inlinable @inline(__always)
    public mutating func bool<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> Bool {
        try next(frames, field) { (frame) throws(FrameFault) in
            guard frame.count == 1 else { throw FrameFault(reason: .frameSize(expected: 1, actual: frame.count)) }
            guard frame[0] <= 1 else { throw FrameFault(reason: .invalidBool(frame[0])) }
            return frame[0] == 1
        }
    }

    /// Reads an enum frame of the enum's raw width.
    @inlinable @inline(__always)
    public mutating func enumeration<Frames: FrameSequence, E: RawRepresentable>(
        _ type: E.Type, from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> E where E.RawValue: FixedWidthInteger {
        let size = MemoryLayout<E.RawValue>.size
        return try next(frames, field) { (frame) throws(FrameFault) in
            guard frame.count == size else { throw FrameFault(reason: .frameSize(expected: size, actual: frame.count)) }
            let raw = E.RawValue(bigEndian: frame.loadUnaligned(as: E.RawValue.self))
            guard let value = E(rawValue: raw) else { throw FrameFault(reason: .unknownEnumValue(UInt64(truncatingIfNeeded: raw))) }
            return value
        }
    }

    /// Checks that the next frame is exactly `bytes`.
    @inlinable
    public mutating func constant<Frames: FrameSequence>(
        _ bytes: [UInt8], from frames: borrowing Frames, field: String?
    ) throws(MessageDecodingError) {
        try next(frames, field) { (frame) throws(FrameFault) in
            guard frame.elementsEqual(bytes) else {
                throw FrameFault(reason: .constantMismatch(expected: bytes, actual: Array(frame.prefix(32))))
            }
        }
    }

    /// Reads a UTF-8 string frame.
    @inlinable
    public mutating func string<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> String {
        try next(frames, field) { (frame) throws(FrameFault) in
            guard let text = String(validating: frame, as: UTF8.self) else {
                throw FrameFault(reason: .invalidUTF8)
            }
            return text
        }
    }

    /// Reads a raw bytes frame.
    @inlinable
    public mutating func bytes<Frames: FrameSequence>(
        from frames: borrowing Frames, field: String
    ) throws(MessageDecodingError) -> [UInt8] {
        try next(frames, field) { [UInt8]($0) }
    }

    /// Reads a string frame that must match `pattern` as a whole, returning its capture groups.
    @inlinable
    public mutating func match<Frames: FrameSequence>(
        _ pattern: FramePattern, from frames: borrowing Frames, field: String?
    ) throws(MessageDecodingError) -> PatternCaptures {
        try next(frames, field) { (frame) throws(FrameFault) in
            switch pattern.patternCaptures(frame) {
            case .success(let captures): return captures
            case .failure(let failure): throw FrameFault(failure, pattern: pattern)
            }
        }
    }

    /// Reads a string frame that must match `pattern` as a whole, returning the text of one
    /// capturing group that always takes part (the common single-capture frame), without the
    /// allocation of ``match(_:from:field:)``.
    @inlinable
    public mutating func capture<Frames: FrameSequence>(
        _ pattern: FramePattern, group: Int, from frames: borrowing Frames, field: String?
    ) throws(MessageDecodingError) -> String {
        try next(frames, field) { (frame) throws(FrameFault) in try Self.capture(frame, pattern, group: group) }
    }

    /// Reads a string frame that must match `pattern` as a whole, returning its text.
    @inlinable
    public mutating func text<Frames: FrameSequence>(
        matching pattern: FramePattern, from frames: borrowing Frames, field: String?
    ) throws(MessageDecodingError) -> String {
        try next(frames, field) { (frame) throws(FrameFault) in try Self.text(frame, matching: pattern) }
    }

    /// Reads a string frame that must match `pattern` as a whole, returning the text of its one
    /// capturing group, which spans the whole pattern; `precheck` is the generated
    /// ``FramePatternPrecheck`` of the pattern's ASCII automaton (true: an all-ASCII frame that
    /// matches), and `pattern` (built only when needed) decides every frame it does not accept.
    @inlinable @inline(__always)
    public mutating func capture<Frames: FrameSequence, Check: FramePatternPrecheck>(
        _ pattern: @autoclosure () -> FramePattern, group: Int, from frames: borrowing Frames, field: String?,
        precheck: Check.Type
    ) throws(MessageDecodingError) -> String {
        try next(frames, field) { (frame) throws(FrameFault) in
            if Check.accepts(frame) { return String(frameText: frame) }
            return try Self.slowCapture(frame, pattern(), group: group)
        }
    }

    /// Reads a string frame that must match `pattern` as a whole, returning its text;
    /// `precheck` is the generated ``FramePatternPrecheck`` of the pattern's ASCII automaton
    /// (true: an all-ASCII frame that matches), and `pattern` (built only when needed) decides
    /// every frame it does not accept.
    @inlinable @inline(__always)
    public mutating func text<Frames: FrameSequence, Check: FramePatternPrecheck>(
        matching pattern: @autoclosure () -> FramePattern, from frames: borrowing Frames, field: String?,
        precheck: Check.Type
    ) throws(MessageDecodingError) -> String {
        try next(frames, field) { (frame) throws(FrameFault) in
            if Check.accepts(frame) { return String(frameText: frame) }
            return try Self.slowText(frame, matching: pattern())
        }
    }

    /// ``capture(_:group:from:field:precheck:)`` for a frame the precheck did not accept: out
    /// of line, so the common path stays small enough to inline.
    @usableFromInline @inline(never)
    static func slowCapture(_ frame: UnsafeRawBufferPointer, _ pattern: FramePattern, group: Int) throws(FrameFault) -> String {
        try capture(frame, pattern, group: group)
    }

    /// ``text(matching:from:field:precheck:)`` for a frame the precheck did not accept, out of
    /// line.
    @usableFromInline @inline(never)
    static func slowText(_ frame: UnsafeRawBufferPointer, matching pattern: FramePattern) throws(FrameFault) -> String {
        try text(frame, matching: pattern)
    }

    /// The text of group `group` of `frame`, which must match `pattern`.
    @inlinable
    static func capture(_ frame: UnsafeRawBufferPointer, _ pattern: FramePattern, group: Int) throws(FrameFault) -> String {
        switch pattern.capture(frame, group: group) {
        case .success(let text): return text ?? ""
        case .failure(let failure): throw FrameFault(failure, pattern: pattern)
        }
    }

    /// The text of `frame`, which must match `pattern`.
    @inlinable
    static func text(_ frame: UnsafeRawBufferPointer, matching pattern: FramePattern) throws(FrameFault) -> String {
        switch pattern.test(frame) {
        case .matched: return String(frameText: frame)
        case .invalidUTF8: throw FrameFault(.invalidUTF8, pattern: pattern)
        case .noMatch: throw FrameFault(.noMatch, pattern: pattern)
        case .limitExceeded: throw FrameFault(.limitExceeded, pattern: pattern)
        }
    }
}

/// A problem found inside one frame, before the cursor adds where it was found.
@usableFromInline
struct FrameFault: Error {
    @usableFromInline let reason: MessageDecodingError.Reason
    @inlinable init(reason: MessageDecodingError.Reason) { self.reason = reason }

    /// The fault for a string frame that `pattern` did not accept.
    @inlinable init(_ failure: FramePattern.CaptureFailure, pattern: FramePattern) {
        switch failure {
        case .invalidUTF8: reason = .invalidUTF8
        case .noMatch: reason = .patternMismatch(pattern: pattern.pattern)
        case .limitExceeded: reason = .patternLimitExceeded(pattern: pattern.pattern)
        }
    }
}
