/// Plans one message struct: its fields, nested enums, statics and one codec step per frame.
struct MessagePlanner {
    let names: SwiftNames
    let message: Message
    let own: SwiftNames.Message

    init(names: SwiftNames, message: Message, own: SwiftNames.Message) {
        self.names = names
        self.message = message
        self.own = own
    }

    func external(_ name: ExternalName) -> SwiftType { .named(names.external(name)) }

    func plan(documentation: [String]) -> MessagePlan {
        MessagePlan(
            type: own.type, wireName: own.type,
            documentation: documentation,
            conformances: [external(.zschemaMessage), external(.hashable)],
            enums: enums(), fields: fields(), statics: statics(),
            codec: CodecPlan(
                locals: own.codec, cursorType: external(.frameCursor), frameSequence: external(.frameSequence),
                frameWriter: external(.frameWriter), decodingError: external(.messageDecodingError),
                encodingError: external(.messageEncodingError), frameCount: frameCount(), intType: external(.int),
                decode: message.frames.indices.map(decodeStep), encode: message.frames.indices.compactMap(encodeStep),
                alwaysInline: alwaysInline))
    }

    /// The most frames a codec that is always inlined may have.
    static let inlineFrameLimit = 8

    /// Whether the codecs are inlined into every caller: a message of a few single frames,
    /// whose codec costs about as much as a call to it. Inlined into a reused buffer's encode,
    /// the writer stays in registers from frame to frame (a Tick through a `FrameBuffer` went
    /// from 377 to 225 instructions). A repeated frame's loop, or a longer message, is left to
    /// the optimizer, so that code size does not grow with every call site.
    private var alwaysInline: Bool {
        message.frames.count <= Self.inlineFrameLimit && message.frames.allSatisfy { $0.repetition == .once }
    }

    // MARK: Types

    /// The Swift type of field `index`; `qualified` writes a nested enum as `Message.Enum`.
    func fieldType(_ index: Int, qualified: Bool = false) -> SwiftType {
        let field = message.fields[index]
        let element: SwiftType =
            switch (field.source, message.frames[field.frame].kind) {
            case (.value, .scalar(let type, _)): scalarType(type)
            case (.value, .bytes): .array(external(.uint8))
            case (.value, .enumeration):
                qualified ? .member(.named(own.type), own.enums[field.frame]?.type ?? "") : .named(own.enums[field.frame]?.type ?? "")
            default: external(.string)
            }
        return field.isArray ? .array(element) : field.isOptional ? .optional(element) : element
    }

    func scalarType(_ type: ScalarType) -> SwiftType {
        let name: ExternalName =
            switch type {
            case .u8: .uint8
            case .i8: .int8
            case .u16: .uint16
            case .i16: .int16
            case .u32: .uint32
            case .i32: .int32
            case .u64: .uint64
            case .i64: .int64
            case .f32: .float
            case .f64: .double
            case .bool: .bool
            }
        return external(name)
    }

    private func enums() -> [EnumPlan] {
        message.frames.indices.compactMap { index in
            guard case .enumeration(let type) = message.frames[index].kind, let nested = own.enums[index] else { return nil }
            return EnumPlan(
                type: nested.type, rawType: scalarType(type.width),
                conformances: [external(.sendable), external(.hashable), external(.caseIterable)],
                documentation: ["The values of `\(message.frames[index].name ?? "")`, one \(type.width.rawValue) on the wire."],
                cases: zip(nested.cases, type.cases).map { ($0, $1.value) })
        }
    }

    private func fields() -> [FieldPlan] {
        message.fields.indices.map { index in
            FieldPlan(
                name: own.fields[index], type: fieldType(index), documentation: fieldDocumentation(index),
                isOptional: message.fields[index].isOptional)
        }
    }

