extension String {
    /// The text of a frame (or part of one) that a pattern has already accepted, so it is known
    /// to be valid UTF-8.
    ///
    /// Short texts (up to 15 bytes, which Swift keeps inline without allocating) are built in
    /// place: for ASCII that is a copy and one mask test, where `String(decoding:as:)` scans the
    /// bytes twice. Anything else goes through `String(decoding:as:)`, which repairs nothing
    /// here since the bytes are valid.
    @inlinable
    init(frameText bytes: UnsafeRawBufferPointer) {
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
}
