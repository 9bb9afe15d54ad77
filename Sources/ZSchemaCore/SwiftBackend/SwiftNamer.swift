/// The one place that decides every Swift name of the generated code.
///
/// Spelling follows ``SwiftIdentifier``. Who gets a name when two want it follows one rule, per
/// scope (the module's types; one type's members; one function's parameters and locals): names
/// are handed out in a fixed order, and a name that is already taken gets underscores appended
/// until it is free. The order puts the generated code's fixed API first (`context`, `close`),
/// then names written in the schema, then names zschema made up (unions, aliases, locals). Two
/// types whose names come from the schema (services, named messages) cannot both have one name:
/// that is an error, reported at the second.
///
/// Functions' parameters and locals never equal a field, a generated type or a name the body
/// uses; a standard-library or runtime type that some generated name would hide is written with
/// its module (`Swift.String`).
struct SwiftNamer {
    private let ir: SchemaIR
    private var names = SwiftNames()
    private var diagnostics = DiagnosticCollector()
    /// Every type name at module level, once handed out.
    private var moduleTypes = NameScope()
    /// The Swift type of each message (by name) and union (by id), and of each service (by id).
    private var typeNames: [String: String] = [:]
    private var serviceTypes: [String: String] = [:]
    /// The external names that some name handed out equals, which generated code must write
    /// with their module.
    private var hidden = Set<String>()

    /// The names for `ir`, and the collisions that the rule cannot resolve.
    static func names(for ir: SchemaIR) -> (names: SwiftNames, diagnostics: [Diagnostic]) {
        var namer = SwiftNamer(ir: ir)
        namer.nameModuleTypes()
        namer.nameMembers()
        namer.names.qualified = namer.hidden
        return (namer.names, namer.diagnostics.diagnostics)
    }

    private init(ir: SchemaIR) { self.ir = ir }

    /// The Swift type of a message (by name) or union (by id), once module types are named.
    private func typeName(_ id: String) -> String { typeNames[id] ?? id }

    private mutating func record(_ name: String) -> String {
        if ExternalName.names.contains(name) { hidden.insert(name) }
        return name
    }

    // MARK: Module types

    private mutating func nameModuleTypes() {
        // Names from the schema first; a clash between two of them is the user's to resolve.
        var claimedBy: [String: SourceLocation] = [:]
        claimedBy.reserveCapacity(ir.services.count + ir.messages.count)
        func insist(_ name: String, at location: SourceLocation) -> String {
            if moduleTypes.insist(name) {
                claimedBy[name] = location
            } else {
                diagnostics.error(
                    location, "'\(name)' is already the name of another generated type; choose another name",
                    notes: claimedBy[name].map { [Diagnostic(.note, $0, "first used here")] } ?? [])
            }
            return record(name)
        }
        // Each message and union also gets a wrapper alias or two (`TickPublisher`).
        moduleTypes.reserveCapacity(ir.services.count + 3 * (ir.messages.count + ir.unions.count) + 1)
        serviceTypes.reserveCapacity(ir.services.count)
        typeNames.reserveCapacity(ir.messages.count + ir.unions.count)
        // The loops read the model in place (by index): a copy of each message or service would
        // retain every field of it.
        for index in ir.services.indices where serviceTypes[ir.services[index].id] == nil {
            let id = ir.services[index].id
            serviceTypes[id] = insist(SwiftIdentifier.upperCamel(id), at: ir.services[index].location)
        }
        for index in ir.messages.indices where ir.messages[index].nameOrigin == .declared {
            let name = ir.messages[index].name
            if SwiftIdentifier.usableType(name) == name { typeNames[name] = insist(name, at: ir.messages[index].location) }
        }
        // Then the names zschema makes: they give way.
        for index in ir.messages.indices where typeNames[ir.messages[index].name] == nil {
            let name = ir.messages[index].name
            let spelled = ir.messages[index].nameOrigin == .declared ? SwiftIdentifier.usableType(name) : SwiftIdentifier.upperCamel(name)
            typeNames[name] = record(moduleTypes.claim(spelled))
        }
        for union in ir.unions {
            typeNames[union.id] = record(moduleTypes.claim(union.messages.map(typeName).joined(separator: "Or")))
        }
        for (id, roles) in aliasRoles() {
            let type = typeName(id)
            for role in SocketRole.allCases where roles.contains(role) {
                names.aliases[id, default: [:]][role] = record(moduleTypes.claim(type + role.rawValue))
            }
        }
        names.runtimeCheck = record(moduleTypes.claim("GeneratedForRuntime"))
    }

