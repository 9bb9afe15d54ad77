import SeededRandom

@testable import ZSchemaCore

/// Random valid schemas whose names come from a pool of trouble: Swift keywords, standard-library
/// and runtime type names, and the generated code's own parameters, locals and members.
struct RandomSchemas {
    /// Names for fields, captures, enum cases, sockets and service roles.
    static let memberNames = [
        "class", "default", "protocol", "self", "Self", "Type", "init", "in", "for", "return", "some", "any", "try",
        "writer", "frames", "reader", "cursor", "element", "dontWait", "peer", "message", "failures", "context", "configure",
        "frame", "state", "byte", "accepts", "pattern1Check", "precheck",
        "value", "text", "text2", "messageName", "encode", "pattern1", "constant1", "send", "reply", "subscribe", "close",
        "String", "Int", "FrameReader", "FrameCursor", "rawValue", "allCases", "hashValue", "Frames", "Writer", "Outgoing",
        "Swift", "ZSchemaRuntime", "_x", "a_b", "aB", "userID", "get", "set", "Void", "error", "count", "socket",
    ]
    /// Names for messages and constants.
    static let typeNames = [
        "Tick", "String", "FrameReader", "FrameCursor", "FrameWriter", "Result", "Optional", "Array", "Publisher", "Router", "ZMQSocket",
        "ZMQContext", "RawMessage", "class", "Type", "Self", "Any", "Protocol", "Frames", "Writer", "Int", "Double", "Bool",
        "UInt8", "Sendable", "Hashable", "CaseIterable", "GeneratedForRuntime", "ZSchemaGeneratedCodeVersion3",
        "ZSchemaGeneratedCodeVersion4", "ZSchemaGeneratedCodeVersion5", "FramePatternPrecheck", "UnsafeRawBufferPointer", "Pattern1Check", "Pattern2Check",
        "MessageSending", "TickPublisher", "Swift", "ZSchemaRuntime", "Error", "Never", "Void", "Duration", "RoutingEnvelope",
        "SocketMonitor", "FramePattern", "MessageDecodingError", "Pusher", "Requester", "default", "self",
    ]

    /// A pattern from the pool: its text for given capture names, and valid values.
    struct PatternShape: Sendable {
        let captures: Int
        let make: @Sendable ([String]) -> String
        /// A value for each capture, nil for an absent optional one.
        let values: [String?]
        /// A valid whole frame, for patterns exposed as their whole text.
        let whole: String
    }

