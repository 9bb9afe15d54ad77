import ZSchemaRuntime

/// Big-endian bytes of a fixed-width value, built by hand for comparisons.
func bigEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian, Array.init)
}

func bigEndianBytes(_ value: Double) -> [UInt8] { bigEndianBytes(value.bitPattern) }

/// Repeats `attempt` until it returns a value or `timeout` passes (bounded retries for
/// PUB/SUB, whose subscriptions take a moment to reach the publisher).
func eventually<T>(timeout: Duration = .seconds(5), _ attempt: () throws -> T?) throws -> T? {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if let value = try attempt() { return value }
    }
    return nil
}

/// A tcp endpoint on loopback with a port the system chooses.
let anyLoopbackPort = "tcp://127.0.0.1:*"
