/// Turns syntax trees into drafts: socket types, endpoints, frame types, literals and patterns
/// resolved, with a located error for each thing that does not resolve.
struct Resolver {
    var diagnostics = DiagnosticCollector()
    /// Compiles and matches the patterns of this run.
    let matcher: PatternMatcher
    /// Each pattern's translation and analysis, by its text: a pattern repeated across many
    /// schemas is analysed once.
    private var analysed: [String: (translated: String, analysis: PatternAnalysis, automaton: ASCIIAutomaton?)] = [:]

    init(matcher: PatternMatcher) { self.matcher = matcher }

    mutating func resolve(_ syntax: SchemaSyntax) -> [ServiceDraft] {
        syntax.services.map { resolve($0) }
    }

    private mutating func resolve(_ service: ServiceSyntax) -> ServiceDraft {
        let metadata = service.metadata.map { item in
            item.value.hasPrefix("?")
                ? MetadataItem(name: String(item.value.dropFirst()).trimmingSpaces, isOptional: true)
                : MetadataItem(name: item.value, isOptional: false)
        }
        return ServiceDraft(
            id: service.name.value, metadata: metadata, documentation: service.documentation,
            location: service.name.location, sockets: service.sockets.compactMap { resolve($0) })
    }

    private mutating func resolve(_ socket: SocketSyntax) -> SocketDraft? {
        guard let kind = SocketKind(rawValue: socket.type.value) else {
            let known = SocketKind.allCases.map(\.rawValue).joined(separator: " ")
            diagnostics.error(socket.type.location, "unknown socket type '\(socket.type.value)'; expected one of \(known)")
            return nil
        }
        let endpoint: Endpoint
        do { endpoint = try EndpointParser.parse(socket.endpoint) } catch {
            diagnostics.error(error.location, error.message)
            return nil
        }
        var draft = SocketDraft(
            kind: kind, endpoint: endpoint, explicitName: socket.name, documentation: socket.documentation,
            location: socket.type.location, declared: [], subscriptions: [])
        for message in socket.messages {
            guard arrowAllowed(message.arrow, on: kind), let frames = resolveFrames(message) else {
                draft.hasInvalidMessages = true
                continue
            }
            if message.arrow.value == .subscribe {
                if let subscription = subscription(message, frames: frames) { draft.subscriptions.append(subscription) }
            } else {
                draft.declared.append(
                    DeclaredMessage(
                        arrow: message.arrow.value, explicitName: message.name, frames: frames,
                        documentation: message.documentation, location: message.arrow.location))
            }
        }
        return draft
    }

    private mutating func arrowAllowed(_ arrow: Located<Arrow>, on kind: SocketKind) -> Bool {
        let problem: String? =
            switch arrow.value {
            case .publish where !kind.publishes:
                "'<<' publishes, which only PUB and XPUB sockets do" + (kind.canSend ? "; use '<-' on \(kind.rawValue)" : "")
            case .subscribe where !kind.subscribes:
                "'?>' subscribes, which only SUB and XSUB sockets do"
            case .send where !kind.canSend:
                "a \(kind.rawValue) socket cannot send" + (kind.publishes ? "; use '<<' to publish" : "")
            case .receive where !kind.canReceive:
                "a \(kind.rawValue) socket cannot receive" + (kind.subscribes ? "; use '?>' to subscribe" : "")
            default: nil
            }
        if let problem { diagnostics.error(arrow.location, problem) }
        return problem == nil
    }

    // MARK: Frames

    private mutating func resolveFrames(_ message: MessageSyntax) -> [Frame]? {
        var frames: [Frame] = []
        var failed = false
        var repeated: Frame?
        for syntax in message.frames {
            guard let frame = resolveFrame(syntax) else {
                failed = true
                continue
            }
            if frame.repetition != .once {
                if let repeated {
                    diagnostics.error(
                        frame.location, "only one frame of a message may repeat, so the decoder knows where it ends",
                        notes: [Diagnostic(.note, repeated.location, "the repeating frame is here")])
                    failed = true
                }
                repeated = repeated ?? frame
            }
            frames.append(frame)
        }
        var fieldLocations: [String: SourceLocation] = [:]
        for field in FieldLayout.fields(of: frames) {
            if let first = fieldLocations[field.name] {
                diagnostics.error(
                    field.location, "field '\(field.name)' is already defined in this message",
                    notes: [Diagnostic(.note, first, "first defined here")])
                failed = true
            }
            fieldLocations[field.name] = fieldLocations[field.name] ?? field.location
        }
        return failed || frames.isEmpty ? nil : frames
    }

    private mutating func resolveFrame(_ syntax: FrameSyntax) -> Frame? {
        let kind: FrameKind?
        let name: String?
        switch syntax.content {
        case .pattern(let source):
            (kind, name) = (resolvePattern(source, repetition: syntax.repetition), nil)
        case .typed(let field, let type):
            (kind, name) = (resolveType(type), field.value)
        }
        guard let kind else { return nil }
        if kind.constantBytes != nil, syntax.repetition != .once {
            diagnostics.error(syntax.location, "a constant frame cannot repeat")
            return nil
        }
        return Frame(name: name, kind: kind, repetition: syntax.repetition, location: syntax.location)
    }

