import ExampleSystems
import Foundation
import SeededRandom

/// The deals dealz has valued: orders made up at the latest tick prices, and the valuations
/// that came back for them, summed exactly whatever order they arrive in.
public struct DealBook {
    /// The orders sent, in order.
    public let orders: [Order]
    /// How many of the orders are in each symbol.
    public let dealsBySymbol: [String: Int]
    /// Valuations still expected, per symbol.
    private var outstanding: [String: Int]
    /// Valuations recorded so far.
    public private(set) var valued = 0
    /// The exact sum of the valuations so far.
    public private(set) var total = ExactSum()
    /// The exact sum per symbol.
    public private(set) var bySymbol: [String: ExactSum] = [:]

    /// `count` orders over `symbols` in turn, each at the symbol's price in `prices`, with an
    /// action and a share count (1 to 1000) drawn from `seed`.
    public init(count: Int, symbols: [String], prices: [String: Double], seed: UInt64) {
        var random = SplitMix64(seed: seed)
        self.init(
            orders: (0..<count).map { index in
                let symbol = symbols[index % symbols.count]
                return Order(
                    stock: symbol, action: random.next() % 2 == 0 ? .buy : .sell,
                    shares: Int32(1 + random.next() % 1000), price: prices[symbol] ?? 0)
            })
    }

    /// These orders, none valued yet.
    public init(orders: [Order]) {
        self.orders = orders
        dealsBySymbol = Dictionary(orders.map { ($0.stock, 1) }, uniquingKeysWith: +)
        outstanding = dealsBySymbol
    }

    /// Whether a valuation has come back for every order.
    public var isComplete: Bool { valued == orders.count }

    /// Adds a valuation; returns false (and adds nothing) for a stock with no order waiting for
    /// one, say from a worker of another system.
    public mutating func record(_ valuation: Valuation) -> Bool {
        guard let waiting = outstanding[valuation.stock], waiting > 0 else { return false }
        outstanding[valuation.stock] = waiting - 1
        valued += 1
        total.add(valuation.value)
        bySymbol[valuation.stock, default: ExactSum()].add(valuation.value)
        return true
    }

    /// One line for the chat.
    public var summary: String {
        "valued \(valued) deals in \(bySymbol.keys.sorted().joined(separator: " ")): net " + String(format: "%.2f", total.value)
    }

    /// The totals as a table.
    public var table: String {
        var text = "SYMBOL".padded(to: 8) + " DEALS" + String(repeating: " ", count: 12) + "VALUE\n"
        for (symbol, sum) in bySymbol.sorted(by: { $0.key < $1.key }) {
            let count = dealsBySymbol[symbol] ?? 0
            text += symbol.padded(to: 8) + String(format: " %5d %16.2f\n", count, sum.value)
        }
        return text + "TOTAL".padded(to: 8) + String(format: " %5d %16.2f\n", valued, total.value)
    }

    /// The orders and totals as one JSON object; numbers are printed exactly (shortest form
    /// that reads back as the same double).
    public var json: String {
        let orderList = orders.map {
            "{\"stock\": \"\($0.stock)\", \"action\": \"\($0.action == .sell ? "SELL" : "BUY")\", \"shares\": \($0.shares), \"price\": \($0.price)}"
        }.joined(separator: ", ")
        let symbols = bySymbol.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value.value)" }.joined(separator: ", ")
        return "{\"deals\": \(valued), \"total\": \(total.value), \"bySymbol\": {\(symbols)}, \"orders\": [\(orderList)]}\n"
    }
}
