/// The one heap allocation behind a ``FrameBuffer``: a header, then the end offset of every
/// frame, then the frames' bytes back to back.
///
/// Only ``FrameBuffer`` touches it, and only mutates it after `isKnownUniquelyReferenced` says
/// no other buffer shares it (copy on write, as `Array` does); that is what makes a
/// `FrameBuffer` safe to share between threads although `ManagedBuffer` is not `Sendable`.
@usableFromInline
final class FrameBufferStorage: ManagedBuffer<FrameBufferStorage.Header, Int> {
    /// The sizes and capacities; the elements are `endCapacity` frame ends, followed by room
    /// for `byteCapacity` bytes.
    @usableFromInline
    struct Header {
        @usableFromInline var frameCount: Int
        @usableFromInline var byteCount: Int
        @usableFromInline let endCapacity: Int
        @usableFromInline let byteCapacity: Int

        @inlinable
        init(endCapacity: Int, byteCapacity: Int) {
            frameCount = 0
            byteCount = 0
            self.endCapacity = endCapacity
            self.byteCapacity = byteCapacity
        }
    }

    /// Allocates storage with room for `frames` frames of `bytes` bytes in all.
    @usableFromInline
    static func make(frames: Int, bytes: Int) -> FrameBufferStorage {
        let words = frames + (bytes + MemoryLayout<Int>.size - 1) / MemoryLayout<Int>.size
        let buffer = create(minimumCapacity: words) { _ in Header(endCapacity: frames, byteCapacity: bytes) }
        return unsafeDowncast(buffer, to: FrameBufferStorage.self)
    }

    /// A copy of the frames in new storage with room for at least `frames` more frames and
    /// `bytes` more bytes (at least twice the current room, so appends stay amortised O(1)).
    @usableFromInline
    func copy(reservingFrames frames: Int, bytes: Int) -> FrameBufferStorage {
        let old = withUnsafeMutablePointerToHeader { $0.pointee }
        let copy = Self.make(
            frames: max(old.frameCount + frames, 2 * old.endCapacity),
            bytes: max(old.byteCount + bytes, 2 * old.byteCapacity))
        withUnsafeMutablePointers { _, ends in
            copy.withUnsafeMutablePointers { header, newEnds in
                newEnds.update(from: ends, count: old.frameCount)
                header.pointee.frameCount = old.frameCount
                header.pointee.byteCount = old.byteCount
            }
            copy.bytes.copyMemory(from: UnsafeRawPointer(ends + old.endCapacity), byteCount: old.byteCount)
        }
        return copy
    }

    /// The first byte of the first frame.
    @inlinable
    var bytes: UnsafeMutableRawPointer {
        withUnsafeMutablePointers { header, ends in UnsafeMutableRawPointer(ends + header.pointee.endCapacity) }
    }

    /// Whether one more frame of `count` bytes fits without growing.
    @inlinable @inline(__always)
    func hasRoom(forFrameOf count: Int) -> Bool {
        withUnsafeMutablePointerToHeader { header in
            header.pointee.frameCount < header.pointee.endCapacity
                && count <= header.pointee.byteCapacity &- header.pointee.byteCount
        }
    }

    /// Appends a frame of `count` bytes written by `fill` to `storage`, first replacing it with a
    /// copy that has room when it has none, or when `copyFirst` (storage that others share and
    /// must not see written): what every append to a ``FrameBuffer`` and a ``FrameBufferWriter``
    /// does.
    @inlinable @inline(__always)
    static func appendFrame(
        count: Int, to storage: inout FrameBufferStorage, copyFirst: Bool, _ fill: (UnsafeMutableRawBufferPointer) -> Void
    ) {
        precondition(count >= 0, "a frame cannot have \(count) bytes")
        if copyFirst || !storage.hasRoom(forFrameOf: count) { storage = storage.copy(reservingFrames: 1, bytes: count) }
        storage.append(count: count, fill)
    }

    /// Appends a frame of `count` bytes written by `fill`; the room must be there (which is why
    /// the sums cannot overflow and wrap without a check: both stay below the capacities).
    @inlinable @inline(__always)
    func append(count: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Void) {
        withUnsafeMutablePointers { header, ends in
            let start = header.pointee.byteCount
            let bytes = UnsafeMutableRawPointer(ends + header.pointee.endCapacity)
            fill(UnsafeMutableRawBufferPointer(start: bytes + start, count: count))
            let end = start &+ count
            header.pointee.byteCount = end
            ends[header.pointee.frameCount] = end
            header.pointee.frameCount &+= 1
        }
    }

    /// Forgets every frame, keeping the room.
    @inlinable
    func removeAll() {
        withUnsafeMutablePointerToHeader { header in
            header.pointee.frameCount = 0
            header.pointee.byteCount = 0
        }
    }

    /// How many frames there are.
    @inlinable
    var frameCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.frameCount } }

    /// How many bytes all frames have together.
    @inlinable
    var byteCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.byteCount } }

    /// The bytes of frame `index`, which must be below ``frameCount``. One comparison checks
    /// the index; the count needs no overflow check, because ends never decrease and all lie
    /// within the bytes.
    @inlinable @inline(__always)
    func frame(_ index: Int) -> UnsafeRawBufferPointer {
        withUnsafeMutablePointers { header, ends in
            precondition(UInt(bitPattern: index) < UInt(bitPattern: header.pointee.frameCount), "frame index \(index) out of range")
            let start = index == 0 ? 0 : ends[index &- 1]
            let bytes = UnsafeRawPointer(ends + header.pointee.endCapacity)
            return UnsafeRawBufferPointer(start: bytes + start, count: ends[index] &- start)
        }
    }

    /// The end offsets of every frame.
    @usableFromInline
    var ends: UnsafeBufferPointer<Int> {
        withUnsafeMutablePointers { header, ends in UnsafeBufferPointer(start: ends, count: header.pointee.frameCount) }
    }
}