    private func fieldDocumentation(_ index: Int) -> String {
        let field = message.fields[index]
        let frame = message.frames[field.frame]
        let position = frame.repetition == .once ? "Frame \(field.frame + 1)" : "Frames from \(field.frame + 1) on"
        switch (field.source, frame.kind) {
        case (.value, .enumeration):
            return "\(position): `\(field.name)`, one of ``\(own.enums[field.frame]?.type ?? "")``."
        case (.value, .scalar(let type, let order)):
            return "\(position): `\(field.name)`, \(type.rawValue)\(type.byteCount == 1 ? "" : order == .big ? " big-endian" : " little-endian")."
        case (.value, _):
            return "\(position): `\(field.name)`."
        case (.capture, _):
            return "\(position): the capture `\(field.name)`\(field.isOptional ? " (absent when its optional part is)" : "")."
        case (.wholeText, _):
            return "\(position): the whole text, which must match the frame's pattern."
        }
    }

    private func statics() -> [StaticPlan] {
        message.frames.indices.compactMap { index in
            guard let name = own.statics[index] else { return nil }
            switch message.frames[index].kind {
            case .text(let pattern): return .pattern(name: name, pcre: pattern.pcre)
            case .integerConstant, .textConstant: return .constant(name: name, bytes: message.frames[index].kind.constantBytes ?? [])
            default: return nil
            }
        } + checks()
    }

    private func checks() -> [StaticPlan] {
        message.frames.indices.compactMap { index in
            guard case .text(let pattern) = message.frames[index].kind, let automaton = pattern.asciiAutomaton,
                let name = own.checks[index], let patternName = own.statics[index]
            else { return nil }
            let types = (external(.unsafeRawBufferPointer), external(.bool), external(.framePatternPrecheck))
            let accepting = automaton.states.indices.filter { automaton.states[$0].isAccepting }
            return .check(CheckPlan(name: name, pattern: patternName, cases: Self.stateCases(automaton), accepting: accepting, types: types))
        }
    }

    /// The live states of `automaton` grouped by their arcs, in order of each group's first state.
    private static func stateCases(_ automaton: ASCIIAutomaton) -> [CheckPlan.StateCase] {
        var cases: [CheckPlan.StateCase] = []
        for (index, state) in automaton.states.enumerated() where index != 0 && !state.arcs.isEmpty {
            if let same = cases.firstIndex(where: { $0.arcs == state.arcs }) {
                cases[same].states.append(index)
            } else {
                cases.append(CheckPlan.StateCase(states: [index], arcs: state.arcs))
            }
        }
        return cases
    }

    // MARK: Codec

    private func frameCount() -> (minimum: Int, maximum: Int?) {
        let fixed = message.frames.filter { $0.repetition == .once }.count
        guard let repeated = message.frames.first(where: { $0.repetition != .once }) else { return (fixed, fixed) }
        return (fixed + (repeated.repetition == .oneOrMore ? 1 : 0), nil)
    }

    /// The fields of frame `index`, as indices into the message's fields.
    private func fieldIndices(ofFrame index: Int) -> [Int] {
        message.fields.indices.filter { message.fields[$0].frame == index }
    }

    private func decodeStep(_ index: Int) -> DecodeStep {
        let frame = message.frames[index]
        let fieldsHere = fieldIndices(ofFrame: index)
        if frame.kind.constantBytes != nil {
            return .constant(static: own.statics[index] ?? "", label: frame.name)
        }
        guard let first = fieldsHere.first else { return .constant(static: own.statics[index] ?? "", label: frame.name) }
        let label = message.fields[first].name
        if frame.repetition != .once {
            let trailing = message.frames.count - index - 1
            return .repeated(
                property: own.fields[first], elements: own.codec.elements[index] ?? "elements",
                type: fieldType(first), trailing: trailing, read: read(frame, index: index, field: first), label: label)
        }
        if case .text = frame.kind, !FieldLayout.isWholeText(frame), fieldsHere.count > 1 || message.fields[first].isOptional {
            let captures = fieldsHere.compactMap { field -> (property: String, group: Int, isOptional: Bool)? in
                guard case .capture(let group) = message.fields[field].source else { return nil }
                return (own.fields[field], group, message.fields[field].isOptional)
            }
            return .captures(local: own.codec.match[index] ?? "frame", pattern: own.statics[index] ?? "", label: label, fields: captures)
        }
        return .field(property: own.fields[first], read: read(frame, index: index, field: first), label: label)
    }

