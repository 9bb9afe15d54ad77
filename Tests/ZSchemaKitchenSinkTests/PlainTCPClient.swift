import Glibc

/// A TCP client that does not speak ZeroMQ, on POSIX sockets: what a STREAM socket is for.
/// (`Swift.String` because this module has a message called `String`.)
final class PlainTCPClient {
    private let descriptor: Int32

    /// Connects to 127.0.0.1 `port`, with two-second send and receive timeouts.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(operation: "socket") }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw Failure(operation: "connect")
        }
    }

    func write(_ bytes: [UInt8]) throws {
        guard send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw Failure(operation: "send") }
    }

    /// Reads exactly `count` bytes, or throws at the timeout.
    func read(count: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: count)
        while result.count < count {
            let received = recv(descriptor, &buffer, count - result.count, 0)
            guard received > 0 else { throw Failure(operation: "recv") }
            result += buffer.prefix(received)
        }
        return result
    }

    func close() { Glibc.close(descriptor) }

    struct Failure: Error {
        let operation: Swift.String
    }
}