    /// The single-type wrapper roles each message type or union plays on some socket.
    private func aliasRoles() -> [(String, Set<SocketRole>)] {
        var roles: [String: Set<SocketRole>] = [:]
        // Read in place: copying every socket out of its service retained all of its fields.
        for service in ir.services.indices {
            for socket in ir.services[service].sockets.indices where ir.services[service].sockets[socket].monitoredSocket == nil {
                guard let role = SocketRole(ir.services[service].sockets[socket].kind),
                    let set = role.sends ? ir.services[service].sockets[socket].sends : ir.services[service].sockets[socket].receives
                else { continue }
                let id: String
                switch set {
                case .message(let name): id = name
                case .union(let union): id = union
                case .raw: continue
                }
                roles[id, default: []].insert(role)
            }
        }
        // In the order the types are declared, so that the same schemas give the same names.
        let declared = ir.messages.map(\.name) + ir.unions.map(\.id)
        return declared.filter { roles[$0] != nil }.map { ($0, roles[$0] ?? []) }
    }

    // MARK: Members

    private mutating func nameMembers() {
        // Each message's and each service's members are named in scopes of their own, so they
        // are named on every core: each run of them by a copy of this namer, whose names and
        // hidden externals are then gathered in declaration order.
        let base = self
        let messages = ir.messages.parallelChunks { chunk -> [(names: [SwiftNames.Message], hidden: Set<String>)] in
            var namer = base
            let names = chunk.map { namer.messageNames(type: namer.typeName($0.name), frames: $0.frames, fields: $0.fields) }
            return [(names, namer.hidden)]
        }
        names.messages.reserveCapacity(ir.messages.count)
        for (index, own) in messages.lazy.flatMap(\.names).enumerated() { names.messages[ir.messages[index].name] = own }
        let services = ir.services.parallelChunks { chunk -> [(names: [SwiftNames.Service], hidden: Set<String>)] in
            var namer = base
            return [(chunk.map { namer.nameService($0) }, namer.hidden)]
        }
        names.services.reserveCapacity(ir.services.count)
        for (index, own) in services.lazy.flatMap(\.names).enumerated() { names.services[ir.services[index].id] = own }
        let unions = ir.unions.parallelChunks { chunk -> [(names: [SwiftNames.Union], hidden: Set<String>)] in
            var namer = base
            return [(chunk.map { namer.unionNames($0) }, namer.hidden)]
        }
        names.unions.reserveCapacity(ir.unions.count)
        for (index, own) in unions.lazy.flatMap(\.names).enumerated() { names.unions[ir.unions[index].id] = own }
        for chunk in messages { hidden.formUnion(chunk.hidden) }
        for chunk in services { hidden.formUnion(chunk.hidden) }
        for chunk in unions { hidden.formUnion(chunk.hidden) }
    }

    /// The names of a union's enum: its cases, and the parameters and locals of its codec.
    private mutating func unionNames(_ union: MessageUnion) -> SwiftNames.Union {
        // A case named like an alternative's type would hide that type in the enum's body.
        let alternatives = union.messages.map(typeName)
        var cases = NameScope(SwiftIdentifier.reservedMemberNames.union(alternatives))
        let caseNames = alternatives.map { record(cases.claim(SwiftIdentifier.lowerCamel($0))) }
        var locals = localScope(members: cases.taken)
        return SwiftNames.Union(
            type: typeName(union.id), cases: caseNames, framesType: record(locals.claim("Frames")),
            writerType: record(locals.claim("Writer")), failures: record(locals.claim("failures")),
            message: record(locals.claim("message")))
    }

    /// A scope for parameters and locals that avoids `members` and every generated type name.
    private func localScope(members: Set<String>) -> NameScope {
        NameScope(members, avoiding: [moduleTypes.taken, ExternalName.names, SwiftIdentifier.unusableMemberNames])
    }

