import Synchronization

/// A flag that one thread or task sets once and others read: the way to tell a
/// ``SocketThread``'s loop to finish, since the thread owns its sockets and nothing else may
/// touch them.
///
/// ```swift
/// let stop = StopFlag()
/// let publishing = SocketThread(name: "tickz-pub") {
///     defer { server.close() }
///     while !stop.isSet { try server.pub.send(symbol: "AAPL", timestamp: now(), price: price()) }
/// }
/// stop.set()
/// try await publishing.value
/// ```
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A flag not yet set.
    public init() {}

    /// Sets the flag; what the setter wrote before is visible to a reader that sees it set.
    public func set() { flag.store(true, ordering: .releasing) }

    /// Whether the flag is set.
    public var isSet: Bool { flag.load(ordering: .acquiring) }
}
