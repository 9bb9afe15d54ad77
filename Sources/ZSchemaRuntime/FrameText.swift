extension String {
    /// The text of a frame (or part of one) that a pattern has already accepted, so it is known
    /// to be valid UTF-8.
    ///
    /// An ASCII text of up to 15 bytes, which Swift keeps inline without allocating, is built
    /// directly (``init(smallASCIIFrameText:)``). Anything else goes through
    /// `String(unsafeUninitializedCapacity:initializingUTF8With:)` (short texts) or
    /// `String(decoding:as:)`, which repair nothing here since the bytes are valid.
    @inlinable @inline(__always)
    init(frameText bytes: UnsafeRawBufferPointer) {
        if let text = String(smallASCIIFrameText: bytes) {
            self = text
        } else {
            self.init(validatedFrameText: bytes)
        }
    }

    /// ``init(frameText:)`` for texts that are not short ASCII: out of line, so the common case
    /// stays small enough to inline into every generated decoder.
    @usableFromInline @inline(never)
    init(validatedFrameText bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        if count <= 15, let base = bytes.baseAddress {
            self.init(unsafeUninitializedCapacity: count) { buffer in
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: base, byteCount: count)
                return count
            }
        } else {
            self.init(decoding: bytes, as: UTF8.self)
        }
    }

    /// The small string holding `bytes`, or nil unless they are at most 15 bytes, all ASCII.
    ///
    /// A small string is two words: the bytes themselves, then in the top byte of the second
    /// word the flags for "immortal, small, ASCII" (`0xE0`) and the count. The compiler emits
    /// every short string literal in exactly this form, so the layout is part of the compiled
    /// ABI of every Swift program. Building it here is a copy, a mask test and an OR, against
    /// about 110 instructions for `String(unsafeUninitializedCapacity:initializingUTF8With:)`,
    /// which validates UTF-8 that is already known to be valid.
    /// `SmallASCIIStringTests` checks, on the toolchain that builds the tests, that every
    /// string built here is bit for bit the one `String(decoding:as:)` builds.
    @inlinable @inline(__always)
    init?(smallASCIIFrameText bytes: UnsafeRawBufferPointer) {
        #if _pointerBitWidth(_64) && _endian(little)
            let count = bytes.count
            if count == 0 {
                self = ""
                return
            }
            guard count <= 15, let base = bytes.baseAddress else { return nil }
            var words = Self.smallWords(base, count)
            guard (words.low | words.high) & 0x8080_8080_8080_8080 == 0 else { return nil }
            words.high |= (0xE0 | UInt64(truncatingIfNeeded: count)) &<< 56
            // Moved out of the words, not bit-cast: a bit cast is a copy, and copying a
            // `String` is a call to retain it (a no-op for a small string, but a call).
            self = withUnsafeMutablePointer(to: &words) { words in
                words.withMemoryRebound(to: String.self, capacity: 1) { $0.move() }
            }
        #else
            return nil
        #endif
    }

    /// The `count` bytes (1 to 15) at `base` as the two little-endian words of a small string,
    /// zero beyond `count`: read with at most three loads that may overlap (as `memcpy` does for
    /// short copies), never past the end, and without the call to `memcpy` and `memset` that
    /// copying into a zeroed pair of words costs.
    @inlinable @inline(__always)
    static func smallWords(_ base: UnsafeRawPointer, _ count: Int) -> (low: UInt64, high: UInt64) {
        if count >= 8 {
            let low = base.loadUnaligned(as: UInt64.self)
            if count == 8 { return (low, 0) }
            let tail = base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            return (low, tail &>> UInt64(truncatingIfNeeded: (16 - count) * 8))
        }
        if count >= 4 {
            let head = UInt64(base.loadUnaligned(as: UInt32.self))
            let tail = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return (head | tail &<< UInt64(truncatingIfNeeded: (count - 4) * 8), 0)
        }
        let first = UInt64(base.load(as: UInt8.self))
        let middle = UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self))
        let last = UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
        return (
            first | middle &<< UInt64(truncatingIfNeeded: (count / 2) * 8)
                | last &<< UInt64(truncatingIfNeeded: (count - 1) * 8), 0
        )
    }
}

extension String {
    /// Runs `body` on the string's UTF-8 bytes, read in place where the string is stored
    /// contiguously (every native string): `withUTF8` needs a mutable copy of the string, a
    /// retain and a release. Other strings (bridged ones, on Apple platforms) are copied first.
    @inlinable @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        var copy = self
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
