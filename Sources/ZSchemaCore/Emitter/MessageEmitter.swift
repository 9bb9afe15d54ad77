/// Emits one message struct: fields, memberwise initializer, decoder and encoder.
struct MessageEmitter {
    let message: Message
    let access: AccessLevel
    let fields: [FieldSpec]

    init(_ message: Message, access: AccessLevel) {
        self.message = message
        self.access = access
        self.fields = FieldLayout.fields(of: message.frames)
    }

    private var pub: String { access.prefix }

    func emit(into writer: inout CodeWriter) {
        writer.documentation(message.documentation + (message.documentation.isEmpty ? [] : [""]) + wireDocumentation())
        writer.block("\(pub)struct \(message.name): ZSchemaMessage, Hashable") { writer in
            writer.line("\(pub)static let messageName = \(SwiftLiteral.string(message.name))")
            for enumFrame in enumFrames() {
                writer.line()
                emitEnum(enumFrame.frame, type: enumFrame.type, into: &writer)
            }
            for field in fields {
                writer.line()
                writer.documentation([fieldDocumentation(field)])
                writer.line("\(pub)var \(SwiftNaming.escaped(field.name)): \(swiftType(field))")
            }
            writer.line()
            emitInitializer(into: &writer)
            emitStatics(into: &writer)
            writer.line()
            emitDecoder(into: &writer)
            writer.line()
            emitEncoder(into: &writer)
        }
    }

    // MARK: Documentation

    private func wireDocumentation() -> [String] {
        var lines = ["Frames on the wire:"]
        for (index, frame) in message.frames.enumerated() {
            lines.append("\(index + 1). `\(SwiftLiteral.inline(frameSource(frame)))`")
        }
        lines += ["", "Generated from \(message.location.provenance)."]
        return lines
    }

    private func frameSource(_ frame: Frame) -> String {
        let body: String = switch frame.kind {
        case .text(let pattern): "\"\(pattern.source)\""
        case .constant(let constant) where constant.width == nil: "\"\(constant.value)\""
        case .constant(let constant): "\(frame.name ?? "") :\(constant.name ?? "") = \(constant.value) (\(constant.width?.rawValue ?? ""))"
        case .scalar(let type): "\(frame.name ?? "") :\(type.rawValue)"
        case .string: "\(frame.name ?? "") :string"
        case .bytes: "\(frame.name ?? "") :bytes"
        case .enumeration(let type): "\(frame.name ?? "") :(" + type.cases.map { "\($0.name) = \($0.value)" }.joined(separator: " | ") + ") (\(type.width.rawValue))"
        }
        return "[ \(body) ]\(frame.repetition.rawValue)"
    }

    private func fieldDocumentation(_ field: FieldSpec) -> String {
        let frame = message.frames[field.frame]
        let position = frame.repetition == .once ? "Frame \(field.frame + 1)" : "Frames from \(field.frame + 1) on"
        switch field.source {
        case .typed:
            if case .enumeration = frame.kind { return "\(position): `\(field.schemaName)`, one of ``\(enumTypeName(field.schemaName))``." }
            if case .scalar(let type) = frame.kind { return "\(position): `\(field.schemaName)`, \(type.rawValue)\(type == .bool ? "" : " big-endian")." }
            return "\(position): `\(field.schemaName)`."
        case .capture:
            return "\(position): the capture `\(field.schemaName)`\(field.isOptional ? " (absent when its optional part is)" : "")."
        case .wholeText:
            return "\(position): the whole text, which must match the frame's pattern."
        }
    }

    // MARK: Types

    private func enumTypeName(_ field: String) -> String { SwiftNaming.typeName(field) }


    private func enumFrames() -> [(frame: Frame, type: EnumType)] {
        message.frames.compactMap { frame in
            if case .enumeration(let type) = frame.kind { (frame, type) } else { nil }
        }
    }

