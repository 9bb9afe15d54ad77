extension NumberedOrder {
    /// The order `order` as the `number`th of its batch.
    public init(number: UInt32, _ order: Order) {
        self.init(
            number: number, stock: order.stock, action: order.action == .sell ? .sell : .buy, shares: order.shares,
            price: order.price)
    }

    /// The order without its number.
    public var order: Order {
        Order(stock: stock, action: action == .sell ? .sell : .buy, shares: shares, price: price)
    }
}
