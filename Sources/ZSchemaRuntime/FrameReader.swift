/// Reads the frames of one message in order, holding them: what generated decoders of
/// versions 1 to 4 are written against, and a convenience for hand-written ones.
///
/// Each read forwards to a ``FrameCursor`` over ``frames``; it checks the frame it reads and
/// throws a ``MessageDecodingError`` that names the message, the frame index and the field.
/// Generated decoders of version 5 on use the cursor directly, with borrowed frames.
public struct FrameReader<Frames: FrameSequence> {
    /// The frames being read.
    public let frames: Frames
    @usableFromInline var cursor: FrameCursor

    /// The message type being decoded, for errors.
    @inlinable public var message: String { cursor.message }
    /// The index of the next frame to read.
    @inlinable public var index: Int { cursor.index }

    /// Starts reading, after checking that the frame count lies in `frameCount`.
    @inlinable
    public init(_ frames: consuming Frames, message: String, frameCount: ClosedRange<Int>) throws(MessageDecodingError) {
        cursor = try FrameCursor(frames, message: message, frameCount: frameCount)
        self.frames = frames
    }

    /// How many frames are left to read.
    @inlinable
    public var remaining: Int { cursor.remaining(in: frames) }

    /// Reads a big-endian fixed-width integer frame.
    @inlinable
    public mutating func integer<T: FixedWidthInteger>(_ type: T.Type, field: String) throws(MessageDecodingError) -> T {
        try cursor.integer(type, from: frames, field: field)
    }

    /// Reads a little-endian fixed-width integer frame (a schema's `u32le`).
    @inlinable
    public mutating func littleEndianInteger<T: FixedWidthInteger>(_ type: T.Type, field: String) throws(MessageDecodingError) -> T {
        try cursor.littleEndianInteger(type, from: frames, field: field)
    }

    /// Reads a little-endian IEEE 754 binary64 frame (a schema's `f64le`).
    @inlinable
    public mutating func littleEndianDouble(field: String) throws(MessageDecodingError) -> Double {
        try cursor.littleEndianDouble(from: frames, field: field)
    }

    /// Reads a little-endian IEEE 754 binary32 frame (a schema's `f32le`).
    @inlinable
    public mutating func littleEndianFloat(field: String) throws(MessageDecodingError) -> Float {
        try cursor.littleEndianFloat(from: frames, field: field)
    }

    /// Reads a big-endian IEEE 754 binary64 frame.
    @inlinable
    public mutating func double(field: String) throws(MessageDecodingError) -> Double {
        try cursor.double(from: frames, field: field)
    }

    /// Reads a big-endian IEEE 754 binary32 frame.
    @inlinable
    public mutating func float(field: String) throws(MessageDecodingError) -> Float {
        try cursor.float(from: frames, field: field)
    }

    /// Reads a one-byte boolean frame (0 or 1; anything else is an error).
    @inlinable
    public mutating func bool(field: String) throws(MessageDecodingError) -> Bool {
        try cursor.bool(from: frames, field: field)
    }

    /// Reads an enum frame of the enum's raw width.
    @inlinable
    public mutating func enumeration<E: RawRepresentable>(
        _ type: E.Type, field: String
    ) throws(MessageDecodingError) -> E where E.RawValue: FixedWidthInteger {
        try cursor.enumeration(type, from: frames, field: field)
    }

    /// Checks that the next frame is exactly `bytes`.
    @inlinable
    public mutating func constant(_ bytes: [UInt8], field: String?) throws(MessageDecodingError) {
        try cursor.constant(bytes, from: frames, field: field)
    }

    /// Reads a UTF-8 string frame.
    @inlinable
    public mutating func string(field: String) throws(MessageDecodingError) -> String {
        try cursor.string(from: frames, field: field)
    }

    /// Reads a raw bytes frame.
    @inlinable
    public mutating func bytes(field: String) throws(MessageDecodingError) -> [UInt8] {
        try cursor.bytes(from: frames, field: field)
    }

