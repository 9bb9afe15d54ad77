import CZeroMQ

/// One event from a socket monitor (`zmq_socket_monitor`): what happened, its value and the
/// endpoint it concerns.
///
/// libzmq sends each event as two frames: six bytes (a 16-bit event number and a 32-bit value,
/// in the host's byte order) and the endpoint text.
public struct MonitorEvent: ZSchemaMessage, Hashable {
    public static var messageName: String { "MonitorEvent" }

    /// The kinds of event libzmq reports.
    public enum Kind: UInt16, Sendable, Hashable, CaseIterable {
        case connected = 0x0001
        case connectDelayed = 0x0002
        case connectRetried = 0x0004
        case listening = 0x0008
        case bindFailed = 0x0010
        case accepted = 0x0020
        case acceptFailed = 0x0040
        case closed = 0x0080
        case closeFailed = 0x0100
        case disconnected = 0x0200
        case monitorStopped = 0x0400
        case handshakeFailedNoDetail = 0x0800
        case handshakeSucceeded = 0x1000
        case handshakeFailedProtocol = 0x2000
        case handshakeFailedAuth = 0x4000
    }

    /// What happened.
    public var kind: Kind
    /// The event's value: a file descriptor, an errno value or a retry interval, by kind.
    public var value: UInt32
    /// The endpoint the event concerns.
    public var endpoint: String

    /// Creates an event.
    public init(kind: Kind, value: UInt32, endpoint: String) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
    }

    public init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError) {
        guard frames.frameCount == 2 else {
            throw MessageDecodingError(
                message: Self.messageName, frame: nil, field: nil,
                reason: .frameCount(expected: 2...2, actual: frames.frameCount))
        }
        let header: (UInt16, UInt32)? = frames.withFrame(at: 0) { bytes in
            bytes.count == 6 ? (bytes.loadUnaligned(as: UInt16.self), bytes.loadUnaligned(fromByteOffset: 2, as: UInt32.self)) : nil
        }
        guard let (number, value) = header else {
            throw MessageDecodingError(
                message: Self.messageName, frame: 0, field: "event",
                reason: .frameSize(expected: 6, actual: frames.withFrame(at: 0) { $0.count }))
        }
        guard let kind = Kind(rawValue: number) else {
            throw MessageDecodingError(message: Self.messageName, frame: 0, field: "event", reason: .unknownEnumValue(UInt64(number)))
        }
        self.kind = kind
        self.value = value
        self.endpoint = frames.withFrame(at: 1) { String(decoding: $0, as: UTF8.self) }
    }

    public func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
        writer.appendFrame(count: 6) { buffer in
            buffer.storeBytes(of: kind.rawValue, as: UInt16.self)
            buffer.storeBytes(of: value, toByteOffset: 2, as: UInt32.self)
        }
        writer.append(string: endpoint)
    }
}

/// Watches another socket's connection events through a PAIR socket on an inproc endpoint.
public final class SocketMonitor: MessageReceiving {
    public typealias Incoming = MonitorEvent
    public let socket: ZMQSocket
    /// The inproc endpoint the events travel over.
    public let endpoint: String

    /// Starts monitoring `target` (all events) on `endpoint` and connects a PAIR socket to it.
    public init(monitoring target: ZMQSocket, endpoint: String, context: ZMQContext = .shared) throws {
        try check(zmq_socket_monitor(try target.handle(), endpoint, ZMQ_EVENT_ALL), "zmq_socket_monitor(\(endpoint))")
        self.endpoint = endpoint
        socket = try ZMQSocket(context: context, type: .pair, linger: .zero)
        try socket.connect(endpoint)
    }
}