    private mutating func resolveType(_ type: TypeSyntax) -> FrameKind? {
        switch type {
        case .named(let name):
            if let (scalar, order) = Self.scalarType(name.value) { return .scalar(scalar, order) }
            if name.value == "string" { return .string }
            if name.value == "bytes" { return .bytes }
            diagnostics.error(
                name.location,
                "unknown type '\(name.value)'; expected u8 i8 u16 i16 u32 i32 u64 i64 f32 f64 bool string bytes (numbers big-endian; u32le and so on for little-endian), an enum '(A = 0uy | ...)' or a constant 'NAME = 0uy'"
            )
            return nil
        case .constant(let constant):
            guard let literal = literal(constant.literal) else { return nil }
            return .integerConstant(IntegerConstant(name: constant.name.value, width: literal.type, value: IntegerValue(literal.value), bytes: literal.bytes))
        case .enumeration(let cases):
            var resolved: [(EnumCaseSyntax, IntegerLiteral)] = []
            for item in cases {
                guard let literal = literal(item.literal) else { return nil }
                resolved.append((item, literal))
            }
            let width = resolved[0].1.type
            var names: [String: SourceLocation] = [:]
            var values: [Int128: SourceLocation] = [:]
            for (item, literal) in resolved {
                if literal.type != width {
                    diagnostics.error(
                        item.literal.location,
                        "enum cases must share one width: '\(item.literal.value)' is \(literal.type.rawValue), the first case is \(width.rawValue)")
                    return nil
                }
                if let first = names[item.name.value] {
                    diagnostics.error(item.name.location, "duplicate enum case '\(item.name.value)'", notes: [Diagnostic(.note, first, "first defined here")])
                    return nil
                }
                if let first = values[literal.value] {
                    diagnostics.error(
                        item.literal.location, "enum value \(literal.value) is already used", notes: [Diagnostic(.note, first, "first used here")])
                    return nil
                }
                names[item.name.value] = item.name.location
                values[literal.value] = item.literal.location
            }
            if resolved.count == 1, let (item, literal) = resolved.first {
                return .integerConstant(IntegerConstant(name: item.name.value, width: literal.type, value: IntegerValue(literal.value), bytes: literal.bytes))
            }
            return .enumeration(
                EnumType(
                    width: width,
                    cases: resolved.map {
                        EnumCase(name: $0.0.name.value, value: IntegerValue($0.1.value), bytes: $0.1.bytes)
                    }))
        }
    }

    /// `f64`, `u32le`, `i16be`: the number type and its byte order (big-endian unless `le`).
    static func scalarType(_ name: String) -> (ScalarType, ByteOrder)? {
        if let scalar = ScalarType(rawValue: name) { return (scalar, .big) }
        for (suffix, order) in [("le", ByteOrder.little), ("be", .big)] where name.hasSuffix(suffix) {
            if let scalar = ScalarType(rawValue: String(name.dropLast(2))), scalar.byteCount > 1 { return (scalar, order) }
        }
        return nil
    }

    private mutating func literal(_ text: Located<String>) -> IntegerLiteral? {
        do { return try IntegerLiteral.parse(text.value) } catch {
            diagnostics.error(text.location, error.message)
            return nil
        }
    }

    // MARK: Patterns

    private mutating func resolvePattern(_ source: Located<String>, repetition: Repetition) -> FrameKind? {
        let translated: String
        let analysis: PatternAnalysis
        let automaton: ASCIIAutomaton?
        if let known = analysed[source.value] {
            (translated, analysis, automaton) = known
        } else {
            let translator = PatternTranslator(source.value)
            translated = translator.translated
            switch matcher.info(translated) {
            case .failure(let failure):
                let column = translator.originalOffset(ofByte: failure.byteOffset)
                diagnostics.error(source.location.advanced(by: column), "invalid pattern: \(failure.message)")
                return nil
            case .success(let info):
                analysis = PatternAnalysis(pattern: translated, groupNumbers: info.groupNumbers, matcher: matcher)
                automaton = ASCIIAutomaton(pattern: translated, captureCount: info.captureCount, matcher: matcher)
            }
            analysed[source.value] = (translated, analysis, automaton)
        }
        for hazard in analysis.hazards { diagnostics.warning(source.location, hazard) }
        if let literal = analysis.literal { return .textConstant(literal) }
        if repetition != .once && analysis.captures.count > 1 {
            diagnostics.error(source.location, "a repeated string frame may have at most one named capture (it becomes an array of that capture)")
            return nil
        }
        return .text(
            TextPattern(
                source: source.value, pcre: translated, captures: analysis.captures,
                template: analysis.template, example: analysis.example, asciiAutomaton: automaton))
    }

    // MARK: Subscriptions

    private mutating func subscription(_ message: MessageSyntax, frames: [Frame]) -> Subscription? {
        guard frames.count == 1, let frame = frames.first else {
            diagnostics.error(message.arrow.location, "a subscription is one frame: ZeroMQ matches a prefix of the first frame")
            return nil
        }
        let dynamic = frame.repetition == .zeroOrMore
        if frame.repetition == .oneOrMore {
            diagnostics.error(frame.location, "use '*' after a subscription frame to let the application add subscriptions; '+' has no meaning here")
            return nil
        }
        var prefix: [UInt8]?
        if let bytes = frame.kind.constantBytes {
            if dynamic {
                diagnostics.error(frame.location, "a constant subscription has nothing to choose at run time; remove the '*'")
                return nil
            }
            prefix = bytes
        } else if !dynamic {
            diagnostics.error(
                frame.location, "a subscription without '*' is made when the socket opens, so it must be a constant; add '*' to subscribe at run time")
            return nil
        }
        var fixed = frame
        fixed.repetition = .once
        return Subscription(
            frame: fixed, fields: FieldLayout.fields(of: [fixed]), isDynamic: dynamic, prefix: prefix,
            documentation: message.documentation, location: message.arrow.location)
    }
}