    private func read(_ frame: Frame, index: Int, field: Int) -> ReadOperation {
        let pattern = own.statics[index] ?? ""
        switch frame.kind {
        case .scalar(.f64, let order): return .double(order)
        case .scalar(.f32, let order): return .float(order)
        case .scalar(.bool, _): return .bool
        case .scalar(let type, let order): return .integer(scalarType(type), order)
        case .string: return .string
        case .bytes: return .bytes
        case .enumeration: return .enumeration(own.enums[index]?.type ?? "")
        case .text where FieldLayout.isWholeText(frame): return .wholeText(pattern: pattern, check: own.checks[index])
        case .text:
            guard case .capture(let group) = message.fields[field].source else { return .wholeText(pattern: pattern, check: own.checks[index]) }
            return .capture(pattern: pattern, group: group, check: own.checks[index])
        case .integerConstant, .textConstant: return .bytes
        }
    }

    private func encodeStep(_ index: Int) -> EncodeStep? {
        let frame = message.frames[index]
        switch frame.kind {
        case .integerConstant(let constant): return .integerConstant(scalarType(constant.width), constant.value)
        case .textConstant(let text): return .textConstant(text)
        default: break
        }
        let fieldsHere = fieldIndices(ofFrame: index)
        guard let first = fieldsHere.first else { return nil }
        guard frame.repetition != .once else {
            return frameStep(index, fieldsHere) { .property(own.fields[$0]) }
        }
        // Each element is written as the frame would be once, from the loop's local.
        let element = own.codec.element
        return .repeated(
            property: own.fields[first], element: element, requiresOne: frame.repetition == .oneOrMore,
            label: message.fields[first].name, body: frameStep(index, fieldsHere) { _ in .local(element) })
    }

    /// How frame `index` is written once, its fields' values coming from `source`.
    private func frameStep(_ index: Int, _ fieldsHere: [Int], _ source: (Int) -> ValueSource) -> EncodeStep {
        let frame = message.frames[index]
        let first = fieldsHere[0]
        let label = message.fields[first].name
        let pattern = own.statics[index] ?? ""
        guard case .text(let textPattern) = frame.kind, let template = textPattern.template, !FieldLayout.isWholeText(frame) else {
            return .write(write(frame, pattern: pattern, check: own.checks[index], label: label), source(first))
        }
        let values = Dictionary(fieldsHere.map { (message.fields[$0].name, source($0)) }, uniquingKeysWith: { a, _ in a })
        if template.count == 1, case .capture(let name, _) = template[0], let only = values[name] {
            return .write(.checkedText(pattern: pattern, check: own.checks[index], label: label), only)
        }
        let expected = fieldsHere.compactMap { field -> (group: Int, value: ValueSource)? in
            guard case .capture(let group) = message.fields[field].source else { return nil }
            return (group, source(field))
        }
        return .template(
            local: own.codec.text[index] ?? "text", parts: templateSteps(template, values, bound: []),
            pattern: pattern, expected: expected, label: label)
    }

    private func write(_ frame: Frame, pattern: String, check: String?, label: String) -> WriteOperation {
        switch frame.kind {
        case .scalar(.f64, let order): .double(order)
        case .scalar(.f32, let order): .float(order)
        case .scalar(.bool, _): .bool
        case .scalar(_, let order): .integer(order)
        case .string: .string
        case .bytes: .bytes
        case .enumeration: .enumeration
        case .text, .integerConstant, .textConstant: .checkedText(pattern: pattern, check: check, label: label)
        }
    }

    /// Template parts as steps; inside an optional part, its captures are unwrapped locals of the
    /// property's name.
    private func templateSteps(_ parts: [TemplatePart], _ values: [String: ValueSource], bound: Set<String>) -> [TemplateStep] {
        parts.map { part in
            switch part {
            case .literal(let text): return .literal(text)
            case .capture(let name, _):
                let value = values[name] ?? .local(name)
                if case .property(let property) = value, bound.contains(property) { return .value(.local(property)) }
                return .value(value)
            case .optional(let inner, let keys):
                let properties = keys.compactMap { key -> String? in
                    if case .property(let property)? = values[key] { property } else { nil }
                }
                return .optional(keys: properties, steps: templateSteps(inner, values, bound: bound.union(properties)))
            }
        }
    }
}
