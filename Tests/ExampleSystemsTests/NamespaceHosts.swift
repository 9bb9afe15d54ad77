import Foundation
import Testing

/// Hosts made of Linux network namespaces for a test: each host has one interface, `eth0`, on a
/// bridge in a namespace of its own (the switch), with an address from the documentation range
/// 192.0.2.0/24 (RFC 5737). Nothing touches the machine's own network namespace. Needs root
/// and iproute2 (`ip netns`); ``available`` says whether they are there.
final class NamespaceHosts {
    /// The namespaces' names, host 1 first.
    let hosts: [String]
    private let fabric: String

    /// Whether this machine lets the tests make network namespaces (root with `ip`), checked by
    /// making and deleting one.
    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/ip") else { return false }
        let name = "zs-probe-\(getpid())"
        guard (try? ip(["netns", "add", name])) != nil else { return false }
        _ = try? ip(["netns", "del", name])
        return true
    }()

    /// Makes `count` hosts, 192.0.2.1 to 192.0.2.`count`.
    init(count: Int) throws {
        let tag = "zs-\(UUID().uuidString.prefix(8).lowercased())"
        fabric = "\(tag)-sw"
        hosts = (1...count).map { "\(tag)-h\($0)" }
        try Self.ip(["netns", "add", fabric])
        try Self.ip(["-n", fabric, "link", "add", "br0", "type", "bridge"])
        try Self.ip(["-n", fabric, "link", "set", "br0", "up"])
        for (index, host) in hosts.enumerated() {
            try Self.ip(["netns", "add", host])
            try Self.ip(["-n", fabric, "link", "add", "port\(index + 1)", "type", "veth", "peer", "name", "eth0", "netns", host])
            try Self.ip(["-n", fabric, "link", "set", "port\(index + 1)", "master", "br0", "up"])
            try Self.ip(["-n", host, "addr", "add", "\(address(of: index + 1))/24", "dev", "eth0"])
            try Self.ip(["-n", host, "link", "set", "eth0", "up"])
            try Self.ip(["-n", host, "link", "set", "lo", "up"])
        }
    }

    /// Host `number`'s address (1-based).
    func address(of number: Int) -> String { "192.0.2.\(number)" }

    /// Takes host `number`'s link down or up, as a pulled cable would.
    func setLink(of number: Int, up: Bool) throws {
        try Self.ip(["-n", hosts[number - 1], "link", "set", "eth0", up ? "up" : "down"])
    }

    deinit {
        for name in hosts + [fabric] { _ = try? Self.ip(["netns", "del", name]) }
    }

    /// Runs `ip` with `arguments`, bounded in time; throws with its error output when it fails.
    @discardableResult
    static func ip(_ arguments: [String]) throws -> String {
        let process = try ServiceProcess(shell: "/bin/ip", arguments)
        guard process.wait(timeout: .seconds(10)) == 0 else {
            throw NamespaceError(message: "ip \(arguments.joined(separator: " ")): \(process.log.text)")
        }
        return process.output.text
    }

    struct NamespaceError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