    private func emitEnum(_ frame: Frame, type: EnumType, into writer: inout CodeWriter) {
        let name = enumTypeName(frame.name ?? "value")
        writer.documentation(["The values of `\(frame.name ?? "")`, one \(type.width.rawValue) on the wire."])
        writer.block("\(pub)enum \(name): \(type.width.swiftType), Sendable, Hashable, CaseIterable") { writer in
            for item in type.cases {
                writer.line("case \(SwiftNaming.memberName(item.name)) = \(item.value)")
            }
        }
    }

    private func swiftType(_ field: FieldSpec) -> String { Self.swiftType(of: field, in: message) }

    /// A function's parameters for every field of `message` (`symbol: String, msg: String? = nil`)
    /// and the arguments that pass them on to its initializer (`symbol: symbol, msg: msg`).
    static func fieldParameters(of message: Message) -> (declaration: String, arguments: String) {
        let fields = FieldLayout.fields(of: message.frames)
        let declaration = fields.map { field in
            "\(field.name): \(swiftType(of: field, in: message, qualified: true))\(field.isOptional ? " = nil" : "")"
        }
        let arguments = fields.map { "\($0.name): \(SwiftNaming.escaped($0.name))" }
        return (declaration.joined(separator: ", "), arguments.joined(separator: ", "))
    }

    /// The Swift type of a field: `Double`, `String?`, `[String]`, or the nested enum, written
    /// `Message.Enum` when `qualified` (for use outside the struct).
    static func swiftType(of field: FieldSpec, in message: Message, qualified: Bool = false) -> String {
        let element: String = switch (field.source, message.frames[field.frame].kind) {
        case (.typed, .scalar(let type)): type.swiftType
        case (.typed, .bytes): "[UInt8]"
        case (.typed, .enumeration): (qualified ? message.name + "." : "") + SwiftNaming.typeName(field.schemaName)
        default: "String"
        }
        return field.isArray ? "[\(element)]" : field.isOptional ? "\(element)?" : element
    }

    // MARK: Initializer and statics

    private func emitInitializer(into writer: inout CodeWriter) {
        writer.documentation(["Creates a message from its fields."])
        let parameters = fields.map { field in
            "\(field.name): \(swiftType(field))\(field.isOptional ? " = nil" : "")"
        }.joined(separator: ", ")
        guard !fields.isEmpty else {
            writer.line("\(pub)init() {}")
            return
        }
        writer.block("\(pub)init(\(parameters))") { writer in
            for field in fields { writer.line("self.\(field.name) = \(SwiftNaming.escaped(field.name))") }
        }
    }

    private func emitStatics(into writer: inout CodeWriter) {
        for (index, frame) in message.frames.enumerated() {
            switch frame.kind {
            case .text(let pattern):
                writer.line()
                writer.line("@usableFromInline static let pattern\(index + 1) = FramePattern(generated: \(SwiftLiteral.string(pattern.pcre)))")
            case .constant(let constant):
                writer.line()
                writer.line("@usableFromInline static let constant\(index + 1): [UInt8] = \(SwiftLiteral.bytes(constant.bytes))")
            default:
                continue
            }
        }
    }

    /// Public codecs are `@inlinable`, so callers in other modules get them specialized for
    /// their frame types instead of going through generic witness tables per frame.
    private func inlinable(_ writer: inout CodeWriter) {
        if access == .public { writer.line("@inlinable") }
    }

    // MARK: Decoder

    private var frameCountRange: String {
        let fixed = message.frames.filter { $0.repetition == .once }.count
        if let repeated = message.frames.first(where: { $0.repetition != .once }) {
            return "\(fixed + (repeated.repetition == .oneOrMore ? 1 : 0))...Int.max"
        }
        return "\(fixed)...\(fixed)"
    }

