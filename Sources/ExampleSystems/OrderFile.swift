import Foundation
import SeededRandom

/// Orders for valuz: read from CSV (`symbol,action,shares,price`, action BUY or SELL, an optional
/// header line) or made up at random.
public enum OrderFile {
    /// A line of the file that is not an order.
    public struct Problem: Error, CustomStringConvertible {
        /// 1-based line number.
        public let line: Int
        /// What is wrong.
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses CSV text into orders, checking each against the schema.
    public static func parse(_ text: String) throws(Problem) -> [Order] {
        var orders: [Order] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if index == 0, fields.first?.lowercased() == "symbol" { continue }
            let number = index + 1
            guard fields.count == 4 else { throw Problem(line: number, message: "expected 4 fields (symbol,action,shares,price), found \(fields.count)") }
            let action: Order.Action
            switch fields[1].uppercased() {
            case "BUY": action = .buy
            case "SELL": action = .sell
            default: throw Problem(line: number, message: "action must be BUY or SELL, not '\(fields[1])'")
            }
            guard let shares = Int32(fields[2]), shares >= 0 else {
                throw Problem(line: number, message: "shares must be a whole number from 0 to \(Int32.max), not '\(fields[2])'")
            }
            guard let price = Double(fields[3]), price.isFinite else {
                throw Problem(line: number, message: "price must be a finite number, not '\(fields[3])'")
            }
            let order = Order(stock: fields[0], action: action, shares: shares, price: price)
            do { _ = try order.encode() } catch {
                throw Problem(line: number, message: "symbol '\(fields[0])' does not match the schema: \(error)")
            }
            orders.append(order)
        }
        return orders
    }

    /// `count` random orders over a few symbols, the same for the same `seed`.
    public static func random(count: Int, seed: UInt64) -> [Order] {
        var generator = SplitMix64(seed: seed)
        let symbols = ["AAPL", "MSFT", "GOOG", "AMZN", "IBM", "NVDA", "TSLA", "META"]
        return (0..<count).map { _ in
            let symbol = symbols[Int(generator.next() % UInt64(symbols.count))]
            let action: Order.Action = generator.next() % 2 == 0 ? .buy : .sell
            let shares = Int32(1 + generator.next() % 1000)
            let cents = 100 + generator.next() % 100_000
            return Order(stock: symbol, action: action, shares: shares, price: Double(cents) / 100)
        }
    }

    /// The CSV text for `orders`, readable by ``parse(_:)``.
    public static func csv(_ orders: [Order]) -> String {
        "symbol,action,shares,price\n"
            + orders.map { order in
                "\(order.stock),\(order.action == .buy ? "BUY" : "SELL"),\(order.shares),\(order.price)\n"
            }.joined()
    }

    /// What a worker computes for an order: shares × price, negative for a sale.
    public static func value(of order: Order) -> Double {
        let sign: Double = order.action == .sell ? -1 : 1
        return Double(order.shares) * order.price * sign
    }
}