    /// Reads a string frame that must match `pattern` as a whole, returning its capture groups.
    @inlinable
    public mutating func match(_ pattern: FramePattern, field: String?) throws(MessageDecodingError) -> PatternCaptures {
        try cursor.match(pattern, from: frames, field: field)
    }

    /// Reads a string frame that must match `pattern` as a whole, returning the text of one
    /// capturing group that always takes part, without the allocation of ``match(_:field:)``.
    @inlinable
    public mutating func capture(_ pattern: FramePattern, group: Int, field: String?) throws(MessageDecodingError) -> String {
        try cursor.capture(pattern, group: group, from: frames, field: field)
    }

    /// Reads a string frame that must match `pattern` as a whole, returning its text.
    @inlinable
    public mutating func text(matching pattern: FramePattern, field: String?) throws(MessageDecodingError) -> String {
        try cursor.text(matching: pattern, from: frames, field: field)
    }

    /// Reads a string frame that must match `pattern` as a whole, returning the text of its one
    /// capturing group, checked first by `precheck` (see
    /// ``FrameCursor/capture(_:group:from:field:precheck:)``).
    @inlinable @inline(__always)
    public mutating func capture<Check: FramePatternPrecheck>(
        _ pattern: @autoclosure () -> FramePattern, group: Int, field: String?, precheck: Check.Type
    ) throws(MessageDecodingError) -> String {
        try cursor.capture(pattern(), group: group, from: frames, field: field, precheck: precheck)
    }

    /// Reads a string frame that must match `pattern` as a whole, returning its text, checked
    /// first by `precheck` (see ``FrameCursor/text(matching:from:field:precheck:)``).
    @inlinable @inline(__always)
    public mutating func text<Check: FramePatternPrecheck>(
        matching pattern: @autoclosure () -> FramePattern, field: String?, precheck: Check.Type
    ) throws(MessageDecodingError) -> String {
        try cursor.text(matching: pattern(), from: frames, field: field, precheck: precheck)
    }
}

/// The capture groups of a matched string frame.
///
/// The first four groups are stored in the value itself and any further ones in an array, so
/// that decoding a frame of a few captures allocates nothing beyond the strings (none for
/// strings of up to 15 UTF-8 bytes).
public struct PatternCaptures: Sendable {
    @usableFromInline let first: (String?, String?, String?, String?)
    /// Groups 5 on.
    @usableFromInline let rest: [String?]
    /// How many groups there are.
    public let count: Int

    /// Group texts in group order (element 0 is group 1); `nil` where a group did not take part.
    public var groups: [String?] { count == 0 ? [] : (1...count).map { group($0) } }

    /// Wraps the group texts.
    @inlinable
    public init(groups: [String?]) {
        self.init(count: groups.count) { groups[$0 - 1] }
    }

    /// The texts of groups 1 to `count`, each given by `group`.
    @inlinable @inline(__always)
    init(count: Int, _ group: (Int) -> String?) {
        self.count = count
        first = (count >= 1 ? group(1) : nil, count >= 2 ? group(2) : nil, count >= 3 ? group(3) : nil, count >= 4 ? group(4) : nil)
        rest = count > 4 ? (5...count).map(group) : []
    }

    /// The text of group `group`, from 1, or `nil` when it did not take part.
    @inlinable
    func group(_ group: Int) -> String? {
        precondition(group >= 1 && group <= count, "no capture group \(group) of \(count)")
        switch group {
        case 1: return first.0
        case 2: return first.1
        case 3: return first.2
        case 4: return first.3
        default: return rest[group - 5]
        }
    }

    /// The text of an optional group, or `nil`.
    @inlinable public func optional(_ group: Int) -> String? { self.group(group) }

    /// The text of a group outside any optional part of the pattern, which always takes part
    /// when the frame matched.
    @inlinable public func required(_ group: Int) -> String { self.group(group) ?? "" }
}
