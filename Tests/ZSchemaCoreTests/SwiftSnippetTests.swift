import Testing

@testable import ZSchemaCore

/// Snippet tests of the Swift backend: a small schema in, the exact Swift of one declaration
/// out, for each access level.
@Suite("Swift backend snippets")
struct SwiftSnippetTests {
    static let schema = """
        a.b
          PUSH tcp://*:1
          # One reading.
          <- Ping [ "(?name:[a-z]+)(?:=(?value:\\d+))?" ] [ n :u16le ]+
          PULL tcp://*:2
          -> [ kind :(ON = 1uy | OFF = 0uy) ]
        """

    /// The declaration that starts with `start` (and the documentation above it), to its
    /// closing brace at the start of a line.
    private func declaration(_ start: String, access: AccessLevel) throws -> String {
        let file = SourceFile(path: "s.zschema", text: Self.schema)
        let result = Compilation.check([file], accessLevel: access)
        try #require(!result.hasErrors, "\(result.diagnostics)")
        let lines = result.generator.generate(file: file).split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.hasPrefix(start) }, "no line starts with \(start)")
        var top = first
        while top > 0, lines[top - 1].hasPrefix("///") { top -= 1 }
        let end = try #require(lines[first...].firstIndex { $0 == "}" })
        return lines[top...end].joined(separator: "\n") + "\n"
    }

    @Test("a message struct, public: inlinable codecs")
    func messagePublic() throws {
        #expect(
            try declaration("public struct Ping", access: .public) == """
                /// One reading.
                ///
                /// Frames on the wire:
                /// 1. `[ \\"(?name:[a-z]+)(?:=(?value:\\\\d+))?\\" ]`
                /// 2. `[ n :u16le ]+`
                ///
                /// Generated from s.zschema:4.
                public struct Ping: ZSchemaMessage, Hashable {
                    public static var messageName: String { "Ping" }

                    /// Frame 1: the capture `name`.
                    public var name: String

                    /// Frame 1: the capture `value` (absent when its optional part is).
                    public var value: String?

                    /// Frames from 2 on: `n`, u16 little-endian.
                    public var n: [UInt16]

                    /// Creates a message from its fields.
                    public init(name: String, value: String? = nil, n: [UInt16]) {
                        self.name = name
                        self.value = value
                        self.n = n
                    }

                    @usableFromInline static let pattern1 = FramePattern(generated: "(?<name>[a-z]+)(?:=(?<value>\\\\d+))?")

                    /// Decodes the message from `frames`, checking every frame against the schema.
                    @inlinable
                    public init<Frames: FrameSequence>(frames: borrowing Frames) throws(MessageDecodingError) {
                        var cursor = try FrameCursor(frames, message: Self.messageName, frameCount: 2...Int.max)
                        let frame1 = try cursor.match(Self.pattern1, from: frames, field: "name")
                        self.name = frame1.required(1)
                        self.value = frame1.optional(2)
                        var nElements: [UInt16] = []
                        nElements.reserveCapacity(cursor.remaining(in: frames) - 0)
                        while cursor.remaining(in: frames) > 0 {
                            nElements.append(try cursor.littleEndianInteger(UInt16.self, from: frames, field: "n"))
                        }
                        self.n = nElements
                    }

                    /// Writes the message's frames, checking string frames against their patterns first.
                    @inlinable
                    public func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
                        var text1 = ""
                        text1 += self.name
                        if let value = self.value {
                            text1 += "="
                            text1 += value
                        }
                        try Self.pattern1.validate(text1, expected: [(group: 1, value: self.name), (group: 2, value: self.value)], message: Self.messageName, field: "name")
                        writer.append(string: text1)
                        guard !self.n.isEmpty else {
                            throw MessageEncodingError(message: Self.messageName, field: "n", reason: .emptyRepetition)
                        }
                        for element in self.n {
                            writer.append(littleEndianInteger: element)
                        }
                    }
                }
                """ + "\n")
    }

    @Test("a message struct, internal")
    func messageInternal() throws {
        #expect(
            try declaration("struct Ping", access: .internal) == """
                /// One reading.
                ///
                /// Frames on the wire:
                /// 1. `[ \\"(?name:[a-z]+)(?:=(?value:\\\\d+))?\\" ]`
                /// 2. `[ n :u16le ]+`
                ///
                /// Generated from s.zschema:4.
                struct Ping: ZSchemaMessage, Hashable {
                    static var messageName: String { "Ping" }

                    /// Frame 1: the capture `name`.
                    var name: String

                    /// Frame 1: the capture `value` (absent when its optional part is).
                    var value: String?

                    /// Frames from 2 on: `n`, u16 little-endian.
                    var n: [UInt16]

                    /// Creates a message from its fields.
                    init(name: String, value: String? = nil, n: [UInt16]) {
                        self.name = name
                        self.value = value
                        self.n = n
                    }

                    @usableFromInline static let pattern1 = FramePattern(generated: "(?<name>[a-z]+)(?:=(?<value>\\\\d+))?")

                    /// Decodes the message from `frames`, checking every frame against the schema.
                    init<Frames: FrameSequence>(frames: borrowing Frames) throws(MessageDecodingError) {
                        var cursor = try FrameCursor(frames, message: Self.messageName, frameCount: 2...Int.max)
                        let frame1 = try cursor.match(Self.pattern1, from: frames, field: "name")
                        self.name = frame1.required(1)
                        self.value = frame1.optional(2)
                        var nElements: [UInt16] = []
                        nElements.reserveCapacity(cursor.remaining(in: frames) - 0)
                        while cursor.remaining(in: frames) > 0 {
                            nElements.append(try cursor.littleEndianInteger(UInt16.self, from: frames, field: "n"))
                        }
                        self.n = nElements
                    }

                    /// Writes the message's frames, checking string frames against their patterns first.
                    func encode<Writer: FrameWriter>(into writer: inout Writer) throws(MessageEncodingError) {
                        var text1 = ""
                        text1 += self.name
                        if let value = self.value {
                            text1 += "="
                            text1 += value
                        }
                        try Self.pattern1.validate(text1, expected: [(group: 1, value: self.name), (group: 2, value: self.value)], message: Self.messageName, field: "name")
                        writer.append(string: text1)
                        guard !self.n.isEmpty else {
                            throw MessageEncodingError(message: Self.messageName, field: "n", reason: .emptyRepetition)
                        }
                        for element in self.n {
                            writer.append(littleEndianInteger: element)
                        }
                    }
                }
                """ + "\n")
    }

    @Test("a sending method, public")
    func sendingPublic() throws {
        #expect(
            try declaration("extension MessageSending where Outgoing == Ping", access: .public) == """
                extension MessageSending where Outgoing == Ping {
                    /// Sends a ``Ping`` built from its fields.
                    public func send(name: String, value: String? = nil, n: [UInt16], dontWait: Bool = false) throws {
                        try self.send(Ping(name: name, value: value, n: n), dontWait: dontWait)
                    }
                }
                """ + "\n")
    }

    @Test("a sending method, internal")
    func sendingInternal() throws {
        #expect(
            try declaration("extension MessageSending where Outgoing == Ping", access: .internal) == """
                extension MessageSending where Outgoing == Ping {
                    /// Sends a ``Ping`` built from its fields.
                    func send(name: String, value: String? = nil, n: [UInt16], dontWait: Bool = false) throws {
                        try self.send(Ping(name: name, value: value, n: n), dontWait: dontWait)
                    }
                }
                """ + "\n")
    }

    @Test(
        "codecs of messages of up to 8 single frames are always inlined; longer ones and repeated frames are left to the optimizer",
        arguments: [AccessLevel.public, .internal])
    func alwaysInlinedCodecs(access: AccessLevel) throws {
        func codecAttributes(frames: Int, repeated: Bool = false) throws -> [String] {
            let fields = (1...frames).map { "[ f\($0) :u8 ]" + ($0 == frames && repeated ? "+" : "") }.joined(separator: " ")
            let file = SourceFile(path: "s.zschema", text: "a.b\n  PUSH tcp://*:1\n  <- M [ \"(?s:[a-z]+)\" ] \(fields)\n")
            let result = Compilation.check([file], accessLevel: access)
            try #require(!result.hasErrors, "\(result.diagnostics)")
            let lines = result.generator.generate(file: file).split(separator: "\n").map { $0.trimmingPrefix(while: \.isWhitespace) }
            // The attribute lines right above the decoder and the encoder.
            var attributes: [String] = []
            for start in ["init<", "func encode<"] {
                let line = try #require(lines.firstIndex { $0.hasPrefix(access.prefix + start) }, "no \(start)")
                attributes.append(lines[..<line].reversed().prefix { $0.hasPrefix("@") }.reversed().joined(separator: " "))
            }
            return attributes
        }
        let inlined = access == .public ? "@inlinable @inline(__always)" : "@inline(__always)"
        let optimizer = access == .public ? "@inlinable" : ""
        // A pattern frame and 7 more frames: 8 in all.
        #expect(try codecAttributes(frames: 7) == [inlined, inlined])
        #expect(try codecAttributes(frames: 8) == [optimizer, optimizer])
        #expect(try codecAttributes(frames: 2, repeated: true) == [optimizer, optimizer])
    }

    @Test("a socket type alias too long for a line breaks inside its generic arguments, as swift-format breaks it")
    func longTypeAlias() throws {
        let name = "Reading" + String(repeating: "Long", count: 16)
        let file = SourceFile(path: "s.zschema", text: "a.b\n  PUB tcp://*:1\n  << \(name) [ n :u8 ]\n")
        let result = Compilation.check([file], accessLevel: .public)
        try #require(!result.hasErrors, "\(result.diagnostics)")
        let text = result.generator.generate(file: file)
        #expect(
            text.contains(
                """
                public typealias \(name)Publisher = Publisher<
                    \(name)
                >
                """))
        // Code, that is: swift-format leaves the length of comments alone.
        let code = text.split(separator: "\n").filter { !$0.trimmingPrefix(while: \.isWhitespace).hasPrefix("//") }
        let longest = code.map(\.count).max() ?? 0
        #expect(longest <= CodeWriter.lineLimit, "a generated line of code has \(longest) characters")
    }
}
