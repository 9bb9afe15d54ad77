import Foundation

/// Reads a running `dealz serve`'s state over HTTP with curl, as a script would.
enum DashboardProbe {
    /// `GET /api/state` as JSON; nil when dealz does not answer within 2 s.
    static func state(port: Int) throws -> [String: Any]? {
        let curl = try ServiceProcess(shell: "/usr/bin/curl", ["-s", "--max-time", "2", "http://127.0.0.1:\(port)/api/state"])
        guard curl.wait() == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(curl.output.text.utf8)) as? [String: Any]
    }

    /// The entry of socket `name` (`tickz.sub`, `valuz.pull`) in `state`'s Sockets panel.
    static func socket(_ name: String, in state: [String: Any]) -> [String: Any]? {
        (state["sockets"] as? [[String: Any]])?.first { $0["name"] as? String == name }
    }
}