    /// The names of a message struct's members and functions; parameters and locals also avoid
    /// `nearby` (the members of the class a run-time subscription's type is nested in).
    private mutating func messageNames(type: String, frames: [Frame], fields: [Field], nearby: Set<String> = []) -> SwiftNames.Message {
        var members = NameScope(SwiftIdentifier.reservedMemberNames)
        // Fields as written, then the nested enums and statics zschema adds.
        let fieldNames = fields.map { record(members.claim(SwiftIdentifier.usableMember($0.name))) }
        var enums: [Int: SwiftNames.NestedEnum] = [:]
        var statics: [Int: String] = [:]
        var checks: [Int: String] = [:]
        for (index, frame) in frames.enumerated() {
            switch frame.kind {
            case .enumeration(let enumeration):
                let enumType = record(members.claim(SwiftIdentifier.upperCamel(frame.name ?? "value\(index + 1)")))
                var cases = NameScope(SwiftIdentifier.reservedMemberNames)
                enums[index] = SwiftNames.NestedEnum(type: enumType, cases: enumeration.cases.map { record(cases.claim(SwiftIdentifier.lowerCamel($0.name))) })
            case .text(let pattern):
                statics[index] = record(members.claim("pattern\(index + 1)"))
                if pattern.asciiAutomaton?.isInlineCheckable == true {
                    checks[index] = record(members.claim("Pattern\(index + 1)Check"))
                }
            case .integerConstant, .textConstant:
                statics[index] = record(members.claim("constant\(index + 1)"))
            case .scalar, .string, .bytes:
                continue
            }
        }
        var locals = localScope(members: members.taken.union(nearby).union([type]))
        var codec = SwiftNames.CodecLocals(
            framesType: record(locals.claim("Frames")), frames: record(locals.claim("frames")),
            writerType: record(locals.claim("Writer")), writer: record(locals.claim("writer")),
            cursor: record(locals.claim("cursor")), element: record(locals.claim("element")), match: [:], text: [:], elements: [:],
            checkFrame: record(locals.claim("frame")), checkState: record(locals.claim("state")), checkByte: record(locals.claim("byte")))
        for (index, frame) in frames.enumerated() {
            guard case .text = frame.kind else { continue }
            codec.match[index] = record(locals.claim("frame\(index + 1)"))
            codec.text[index] = record(locals.claim("text\(index + 1)"))
        }
        for (fieldIndex, field) in fields.enumerated() where field.isArray {
            codec.elements[field.frame] = record(locals.claim(fieldNames[fieldIndex] + "Elements"))
        }
        // Functions outside the struct: the fields' labels, and the parameters zschema adds.
        var parameters = localScope(members: nearby.union([type]))
        let callFields = fieldNames.map { record(parameters.claim($0)) }
        var labels = NameScope(fieldNames)
        let dontWaitLabel = record(labels.claim("dontWait"))
        let call = SwiftNames.CallParameters(
            fields: callFields, dontWaitLabel: dontWaitLabel, dontWait: record(parameters.claim(dontWaitLabel)),
            peer: record(parameters.claim("peer")), frames: record(parameters.claim("frames")))
        return SwiftNames.Message(type: type, fields: fieldNames, enums: enums, statics: statics, checks: checks, codec: codec, call: call)
    }

    /// The names of `service`'s class and its members.
    private mutating func nameService(_ service: Service) -> SwiftNames.Service {
        var serviceNames = SwiftNames.Service(
            type: serviceTypes[service.id] ?? service.id, properties: [], socketAliases: [:], endpoints: [], rawSockets: [:], subscriptions: [])
        var members = NameScope(SwiftIdentifier.unusableMemberNames)
        members.reserve(["context", "close"])
        // Socket names written in the schema first, then the derived ones.
        // Names made from a socket's property (its alias, endpoint parameter, raw local) start
        // from its spelling before any underscore the property needed.
        let spelled = service.sockets.map { socket in
            socket.nameOrigin == .declared ? SwiftIdentifier.usableMember(socket.name) : SwiftIdentifier.lowerCamel(socket.name)
        }
        var properties = [String](repeating: "", count: service.sockets.count)
        for pass in [NameOrigin.declared, .derived] {
            for (index, socket) in service.sockets.enumerated() where (socket.nameOrigin == .declared) == (pass == .declared) {
                properties[index] = record(members.claim(spelled[index]))
            }
        }
        serviceNames.properties = properties
        for (index, socket) in service.sockets.enumerated() where socket.monitoredSocket == nil {
            serviceNames.socketAliases[index] = record(members.claim(SwiftIdentifier.upperCamel(spelled[index]) + "Socket"))
        }
        let dynamic = service.sockets.enumerated().flatMap { index, socket in
            socket.monitoredSocket == nil ? socket.subscriptions.filter(\.isDynamic).map { (index, $0) } : []
        }
        for (index, subscription) in dynamic {
            let perSocket = service.sockets[index].subscriptions.filter(\.isDynamic)
            let ordinal = perSocket.count > 1 ? "\((perSocket.firstIndex(of: subscription) ?? 0) + 1)" : ""
            let base = dynamic.count == 1 ? "" : SwiftIdentifier.upperCamel(spelled[index]) + ordinal
            let type = record(members.claim(base + "Subscription"))
            let subscribe = record(members.claim("subscribe" + base))
            let unsubscribe = record(members.claim("unsubscribe" + base))
            serviceNames.subscriptions.append(
                SwiftNames.Subscription(
                    type: type, subscribe: subscribe, unsubscribe: unsubscribe,
                    message: messageNames(type: type, frames: [subscription.frame], fields: subscription.fields, nearby: members.taken)))
        }
        var parameters = localScope(members: members.taken)
        _ = parameters.insist("context")
        _ = parameters.insist("configure")
        serviceNames.endpoints = spelled.map { record(parameters.claim($0 + "Endpoint")) }
        for (index, socket) in service.sockets.enumerated() where socket.monitoredSocket == nil {
            serviceNames.rawSockets[index] = record(parameters.claim(spelled[index] + "Socket"))
        }
        return serviceNames
    }
}
