/// Parses endpoints: `tcp://*:9003` (bind), `tcp://localhost:9003` (connect), and CZMQ's explicit
/// `@endpoint` (bind) and `>endpoint` (connect). Without a prefix, a tcp/pgm/epgm endpoint binds
/// when its host is `*`; every other endpoint (ipc, inproc, ...) connects, so the binding side of
/// an ipc or inproc link is marked with `@`.
enum EndpointParser {
    static let transports: Set<String> = ["tcp", "ipc", "inproc", "pgm", "epgm", "tipc", "vmci", "ws", "wss", "udp"]

    static func parse(_ text: Located<String>) throws(SyntaxError) -> Endpoint {
        var address = Substring(text.value)
        var explicitBind: Bool?
        if address.first == "@" { explicitBind = true } else if address.first == ">" { explicitBind = false }
        if explicitBind != nil { address = address.dropFirst() }
        let offset = explicitBind == nil ? 0 : 1
        guard let separator = address.firstRange(ofBytes: "://") else {
            throw SyntaxError(location: text.location, message: "expected an endpoint 'transport://address' such as 'tcp://*:9003', found '\(text.value)'")
        }
        let transport = String(address[..<separator.lowerBound])
        guard transports.contains(transport) else {
            throw SyntaxError(
                location: text.location.advanced(by: offset),
                message: "unknown transport '\(transport)'; expected one of \(transports.sorted().joined(separator: ", "))")
        }
        let rest = String(address[separator.upperBound...])
        guard !rest.isEmpty else {
            throw SyntaxError(location: text.location.advanced(by: offset + transport.count + 3), message: "missing address after '\(transport)://'")
        }
        var host: String?
        var port: Int?
        if transport == "tcp" || transport == "ws" || transport == "wss" || transport == "udp" {
            // By byte: `split` and `lastIndex(of:)` on `Character`s were most of parsing an endpoint.
            let hostPort = rest.utf8.firstIndex(of: UInt8(ascii: "/")).map { String(rest[..<$0]) } ?? rest
            guard let colon = hostPort.utf8.lastIndex(of: UInt8(ascii: ":")) else {
                throw SyntaxError(
                    location: text.location.advanced(by: offset + transport.count + 3),
                    message: "expected 'host:port' after '\(transport)://', such as '*:9003' or 'localhost:9003'")
            }
            let hostText = String(hostPort[..<colon])
            let portText = String(hostPort[hostPort.index(after: colon)...])
            if portText != "*" {
                guard let number = Int(portText), (1...65535).contains(number) else {
                    let portColumn = offset + transport.count + 3 + hostText.count + 1
                    throw SyntaxError(location: text.location.advanced(by: portColumn), message: "port '\(portText)' is not a number from 1 to 65535 or '*'")
                }
                port = number
            }
            guard !hostText.isEmpty else {
                throw SyntaxError(
                    location: text.location.advanced(by: offset + transport.count + 3),
                    message: "missing host before ':\(portText)'; use '*' to bind on every interface")
            }
            host = hostText.hasPrefix("[") && hostText.hasSuffix("]") ? String(hostText.dropFirst().dropLast()) : hostText
        }
        let wildcardHost = host == "*" || host?.hasPrefix("*;") == true
        let binds = explicitBind ?? (["tcp", "pgm", "epgm", "ws", "wss", "udp"].contains(transport) && wildcardHost)
        return Endpoint(address: String(address), transport: transport, binds: binds, host: host, port: port)
    }

    /// Whether a connect to `connect` reaches a socket bound to `bind`.
    static func reaches(_ connect: Endpoint, _ bind: Endpoint) -> Bool {
        guard connect.transport == bind.transport else { return false }
        guard let connectPort = connect.port, let bindPort = bind.port else {
            return connect.host == nil && bind.host == nil && connect.address == bind.address
        }
        guard connectPort == bindPort, let connectHost = connect.host, let bindHost = bind.host else { return false }
        return bindHost == "*" || bindHost == connectHost || (isLoopback(bindHost) && isLoopback(connectHost))
    }

    /// A key that endpoints which can reach or collide with each other share: the transport and
    /// the port, or the whole address when there is no port. The checker compares endpoints only
    /// within one key, so linking stays linear in the number of sockets.
    static func rendezvous(_ endpoint: Endpoint) -> String {
        endpoint.port.map { "\(endpoint.transport) port \($0)" } ?? "\(endpoint.transport) \(endpoint.address)"
    }

    /// Whether two binds would fight over the same address.
    static func collide(_ first: Endpoint, _ second: Endpoint) -> Bool {
        guard first.transport == second.transport else { return false }
        guard let firstPort = first.port, let secondPort = second.port else {
            return first.host == nil && second.host == nil && first.address == second.address
        }
        guard firstPort == secondPort, let a = first.host, let b = second.host else { return false }
        return a == "*" || b == "*" || a == b || (isLoopback(a) && isLoopback(b))
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
