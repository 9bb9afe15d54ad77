/// What valuz's reducer knows about a batch: the sums so far, and which numbered orders it has
/// not seen valued yet.
///
/// A ``NumberedValuation`` counts once per number, however often it arrives: an order the source
/// sent again after a timeout may still be valued by the worker that seemed lost. A plain
/// ``Valuation`` (from a seed-format source, whose orders carry no number) always counts, and
/// the ledger then cannot tell which orders are missing.
public struct ValuationLedger: Sendable {
    /// What ``record(_:)-(NumberedValuation)`` did with a valuation.
    public enum Outcome: Sendable, Equatable {
        /// Counted: the first valuation of its number, or a plain one.
        case counted
        /// Already counted: ignored.
        case duplicate
        /// A number outside the batch (`0..<expected`): ignored.
        case outOfRange
    }

    /// How many orders the batch has.
    public let expected: Int
    /// The exact total of the counted values.
    public private(set) var total = ExactSum()
    /// The exact total per symbol.
    public private(set) var bySymbol: [String: ExactSum] = [:]
    /// Valuations counted, numbered or plain.
    public private(set) var counted = 0
    /// Plain valuations counted (no number, so they cannot be matched to orders).
    public private(set) var plainCount = 0
    /// Numbered valuations that arrived again and were ignored.
    public private(set) var duplicates = 0
    /// Which numbers have been counted, one flag per order of the batch.
    private var seen: [Bool]

    /// An empty ledger for a batch of `expected` orders.
    public init(expected: Int) {
        self.expected = expected
        seen = Array(repeating: false, count: max(expected, 0))
    }

    /// Whether every order of the batch has been counted.
    public var isComplete: Bool { counted >= expected }

    /// Whether the ledger can name the missing orders: every valuation so far was numbered.
    public var tracksNumbers: Bool { plainCount == 0 }

    /// The numbers not counted yet, in order; empty once plain valuations have been counted.
    public var missingNumbers: [UInt32] {
        guard tracksNumbers else { return [] }
        return seen.indices.lazy.filter { !seen[$0] }.map { UInt32($0) }
    }

    /// Counts a valuation of an order that carried no number.
    public mutating func record(_ valuation: Valuation) {
        plainCount += 1
        add(valuation.value, for: valuation.stock)
    }

    /// Counts a numbered valuation unless its number was counted before or is not in the batch.
    @discardableResult
    public mutating func record(_ valuation: NumberedValuation) -> Outcome {
        let index = Int(valuation.number)
        guard index < seen.count else { return .outOfRange }
        guard !seen[index] else {
            duplicates += 1
            return .duplicate
        }
        seen[index] = true
        add(valuation.value, for: valuation.stock)
        return .counted
    }

    private mutating func add(_ value: Double, for stock: String) {
        counted += 1
        total.add(value)
        bySymbol[stock, default: ExactSum()].add(value)
    }
}
