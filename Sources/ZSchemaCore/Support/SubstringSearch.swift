extension Substring {
    /// The range of the first occurrence of `needle`, compared byte by byte in UTF-8.
    ///
    /// The standard library's `firstRange(of:)` took about 15,000 instructions for
    /// `"tcp://*:9003"` against `"://"`, a tenth of the checker's time on large runs. A match of
    /// valid UTF-8 in valid UTF-8 starts and ends on scalar boundaries, so the range slices
    /// `self` as the standard library's would for the needles used here (ASCII).
    func firstRange(ofBytes needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return startIndex..<startIndex }
        let bytes = utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            if bytes[start] == first {
                var probe = start
                var matched = 0
                while matched < pattern.count, probe < bytes.endIndex, bytes[probe] == pattern[matched] {
                    probe = bytes.index(after: probe)
                    matched += 1
                }
                if matched == pattern.count { return start..<probe }
            }
            start = bytes.index(after: start)
        }
        return nil
    }
}
