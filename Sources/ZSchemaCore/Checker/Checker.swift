/// Parses and checks a set of schema files as one topology.
public enum Checker {
    /// The checked model and everything found along the way. The model is complete only when
    /// the diagnostics hold no error.
    public struct Result: Sendable {
        /// The checked model.
        public let ir: SchemaIR
        /// Errors, warnings and notes, sorted by location.
        public let diagnostics: [Diagnostic]
        /// Whether any diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Parses, resolves and checks `files` together.
    public static func check(_ files: [SourceFile]) -> Result {
        var diagnostics = DiagnosticCollector()
        // Parsing and resolving are per file, so they run on every core, a run of files per
        // thread with a matcher of its own (a matcher caches compiled patterns and is not
        // shared); the drafts keep file order.
        let resolved = files.parallelChunks { chunk -> [(drafts: [ServiceDraft], diagnostics: [Diagnostic])] in
            var resolver = Resolver(matcher: PatternMatcher())
            var drafts: [ServiceDraft] = []
            var diagnostics: [Diagnostic] = []
            for file in chunk {
                let (syntax, syntaxDiagnostics) = Parser.parse(file)
                diagnostics += syntaxDiagnostics
                drafts += resolver.resolve(syntax)
            }
            return [(drafts, diagnostics + resolver.diagnostics.diagnostics)]
        }
        var drafts: [ServiceDraft] = []
        for chunk in resolved {
            drafts += chunk.drafts
            diagnostics.append(contentsOf: chunk.diagnostics)
        }
        // The drafts are handed on, not shared: the checker names their sockets and messages in
        // place, and a second owner of an array would make each of those writes copy it.
        _ = consume resolved
        let matcher = PatternMatcher()
        let topology = Topology(services: consume drafts, diagnostics: &diagnostics)
        let flow = MessageFlow(topology: consume topology, shapes: FrameShape(matcher: matcher), diagnostics: &diagnostics)
        return Result(ir: makeIR(files: files, flow: flow), diagnostics: diagnostics.sorted)
    }

    private static func makeIR(files: [SourceFile], flow: MessageFlow) -> SchemaIR {
        let topology = flow.topology
        let services = topology.services.enumerated().map { serviceIndex, draft in
            Service(
                id: draft.id, system: draft.system, role: draft.role, metadata: draft.metadata,
                documentation: draft.documentation, location: draft.location,
                sockets: draft.sockets.enumerated().map { socketIndex, socket in
                    let ref = SocketRef(service: serviceIndex, socket: socketIndex)
                    let isMonitor = topology.monitors[ref] != nil
                    return Socket(
                        id: topology.socketID(ref), name: socket.name, nameOrigin: socket.nameOrigin, kind: socket.kind,
                        endpoint: socket.endpoint, documentation: socket.documentation, location: socket.location,
                        sends: isMonitor || !(socket.kind.canSend || socket.kind.publishes) ? nil : flow.outgoing[ref] ?? .raw,
                        receives: isMonitor || !(socket.kind.canReceive || socket.kind.subscribes) ? nil : flow.incoming[ref] ?? .raw,
                        subscriptions: socket.subscriptions,
                        monitoredSocket: topology.monitors[ref].map(topology.socketID))
                })
        }
        let links = topology.links.map { Link(connecting: topology.socketID($0.connecting), binding: topology.socketID($0.binding)) }
        return SchemaIR(files: files.map(\.path), services: services, messages: flow.messages, unions: flow.unions, links: links)
    }
}
