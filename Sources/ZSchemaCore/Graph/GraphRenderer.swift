/// Renders the topology as Graphviz DOT: one cluster per service with a node per socket, an
/// edge per link labelled with the messages that cross it, and a dashed edge from each monitor
/// to the socket it watches.
public enum GraphRenderer {
    /// The DOT text for `ir`.
    public static func dot(_ ir: SchemaIR) -> String {
        var lines = [
            "digraph zschema {", "    rankdir=LR;", "    node [shape=box, fontname=\"Helvetica\"];", "    edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for (index, service) in ir.services.enumerated() {
            lines.append("    subgraph cluster_\(index) {")
            lines.append(
                "        label=\(quoted(service.id + (service.metadata.isEmpty ? "" : " (" + service.metadata.map { ($0.isOptional ? "?" : "") + $0.name }.joined(separator: ", ") + ")")));"
            )
            for socket in service.sockets {
                let verb = socket.endpoint.binds ? "bind" : "connect"
                lines.append("        \(quoted(socket.id)) [label=\(quoted("\(socket.kind.rawValue) \(socket.name)\n\(verb) \(socket.endpoint.address)"))];")
            }
            lines.append("    }")
        }
        for link in ir.links {
            guard let connecting = ir.socket(link.connecting), let binding = ir.socket(link.binding) else { continue }
            // One edge per direction messages flow, labelled with what the receiver gets (a
            // subscriber gets only what its subscriptions select).
            for (from, to) in [(connecting, binding), (binding, connecting)] {
                guard let sent = from.sends, let received = to.receives else { continue }
                let messages = ir.messages(in: received).isEmpty ? ir.messages(in: sent) : ir.messages(in: received)
                let label = messages.isEmpty ? "raw frames" : messages.joined(separator: "\n")
                lines.append("    \(quoted(from.id)) -> \(quoted(to.id)) [label=\(quoted(label))];")
            }
        }
        for service in ir.services {
            for socket in service.sockets {
                if let target = socket.monitoredSocket {
                    lines.append("    \(quoted(target)) -> \(quoted(socket.id)) [style=dashed, label=\"events\"];")
                }
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n") + "\""
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