    private func emitDecoder(into writer: inout CodeWriter) {
        writer.documentation(["Decodes the message from `frames`, checking every frame against the schema."])
        inlinable(&writer)
        writer.block("\(pub)init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError)") { writer in
            writer.line("var reader = try FrameReader(frames, message: Self.messageName, frameCount: \(frameCountRange))")
            for (index, frame) in message.frames.enumerated() {
                let frameFields = fields.filter { $0.frame == index }
                if frame.repetition != .once {
                    let trailing = message.frames.count - index - 1
                    let field = frameFields[0]
                    writer.line("var \(field.name)Elements: \(swiftType(field)) = []")
                    writer.line("\(field.name)Elements.reserveCapacity(reader.remaining - \(trailing))")
                    writer.block("while reader.remaining > \(trailing)") { writer in
                        writer.line("\(field.name)Elements.append(\(readExpression(frame, index: index, field: field)))")
                    }
                    writer.line("self.\(field.name) = \(field.name)Elements")
                    continue
                }
                switch frame.kind {
                case .constant:
                    let label = frame.name.map(SwiftLiteral.string) ?? "nil"
                    writer.line("try reader.constant(Self.constant\(index + 1), field: \(label))")
                case .text where !FieldLayout.isWholeText(frame) && frameFields.count == 1 && !frameFields[0].isOptional:
                    guard case .capture(let group) = frameFields[0].source else { break }
                    let field = frameFields[0]
                    writer.line("self.\(field.name) = try reader.capture(Self.pattern\(index + 1), group: \(group), field: \(SwiftLiteral.string(field.schemaName)))")
                case .text where !FieldLayout.isWholeText(frame):
                    let label = frameFields.first.map { SwiftLiteral.string($0.schemaName) } ?? "nil"
                    writer.line("let frame\(index + 1) = try reader.match(Self.pattern\(index + 1), field: \(label))")
                    for field in frameFields {
                        guard case .capture(let group) = field.source else { continue }
                        writer.line("self.\(field.name) = frame\(index + 1).\(field.isOptional ? "optional" : "required")(\(group))")
                    }
                default:
                    let field = frameFields[0]
                    writer.line("self.\(field.name) = \(readExpression(frame, index: index, field: field))")
                }
            }
        }
    }

    private func readExpression(_ frame: Frame, index: Int, field: FieldSpec) -> String {
        let label = SwiftLiteral.string(field.schemaName)
        switch frame.kind {
        case .scalar(.f64): return "try reader.double(field: \(label))"
        case .scalar(.f32): return "try reader.float(field: \(label))"
        case .scalar(.bool): return "try reader.bool(field: \(label))"
        case .scalar(let type): return "try reader.integer(\(type.swiftType).self, field: \(label))"
        case .string: return "try reader.string(field: \(label))"
        case .bytes: return "try reader.bytes(field: \(label))"
        case .enumeration: return "try reader.enumeration(\(enumTypeName(field.schemaName)).self, field: \(label))"
        case .text where FieldLayout.isWholeText(frame):
            return "try reader.text(matching: Self.pattern\(index + 1), field: \(label))"
        case .text:
            guard case .capture(let group) = field.source else { return "" }
            return "try reader.capture(Self.pattern\(index + 1), group: \(group), field: \(label))"
        case .constant:
            return ""
        }
    }

    // MARK: Encoder

    private func emitEncoder(into writer: inout CodeWriter) {
        writer.documentation(["Writes the message's frames, checking string frames against their patterns first."])
        inlinable(&writer)
        writer.block("\(pub)func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError)") { writer in
            for (index, frame) in message.frames.enumerated() {
                let frameFields = fields.filter { $0.frame == index }
                if frame.repetition != .once {
                    let field = frameFields[0]
                    if frame.repetition == .oneOrMore {
                        writer.block("guard !\(SwiftNaming.escaped(field.name)).isEmpty else") { writer in
                            writer.line("throw MessageEncodingError(message: Self.messageName, field: \(SwiftLiteral.string(field.schemaName)), reason: .emptyRepetition)")
                        }
                    }
                    writer.block("for element in \(SwiftNaming.escaped(field.name))") { writer in
                        emitWrite(frame, index: index, fields: frameFields, value: { _ in "element" }, into: &writer)
                    }
                    continue
                }
                emitWrite(frame, index: index, fields: frameFields, value: { SwiftNaming.escaped($0.name) }, into: &writer)
            }
        }
    }

