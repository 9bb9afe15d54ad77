import Dispatch

extension Array where Element: Sendable {
    /// `map(transform)`, run on every core (see ``parallelChunks(minimumCount:_:)``). The
    /// result keeps the order of `self`, so the output is the same as `map`'s, whatever the
    /// scheduling.
    ///
    /// For work whose elements are independent and each cost well over a microsecond (parsing a
    /// file, rendering one); below `minimumCount` elements it runs on the caller's thread.
    package func parallelMap<T: Sendable>(minimumCount: Int = 16, _ transform: @Sendable (Element) -> T) -> [T] {
        parallelChunks(minimumCount: minimumCount) { $0.map(transform) }
    }

    /// The results of `transform` on contiguous chunks of `self`, joined in the order of the
    /// chunks. The elements are cut into at most `chunkLimit` chunks, and each chunk is
    /// transformed on one thread of `concurrentPerform`, which runs as many at once as there are
    /// cores to run them. For work that keeps state across the elements of a chunk (a cache);
    /// below `minimumCount` elements the whole array is one chunk, on the caller's thread.
    func parallelChunks<T: Sendable>(minimumCount: Int = 16, _ transform: @Sendable (ArraySlice<Element>) -> [T]) -> [T] {
        guard count >= minimumCount else { return transform(self[...]) }
        let chunkCount = Swift.min(count, Self.chunkLimit)
        let results = ParallelResults<[T]>(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            results.store(transform(self[Self.range(ofChunk: chunk, chunkCount: chunkCount, count: count)]), at: chunk)
        }
        return results.collected().flatMap { $0 }
    }

    /// Enough chunks to keep a few dozen cores evenly busy, few enough that each is worth a thread.
    private static var chunkLimit: Int { 64 }

    /// The indices of chunk `chunk` when `count` elements are cut into `chunkCount` chunks whose
    /// sizes differ by at most one.
    static func range(ofChunk chunk: Int, chunkCount: Int, count: Int) -> Range<Int> {
        let base = count / chunkCount
        let extra = count % chunkCount
        let start = chunk * base + Swift.min(chunk, extra)
        return start..<(start + base + (chunk < extra ? 1 : 0))
    }
}

/// The results of one `parallelChunks`, one slot per chunk.
///
/// `@unchecked Sendable`: each slot is written by exactly one thread, once, and read only by
/// `collected()`, after `concurrentPerform` has returned, which orders every write before it.
private final class ParallelResults<T: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    /// Every result, in order; each slot has been stored.
    func collected() -> [T] {
        (0..<count).map { index in
            guard let value = slots[index] else { preconditionFailure("parallelChunks left slot \(index) empty") }
            return value
        }
    }
}
