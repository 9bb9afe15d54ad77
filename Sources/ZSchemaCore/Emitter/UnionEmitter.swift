/// Emits the enum for several messages that share one direction of a socket.
struct UnionEmitter {
    let union: MessageUnion
    let access: AccessLevel

    private var pub: String { access.prefix }

    func emit(into writer: inout CodeWriter) {
        writer.documentation([
            "One of the messages \(union.messages.map { "``\($0)``" }.joined(separator: ", ")).", "",
            "Decoding tries them in this order and takes the first that fits.", "",
            "Generated from \(union.location.provenance).",
        ])
        writer.block("\(pub)enum \(union.name): ZSchemaMessage, Hashable") { writer in
            for name in union.messages {
                writer.line("case \(SwiftNaming.memberName(name))(\(name))")
            }
            writer.line()
            writer.line("\(pub)static let messageName = \(SwiftLiteral.string(union.name))")
            writer.line()
            writer.documentation(["Decodes whichever alternative fits `frames`."])
            writer.block("\(pub)init<Frames: FrameSequence>(frames: Frames) throws(MessageDecodingError)") { writer in
                writer.line("var failures: [MessageDecodingError] = []")
                for name in union.messages {
                    writer.line("do {")
                    writer.indented { writer in
                        writer.line("self = .\(SwiftNaming.memberName(name))(try \(name)(frames: frames))")
                        writer.line("return")
                    }
                    writer.line("} catch {")
                    writer.indented { $0.line("failures.append(error)") }
                    writer.line("}")
                }
                writer.line("throw MessageDecodingError(message: Self.messageName, frame: nil, field: nil, reason: .noAlternativeMatched(failures))")
            }
            writer.line()
            writer.documentation(["Writes the frames of the alternative this value holds."])
            writer.block("\(pub)func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError)") { writer in
                writer.line("switch self {")
                for name in union.messages {
                    writer.line("case .\(SwiftNaming.memberName(name))(let message):")
                    writer.indented { $0.line("try message.encode(into: &writer)") }
                }
                writer.line("}")
            }
        }
    }
}