    private func emitWrite(
        _ frame: Frame, index: Int, fields frameFields: [FieldSpec], value: (FieldSpec) -> String,
        into writer: inout CodeWriter
    ) {
        switch frame.kind {
        case .constant(let constant):
            if let width = constant.width {
                writer.line("writer.append(integer: \(width.swiftType)(\(constant.value)))")
            } else {
                writer.line("writer.append(string: \(SwiftLiteral.string(constant.value)))")
            }
        case .scalar(.f64): writer.line("writer.append(double: \(value(frameFields[0])))")
        case .scalar(.f32): writer.line("writer.append(float: \(value(frameFields[0])))")
        case .scalar(.bool): writer.line("writer.append(bool: \(value(frameFields[0])))")
        case .scalar: writer.line("writer.append(integer: \(value(frameFields[0])))")
        case .string: writer.line("writer.append(string: \(value(frameFields[0])))")
        case .bytes: writer.line("writer.append(bytes: \(value(frameFields[0])))")
        case .enumeration: writer.line("writer.append(integer: \(value(frameFields[0])).rawValue)")
        case .text(let pattern):
            let field = frameFields[0]
            let label = SwiftLiteral.string(field.schemaName)
            guard let template = pattern.template, !FieldLayout.isWholeText(frame) else {
                writer.line("try writer.append(string: \(value(field)), matching: Self.pattern\(index + 1), message: Self.messageName, field: \(label))")
                return
            }
            let names = Dictionary(frameFields.map { ($0.schemaName, value($0)) }, uniquingKeysWith: { a, _ in a })
            if template.count == 1, case .capture(let name, _) = template[0], let only = names[name] {
                writer.line("try writer.append(string: \(only), matching: Self.pattern\(index + 1), message: Self.messageName, field: \(label))")
                return
            }
            let text = "text\(index + 1)"
            writer.line("var \(text) = \"\"")
            emitTemplate(template, text: text, names: names, label: label, into: &writer)
            let expected = frameFields.compactMap { field -> String? in
                guard case .capture(let group) = field.source else { return nil }
                return "(group: \(group), value: \(value(field)))"
            }.joined(separator: ", ")
            writer.line("try Self.pattern\(index + 1).validate(\(text), expected: [\(expected)], message: Self.messageName, field: \(label))")
            writer.line("writer.append(string: \(text))")
        }
    }

    private func emitTemplate(
        _ parts: [TemplatePart], text: String, names: [String: String], label: String, into writer: inout CodeWriter
    ) {
        for part in parts {
            switch part {
            case .literal(let literal):
                writer.line("\(text) += \(SwiftLiteral.string(literal))")
            case .capture(let name, _):
                writer.line("\(text) += \(names[name] ?? name)")
            case .optional(let inner, let keys):
                let keyNames = keys.map { names[$0] ?? $0 }
                if keyNames.count == 1 {
                    writer.block("if let \(keyNames[0])") { writer in
                        emitTemplate(inner, text: text, names: names, label: label, into: &writer)
                    }
                } else {
                    writer.block("if " + keyNames.map { "\($0) != nil" }.joined(separator: " || ")) { writer in
                        writer.block("guard " + keyNames.map { "let \($0)" }.joined(separator: ", ") + " else") { writer in
                            writer.line("throw MessageEncodingError(message: Self.messageName, field: \(label), reason: .incompleteOptionalPart)")
                        }
                        emitTemplate(inner, text: text, names: names, label: label, into: &writer)
                    }
                }
            }
        }
    }
}
