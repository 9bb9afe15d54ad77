/// The correctly rounded sum of doubles, whatever order they arrive in (Shewchuk's algorithm,
/// as Python's `math.fsum`), so totals from any number of workers are exactly reproducible.
public struct ExactSum: Sendable, Hashable {
    /// Non-overlapping partial sums, smallest magnitude first.
    private var partials: [Double] = []

    /// An empty sum.
    public init() {}

    /// Adds `value` exactly.
    public mutating func add(_ value: Double) {
        var x = value
        var kept = 0
        for var y in partials {
            if abs(x) < abs(y) { swap(&x, &y) }
            let high = x + y
            let low = y - (high - x)
            if low != 0 {
                partials[kept] = low
                kept += 1
            }
            x = high
        }
        partials.removeSubrange(kept...)
        partials.append(x)
    }

    /// The sum, rounded once.
    public var value: Double {
        guard var index = partials.indices.last else { return 0 }
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            index -= 1
            let x = high
            let y = partials[index]
            high = x + y
            let yr = high - x
            low = y - yr
            if low != 0 { break }
        }
        // Round half to even across the remaining partials, as fsum does.
        if index > 0 && ((low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0)) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}
