extension String {
    /// The string followed by spaces up to `width` characters, for table columns
    /// (`String(format:)`'s `%-8@` does not pad on Linux).
    public func padded(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
