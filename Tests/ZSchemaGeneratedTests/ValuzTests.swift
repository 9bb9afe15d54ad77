import Testing
import ZSchemaRuntime

@Suite("Generated valuz code")
struct ValuzTests {
    let order = Order(stock: "MSFT", action: .sell, shares: 250, price: 12.5)

    @Test("an order is four frames: text, one enum byte, big-endian i32 and f64")
    func orderFrames() throws {
        let frames = try order.encode()
        #expect(frames == [Array("MSFT".utf8), [1], bigEndianBytes(Int32(250)), bigEndianBytes(12.5)])
        #expect(try Order(frames: frames) == order)
        #expect(Order.Action.allCases.map(\.rawValue) == [0, 1])
    }

    @Test(
        "order decode errors: unknown enum value, wrong widths, negative shares survive",
        arguments: [
            (
                [[UInt8]]([Array("MSFT".utf8), [7], bigEndianBytes(Int32(1)), bigEndianBytes(1.0)]),
                MessageDecodingError(message: "Order", frame: 1, field: "action", reason: .unknownEnumValue(7))
            ),
            (
                [Array("MSFT".utf8), [0, 0], bigEndianBytes(Int32(1)), bigEndianBytes(1.0)],
                MessageDecodingError(message: "Order", frame: 1, field: "action", reason: .frameSize(expected: 1, actual: 2))
            ),
            (
                [Array("MSFT".utf8), [0], bigEndianBytes(Int64(1)), bigEndianBytes(1.0)],
                MessageDecodingError(message: "Order", frame: 2, field: "shares", reason: .frameSize(expected: 4, actual: 8))
            ),
        ])
    func orderErrors(frames: [[UInt8]], expected: MessageDecodingError) {
        #expect(throws: expected) { try Order(frames: frames) }
    }

    @Test("a numbered order is the order's frames after a big-endian u32; the worker's PULL tells both forms apart")
    func numberedOrder() throws {
        let numbered = NumberedOrder(number: 70_000, stock: "MSFT", action: .sell, shares: 250, price: 12.5)
        let frames = try numbered.encode()
        #expect(frames.frames == [[0, 1, 0x11, 0x70]] + (try order.encode()))
        #expect(try OrderOrNumberedOrder(frames: frames) == .numberedOrder(numbered))
        #expect(try OrderOrNumberedOrder(frames: try order.encode()) == .order(order))
        #expect(
            try ReadyOrValuationOrNumberedValuation(frames: [[0, 0, 0, 7], Array("IBM".utf8), bigEndianBytes(2.0)])
                == .numberedValuation(NumberedValuation(number: 7, stock: "IBM", value: 2)))
    }

    @Test("RESEND is the byte 2, then one u32 frame per order number; an empty list cannot be sent")
    func resend() throws {
        #expect(try Resend(numbers: [1, 0x0102_0304]).encode() == [[2], [0, 0, 0, 1], [1, 2, 3, 4]])
        #expect(try StartOrExitOrResend(frames: [[2], [0, 0, 0, 9]]) == .resend(Resend(numbers: [9])))
        #expect(throws: MessageEncodingError(message: "Resend", field: "numbers", reason: .emptyRepetition)) { try Resend(numbers: []).encode() }
        #expect(throws: MessageDecodingError.self) { try Resend(frames: [[2]]) }
    }

    @Test("a negative i32 travels as two's complement")
    func negativeShares() throws {
        let frames = try Order(stock: "A1", action: .buy, shares: -3, price: 0).encode()
        #expect(frames[2] == [0xff, 0xff, 0xff, 0xfd])
        #expect(try Order(frames: frames).shares == -3)
    }

    @Test("constants check their byte; the union tells READY from a valuation")
    func constantsAndUnion() throws {
        #expect(try Start().encode() == [[0]])
        #expect(try Exit().encode() == [[1]])
        #expect(throws: MessageDecodingError(message: "Exit", frame: 0, field: "command", reason: .constantMismatch(expected: [1], actual: [0]))) {
            try Exit(frames: [[0]])
        }
        #expect(try ReadyOrValuation(frames: [[2]]) == .ready(Ready()))
        #expect(try ReadyOrValuation(frames: [Array("IBM".utf8), bigEndianBytes(-5.5)]) == .valuation(Valuation(stock: "IBM", value: -5.5)))
        let error = #expect(throws: MessageDecodingError.self) { try ReadyOrValuation(frames: [[3]]) }
        guard case .noAlternativeMatched(let failures)? = error?.reason else {
            Issue.record("expected noAlternativeMatched, got \(String(describing: error))")
            return
        }
        #expect(failures.count == 2)
        #expect(failures[0].reason == .constantMismatch(expected: [2], actual: [3]))
    }

    @Test("the whole pipeline in one process over inproc, the worker polling PULL and SUB at once")
    func pipeline() throws {
        let context = ZMQContext()
        let reduce = try ValuzReduce(context: context, pullEndpoint: "inproc://valuz-results", pubEndpoint: "inproc://valuz-control")
        let source = try ValuzSource(context: context, pushEndpoint: "inproc://valuz-orders", subEndpoint: "inproc://valuz-control")
        let worker = try ValuzWorker(
            context: context, pullEndpoint: "inproc://valuz-orders", pushEndpoint: "inproc://valuz-results", subEndpoint: "inproc://valuz-control")
        defer { worker.close(); source.close(); reduce.close() }

        try worker.push.sendReady()
        #expect(try reduce.pull.receive(timeout: .seconds(5)) == .ready(Ready()))
        // START goes out until the source's subscription has reached the publisher.
        let start = try eventually {
            try reduce.pub.sendStart()
            return try source.sub.receive(timeout: .milliseconds(20))
        }
        #expect(start == .start(Start()))
        // The worker subscribed to EXIT only: the STARTs above never reach it.
        #expect(try worker.sub.receive(timeout: .milliseconds(50)) == nil)

        let orders: [Order] = (0..<50).map { (index: Int) -> Order in
            let action: Order.Action = index % 3 == 0 ? .sell : .buy
            return Order(stock: "S\(index % 7)", action: action, shares: Int32(index + 1), price: Double(index) * 0.5)
        }
        for order in orders { try source.push.send(order) }
        var poller = try Poller([worker.pull, worker.sub])
        var total = 0.0
        for _ in orders {
            #expect(try poller.poll(timeout: .seconds(5)) == [0])
            guard case .order(let order) = try worker.pull.receive() else {
                Issue.record("expected a plain order")
                return
            }
            let sign: Double = order.action == .sell ? -1 : 1
            let value = Double(order.shares) * order.price * sign
            try worker.push.sendValuation(stock: order.stock, value: value)
            guard case .valuation(let result)? = try reduce.pull.receive(timeout: .seconds(5)) else {
                Issue.record("expected a valuation")
                return
            }
            total += result.value
        }
        var expected = 0.0
        for order in orders {
            let sign: Double = order.action == .sell ? -1 : 1
            expected += Double(order.shares) * order.price * sign
        }
        #expect(total == expected)

        try reduce.pub.sendExit()
        #expect(try poller.poll(timeout: .seconds(5)) == [1])
        #expect(try worker.sub.receive() == Exit())
    }
}