    static let patterns: [PatternShape] = [
        PatternShape(captures: 1, make: { "(?<\($0[0])>[a-z]+)" }, values: ["abc"], whole: "abc"),
        PatternShape(captures: 2, make: { #"(?<\#($0[0])>\d+)(?:-(?<\#($0[1])>[A-Z]+))?"# }, values: ["12", "AB"], whole: "12-AB"),
        PatternShape(captures: 2, make: { #"(?<\#($0[0])>\w+)\x1f(?<\#($0[1])>[^\x1f]+)"# }, values: ["u", "hi there"], whole: "u\u{1F}hi there"),
        PatternShape(captures: 1, make: { "x(?<\($0[0])>[0-9]{2})y" }, values: ["42"], whole: "x42y"),
        PatternShape(captures: 3, make: { #"(?<\#($0[0])>[a-z]+)(?:\.(?<\#($0[1])>[a-z]+)=(?<\#($0[2])>\d+))?"# }, values: ["a", nil, nil], whole: "a"),
        PatternShape(captures: 0, make: { _ in "[a-z]+|[0-9]+" }, values: [], whole: "abc"),
        PatternShape(captures: 0, make: { _ in #"\w+"# }, values: [], whole: "w0rd"),
        PatternShape(captures: 1, make: { "(?<\($0[0])>a|b)" }, values: [nil], whole: "b"),
    ]

    /// The pool's shape that `pattern` was made from.
    static func shape(of pattern: TextPattern) -> PatternShape? {
        let names = pattern.captures.map(\.name)
        return patterns.first { $0.captures == names.count && $0.make(names) == pattern.source }
    }

    private var random: SplitMix64
    /// Message and constant names used so far in the compilation, so no two schemas define one
    /// name differently.
    private var usedNames = Set<String>()
    private var port = 20_000
    private var number = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// A name from `pool` not used before in the compilation.
    private mutating func fresh(_ pool: [String]) -> String {
        number += 1
        var name = chance(75) ? pick(pool) : "N\(number)"
        if usedNames.contains(name) { name += "\(number)" }
        usedNames.insert(name)
        return name
    }

    /// `count` distinct names for the members of one message or enum.
    private mutating func distinct(_ count: Int, _ filter: (String) -> Bool = { _ in true }) -> [String] {
        var names: [String] = []
        let pool = Self.memberNames.filter(filter)
        while names.count < count {
            let name = chance(85) ? pick(pool) : "f\(names.count)"
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func isCaptureName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// A schema with one or two services; `index` keeps its services and ports apart from the
    /// other schemas of the compilation.
    mutating func schema(_ index: Int) -> String {
        var text = "# Random schema \(index).\n"
        for service in 0..<Int.random(in: 1...2, using: &random) {
            let role = chance(30) ? "" : "." + pick(Self.memberNames.filter { $0.allSatisfy { $0.isLetter || $0 == "_" } })
            text += "sys\(index)x\(service)\(role) (Random)\n"
            for _ in 0..<Int.random(in: 1...4, using: &random) { text += socket() }
        }
        return text
    }

    private mutating func socket() -> String {
        let kind = pick(SocketKind.allCases)
        port += 1
        var text = "  \(kind.rawValue) tcp://*:\(port)"
        if chance(25) { text += " as " + pick(Self.memberNames) }
        text += "\n"
        let arrows: [String] =
            switch kind {
            case .PUB, .XPUB: ["<<"]
            case .SUB, .XSUB: ["?>"]
            case .PUSH: ["<-"]
            case .PULL: ["->"]
            case .REQ, .REP, .DEALER, .ROUTER, .PAIR, .STREAM: ["<-", "->"]
            }
        for arrow in arrows {
            if arrow == "?>" {
                if chance(50) {
                    text += "    ?> [ \"\" ]\n"
                } else {
                    let shape = pick(Self.patterns.filter { $0.captures == 1 })
                    text += "    ?> [ \"\(shape.make(distinct(1, Self.isCaptureName)))\" ]*\n"
                }
                continue
            }
            for _ in 0..<Int.random(in: 0...2, using: &random) { text += "    \(arrow) " + message() + "\n" }
        }
        if chance(15) { text += "  PAIR inproc://monitor.\(pick(["a", "sys"])).\(kind.rawValue.lowercased())\n" }
        return text
    }

    private mutating func message() -> String {
        let name = chance(60) ? fresh(Self.typeNames) + " " : ""
        let count = Int.random(in: 1...5, using: &random)
        let names = distinct(count * 3)
        var frames: [String] = []
        var repeated = false
        var constant = false
        for index in 0..<count {
            var (frame, canRepeat) = self.frame(Array(names[(index * 3)..<(index * 3 + 3)]), constantAllowed: !constant)
            if frame.contains(" = "), !frame.contains("|") { constant = true }
            if !repeated, canRepeat, chance(20) {
                repeated = true
                frame += pick(["+", "*"])
            }
            frames.append(frame)
        }
        return name + frames.joined(separator: " ")
    }

    /// A frame whose field names come from `names`, and whether it may repeat.
    private mutating func frame(_ names: [String], constantAllowed: Bool) -> (String, Bool) {
        let field = names[0]
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1:
            let type = pick(["u8", "i8", "u16", "i16le", "u32be", "i32", "u64le", "i64", "f32le", "f64", "bool", "u16be", "f32"])
            return ("[ \(field) :\(type) ]", true)
        case 2: return ("[ \(field) :string ]", true)
        case 3: return ("[ \(field) :bytes ]", true)
        case 4:
            let suffix = pick(["uy", "y", "us", "s", "", "u", "UL", "L"])
            let body = distinct(Int.random(in: 2...3, using: &random)).enumerated().map { "\($1) = \($0 + 1)\(suffix)" }
            return ("[ \(field) :(\(body.joined(separator: " | "))) ]", true)
        case 5 where constantAllowed:
            return ("[ \(field) :\(fresh(Self.typeNames.filter(Self.isCaptureName))) = 3\(pick(["uy", "us", "UL", "L"])) ]", false)
        default:
            let shape = pick(Self.patterns)
            let captures = Array(names.filter(Self.isCaptureName).prefix(shape.captures))
            guard captures.count == shape.captures else { return ("[ \(field) :u8 ]", true) }
            return ("[ \"\(shape.make(captures))\" ]", shape.captures <= 1)
        }
    }
}

/// Writes Swift that builds each message of a checked model from valid values, encodes it,
/// decodes it and compares.
enum RoundTripWriter {
    /// A function `name()` returning how many messages round-tripped; it stops the program at
    /// the first that does not.
    static func function(_ name: String, ir: SchemaIR, names: SwiftNames) -> String {
        var body = ""
        for message in ir.messages {
            guard let own = names.messages[message.name], let arguments = arguments(message, own) else { continue }
            let type = SwiftIdentifier.escaped(own.type)
            body += """
                    do {
                        let sent = \(type)(\(arguments))
                        let received = try \(type)(frames: try sent.encode())
                        if received != sent { fatalError("\(message.name) did not round-trip: \\(sent) became \\(received)") }
                        count += 1
                    }

                """
        }
        return "public func \(name)() throws -> Swift.Int {\n    var count = 0\n\(body)    return count\n}\n"
    }

    /// The initializer's arguments with valid values, or nil when no value is known.
    private static func arguments(_ message: Message, _ own: SwiftNames.Message) -> String? {
        var parts: [String] = []
        for (index, field) in message.fields.enumerated() {
            guard let value = value(message, field, own) else { return nil }
            let element = field.isArray ? "[\(value)]" : value
            parts.append("\(SwiftIdentifier.label(own.fields[index])): \(element)")
        }
        return parts.joined(separator: ", ")
    }

    private static func value(_ message: Message, _ field: Field, _ own: SwiftNames.Message) -> String? {
        let frame = message.frames[field.frame]
        switch (field.source, frame.kind) {
        case (.value, .scalar(.bool, _)): return "true"
        case (.value, .scalar(.f32, _)), (.value, .scalar(.f64, _)): return "1.5"
        case (.value, .scalar): return "7"
        case (.value, .string): return "\"s p\""
        case (.value, .bytes): return "[0, 255]"
        case (.value, .enumeration): return own.enums[field.frame]?.cases.last.map { ".`\($0)`" }
        case (.capture, .text(let pattern)):
            guard let shape = RandomSchemas.shape(of: pattern),
                let position = pattern.captures.firstIndex(where: { $0.name == field.name })
            else { return nil }
            return shape.values[position].map(SwiftLiteral.string) ?? (field.isOptional ? "nil" : nil)
        case (.wholeText, .text(let pattern)):
            return RandomSchemas.shape(of: pattern).map { SwiftLiteral.string($0.whole) }
        default: return nil
        }
    }
}
