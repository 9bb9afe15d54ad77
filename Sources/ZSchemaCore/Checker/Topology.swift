/// The picture of all services together: which connect reaches which bind, whether the socket
/// types can talk, what each socket is called (in the schema's terms) and which sockets monitor
/// which.
struct Topology {
    var services: [ServiceDraft]
    /// Resolved links, connecting side first, in declaration order.
    private(set) var links: [(connecting: SocketRef, binding: SocketRef)] = []
    /// Each socket's peers, as ``peers(of:)`` returns them; filled with the links.
    private var peerIndex: [SocketRef: [SocketRef]] = [:]
    /// Monitor PAIR socket → the socket it watches.
    private(set) var monitors: [SocketRef: SocketRef] = [:]

    init(services: consuming [ServiceDraft], diagnostics: inout DiagnosticCollector) {
        self.services = services
        checkServiceNames(&diagnostics)
        checkDuplicateBinds(&diagnostics)
        resolveLinks(&diagnostics)
        resolveMonitors(&diagnostics)
        assignNames(&diagnostics)
    }

    var allSockets: [SocketRef] {
        services.indices.flatMap { service in services[service].sockets.indices.map { SocketRef(service: service, socket: $0) } }
    }

    /// The socket `ref` names, lent in place: returning a copy retained every field of it, and
    /// the checker reads sockets tens of thousands of times in a large compilation.
    subscript(socket ref: SocketRef) -> SocketDraft { _read { yield services[ref.service].sockets[ref.socket] } }
    /// The service that holds socket `ref`, lent in place.
    subscript(service ref: SocketRef) -> ServiceDraft { _read { yield services[ref.service] } }
    func socketID(_ ref: SocketRef) -> String { "\(services[ref.service].id)/\(self[socket: ref].name)" }

    /// The sockets linked to `ref`, either way: those of the same system first, then in
    /// declaration order.
    func peers(of ref: SocketRef) -> [SocketRef] { peerIndex[ref] ?? [] }

    /// `valuz.reduce's PULL (tcp://*:9005)`, for messages.
    func describe(_ ref: SocketRef) -> String {
        let socket = self[socket: ref]
        return "\(self[service: ref].id)'s \(socket.kind.rawValue) (\(socket.endpoint.address))"
    }

    private func checkServiceNames(_ diagnostics: inout DiagnosticCollector) {
        var seen: [String: SourceLocation] = [:]
        for service in services {
            if let first = seen[service.id] {
                diagnostics.error(service.location, "service '\(service.id)' is already defined", notes: [Diagnostic(.note, first, "first defined here")])
            }
            seen[service.id] = seen[service.id] ?? service.location
        }
    }

    private func checkDuplicateBinds(_ diagnostics: inout DiagnosticCollector) {
        var binders: [String: [SocketRef]] = [:]
        for ref in allSockets where self[socket: ref].endpoint.binds {
            let key = EndpointParser.rendezvous(self[socket: ref].endpoint)
            if let first = binders[key, default: []].first(where: { EndpointParser.collide(self[socket: $0].endpoint, self[socket: ref].endpoint) }) {
                diagnostics.warning(
                    self[socket: ref].location,
                    "\(self[socket: ref].endpoint.address) is also bound by \(self[service: first].id); only one process can bind it at a time",
                    notes: [Diagnostic(.note, self[socket: first].location, "first bound here")])
            }
            binders[key, default: []].append(ref)
        }
    }

    private mutating func resolveLinks(_ diagnostics: inout DiagnosticCollector) {
        let binders = Dictionary(grouping: allSockets.filter { self[socket: $0].endpoint.binds }) { EndpointParser.rendezvous(self[socket: $0].endpoint) }
        for ref in allSockets where !self[socket: ref].endpoint.binds {
            let connect = self[socket: ref]
            let reached = (binders[EndpointParser.rendezvous(connect.endpoint)] ?? [])
                .filter { $0 != ref && EndpointParser.reaches(connect.endpoint, self[socket: $0].endpoint) }
            if reached.isEmpty {
                if !connect.isMonitorEndpoint {
                    diagnostics.warning(
                        connect.location, "\(connect.kind.rawValue) connects to \(connect.endpoint.address), which no schema in this compilation binds")
                }
                continue
            }
            for binding in reached {
                let bound = self[socket: binding]
                guard connect.kind.compatiblePeers.contains(bound.kind) else {
                    let allowed = connect.kind.compatiblePeers.map(\.rawValue).sorted().joined(separator: ", ")
                    diagnostics.error(
                        connect.location,
                        "\(connect.kind.rawValue) cannot talk to \(bound.kind.rawValue): \(self[service: binding].id) binds \(bound.endpoint.address) with \(bound.kind.rawValue); a \(connect.kind.rawValue) peer must be \(allowed.isEmpty ? "a non-ZeroMQ TCP peer" : allowed)",
                        notes: [Diagnostic(.note, bound.location, "bound here")])
                    continue
                }
                links.append((ref, binding))
            }
        }
        indexPeers()
    }

