import BenchmarkSchemas
import ProtobufBaseline
import SwiftProtobuf
import ZSchemaRuntime

/// Encode and decode of single messages without sockets: the generated codecs on libzmq's
/// buffers and on byte arrays, and swift-protobuf's codec for messages with the same fields.
/// Each returns the elapsed seconds for `count` messages.
enum CodecWorkloads {
    /// One message's codec workloads, each taking the message count.
    struct Suite: Sendable {
        let messageFrames: @Sendable (Int) throws -> Double
        let frameBuffer: @Sendable (Int) throws -> Double
        let defaultPath: @Sendable (Int) throws -> Double
        let protobuf: @Sendable (Int) throws -> Double
    }

    static let tick = Suite(messageFrames: tickMessageFrames, frameBuffer: tickFrameBuffer, defaultPath: tickDefault, protobuf: tickProtobuf)
    static let order = Suite(messageFrames: orderMessageFrames, frameBuffer: orderFrameBuffer, defaultPath: orderDefault, protobuf: orderProtobuf)

    /// A Tick encoded into `zmq_msg_t` frames and decoded back, as a socket would send and
    /// receive it.
    static func tickMessageFrames(count: Int) throws -> Double {
        let frames = ZMQMessageFrames()
        return try measure(count: count) { index in
            try frames.encode(Tick(symbol: "AAPL", timestamp: Double(index), price: 189.25))
            let tick = try frames.decode(Tick.self)
            return tick.timestamp + tick.price + Double(tick.symbol.utf8.count)
        }
    }

    /// A Tick encoded into a reused flat byte buffer (``FrameBuffer``) and decoded back.
    static func tickFrameBuffer(count: Int) throws -> Double {
        var buffer = FrameBuffer()
        return try measure(count: count) { index in
            try buffer.encode(Tick(symbol: "AAPL", timestamp: Double(index), price: 189.25))
            let tick = try Tick(frames: buffer)
            return tick.timestamp + tick.price + Double(tick.symbol.utf8.count)
        }
    }

    /// A Tick through the default path: ``ZSchemaMessage/encode()`` into a new ``FrameBuffer``
    /// (one allocation), decoded back with `init(frames:)`.
    static func tickDefault(count: Int) throws -> Double {
        try measure(count: count) { index in
            let frames = try Tick(symbol: "AAPL", timestamp: Double(index), price: 189.25).encode()
            let tick = try Tick(frames: frames)
            return tick.timestamp + tick.price + Double(tick.symbol.utf8.count)
        }
    }

    /// swift-protobuf's Tick, serialized to bytes and parsed back.
    static func tickProtobuf(count: Int) throws -> Double {
        try measure(count: count) { index in
            var message = Zschema_Bench_Tick()
            message.symbol = "AAPL"
            message.timestamp = Double(index)
            message.price = 189.25
            let bytes: [UInt8] = try message.serializedBytes()
            let tick = try Zschema_Bench_Tick(serializedBytes: bytes)
            return tick.timestamp + tick.price + Double(tick.symbol.utf8.count)
        }
    }

    /// A valuz Order encoded into `zmq_msg_t` frames and decoded back.
    static func orderMessageFrames(count: Int) throws -> Double {
        let frames = ZMQMessageFrames()
        return try measure(count: count) { _ in
            try frames.encode(Order(stock: "MSFT", action: .sell, shares: 250, price: 12.5))
            let order = try frames.decode(Order.self)
            return Double(order.shares) + Double(order.action.rawValue) + Double(order.stock.utf8.count) + order.price
        }
    }

    /// A valuz Order encoded into a reused flat byte buffer and decoded back.
    static func orderFrameBuffer(count: Int) throws -> Double {
        var buffer = FrameBuffer()
        return try measure(count: count) { _ in
            try buffer.encode(Order(stock: "MSFT", action: .sell, shares: 250, price: 12.5))
            let order = try Order(frames: buffer)
            return Double(order.shares) + Double(order.action.rawValue) + Double(order.stock.utf8.count) + order.price
        }
    }

    /// An Order through the default path: ``ZSchemaMessage/encode()`` into a new ``FrameBuffer``,
    /// decoded back with `init(frames:)`.
    static func orderDefault(count: Int) throws -> Double {
        try measure(count: count) { _ in
            let frames = try Order(stock: "MSFT", action: .sell, shares: 250, price: 12.5).encode()
            let order = try Order(frames: frames)
            return Double(order.shares) + Double(order.action.rawValue) + Double(order.stock.utf8.count) + order.price
        }
    }

    /// swift-protobuf's Order, serialized to bytes and parsed back.
    static func orderProtobuf(count: Int) throws -> Double {
        try measure(count: count) { _ in
            var message = Zschema_Bench_Order()
            message.stock = "MSFT"
            message.action = .sell
            message.shares = 250
            message.price = 12.5
            let bytes: [UInt8] = try message.serializedBytes()
            let order = try Zschema_Bench_Order(serializedBytes: bytes)
            return Double(order.shares) + Double(order.action.rawValue) + Double(order.stock.utf8.count) + order.price
        }
    }

    /// Decoding alone of a valuz Order from byte arrays (four frames, the symbol checked by its
    /// pattern).
    static func orderDecode(count: Int) throws -> Double {
        let frames = try Order(stock: "MSFT", action: .sell, shares: 250, price: 12.5).encode()
        return try measure(count: count) { _ in Double(try Order(frames: frames).shares) }
    }

    /// Validation of one short frame by a pattern that only PCRE2 (with its JIT) can run.
    static func pcre2Validation(count: Int) -> Double {
        validation(FramePattern(generated: "(?<symbol>[A-Z][A-Z0-9]+)", engine: .pcre2), count: count)
    }

    /// Validation of the same frame by the same pattern as generated code compiles it.
    static func patternValidation(count: Int) -> Double {
        validation(FramePattern(generated: "(?<symbol>[A-Z][A-Z0-9]+)"), count: count)
    }

    /// A frame against `(\w|a)+`, a pattern that backtracks exponentially on a frame that
    /// almost matches: each call's seconds, and the outcome every call must give.
    static func repeatedGroup(frame text: String, expecting outcome: FramePattern.Outcome, count: Int) -> Double {
        let pattern = FramePattern(generated: #"(\w|a)+"#)
        let frame = Array(text.utf8)
        let start = ContinuousClock.now
        frame.withUnsafeBytes { bytes in
            for _ in 0..<count { precondition(pattern.test(bytes) == outcome) }
        }
        return (ContinuousClock.now - start).seconds / Double(count)
    }

    private static func validation(_ pattern: FramePattern, count: Int) -> Double {
        let frame = Array("AAPL".utf8)
        let start = ContinuousClock.now
        var matched = 0
        frame.withUnsafeBytes { bytes in
            for _ in 0..<count where pattern.test(bytes) == .matched { matched += 1 }
        }
        precondition(matched == count)
        return (ContinuousClock.now - start).seconds
    }

    /// Runs `body` `count` times and checks that the values it returned add up to something,
    /// so the optimizer cannot drop the work.
    @inline(__always)
    private static func measure(count: Int, _ body: (Int) throws -> Double) rethrows -> Double {
        let start = ContinuousClock.now
        var sum = 0.0
        for index in 0..<count { sum += try body(index) }
        let elapsed = (ContinuousClock.now - start).seconds
        precondition(sum > 0)
        return elapsed
    }
}