    /// Fills ``peerIndex``: each socket's linked sockets, those of its own system first, then in
    /// declaration order.
    private mutating func indexPeers() {
        var index: [SocketRef: [SocketRef]] = [:]
        index.reserveCapacity(links.count * 2)
        for link in links {
            index[link.connecting, default: []].append(link.binding)
            index[link.binding, default: []].append(link.connecting)
        }
        let systems = services.map(\.system)
        peerIndex = Dictionary(
            uniqueKeysWithValues: index.map { ref, peers in
                let system = systems[ref.service]
                return (
                    ref,
                    peers.sorted { a, b in
                        let (aSame, bSame) = (systems[a.service] == system, systems[b.service] == system)
                        return aSame != bSame ? aSame : a < b
                    }
                )
            })
    }

    /// `PAIR inproc://monitor.<system>.<type>` watches the socket of that type in the same
    /// service whose peer belongs to that system.
    private mutating func resolveMonitors(_ diagnostics: inout DiagnosticCollector) {
        for ref in allSockets where self[socket: ref].isMonitorEndpoint && peers(of: ref).isEmpty {
            let name = self[socket: ref].endpoint.address.dropFirst("inproc://monitor.".count)
            let parts = name.split(separator: ".")
            let sameType = services[ref.service].sockets.indices.map { SocketRef(service: ref.service, socket: $0) }.filter { candidate in
                candidate != ref && parts.count == 2 && self[socket: candidate].kind.rawValue.lowercased() == parts[1].lowercased()
            }
            // The socket linked to that system; failing that, the only socket of that type.
            let target =
                sameType.first { candidate in
                    peers(of: candidate).contains { services[$0.service].system == parts[0] }
                } ?? (sameType.count == 1 ? sameType[0] : nil)
            if let target {
                monitors[ref] = target
            } else {
                diagnostics.warning(
                    self[socket: ref].location,
                    "no socket in \(services[ref.service].id) matches monitor endpoint \(self[socket: ref].endpoint.address); expected inproc://monitor.<peer system>.<socket type>, such as inproc://monitor.chatz.req"
                )
            }
        }
    }

    /// Names every socket in its service: the `as` name as written; otherwise the socket type in
    /// lower case (`pub`), with the peer's system in front when the service has several of that
    /// type (`chatz_sub`), or failing that an ordinal (`sub_2`); a monitor is named after the
    /// socket it watches (`chatz_sub_monitor`).
    private mutating func assignNames(_ diagnostics: inout DiagnosticCollector) {
        for serviceIndex in services.indices {
            let refs = services[serviceIndex].sockets.indices.map { SocketRef(service: serviceIndex, socket: $0) }
            let plain = refs.filter { monitors[$0] == nil }
            func name(_ ref: SocketRef, _ name: String, _ origin: NameOrigin) {
                services[serviceIndex].sockets[ref.socket].name = name
                services[serviceIndex].sockets[ref.socket].nameOrigin = origin
            }
            for ref in plain {
                let draft = self[socket: ref]
                if let explicit = draft.explicitName {
                    name(ref, explicit.value, .declared)
                    continue
                }
                let base = draft.kind.rawValue.lowercased()
                let sameKind = plain.filter { self[socket: $0].kind == draft.kind && self[socket: $0].explicitName == nil }
                if sameKind.count == 1 {
                    name(ref, base, .derived)
                    continue
                }
                let systems = sameKind.map { peers(of: $0).first.map { services[$0.service].system } }
                if let system = peers(of: ref).first.map({ services[$0.service].system }),
                    systems.filter({ $0 == system }).count == 1
                {
                    name(ref, system + "_" + base, .derived)
                } else {
                    name(ref, base + "_\((sameKind.firstIndex(of: ref) ?? 0) + 1)", .derived)
                }
            }
            for ref in refs where monitors[ref] != nil {
                if let explicit = self[socket: ref].explicitName {
                    name(ref, explicit.value, .declared)
                } else {
                    name(ref, (monitors[ref].map { self[socket: $0].name } ?? "socket") + "_monitor", .derived)
                }
            }
            var seen: [String: SourceLocation] = [:]
            for ref in refs {
                let socketName = self[socket: ref].name
                if let first = seen[socketName] {
                    diagnostics.error(
                        self[socket: ref].location,
                        "socket name '\(socketName)' is already used in \(services[serviceIndex].id); name one with 'as <name>' after the endpoint",
                        notes: [Diagnostic(.note, first, "first used here")])
                }
                seen[socketName] = seen[socketName] ?? self[socket: ref].location
            }
        }
    }
}
