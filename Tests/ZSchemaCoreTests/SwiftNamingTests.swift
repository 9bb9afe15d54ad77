import SeededRandom
import Testing

@testable import ZSchemaCore

/// The naming rule of docs/Language.md as a table: schema name in, Swift name out, for every
/// kind of name the generated code has.
@Suite("Swift naming rule")
struct SwiftNamingTests {
    /// The Swift names of one schema text, which must check clean.
    private func names(_ text: String) throws -> SwiftNames {
        let result = Compilation.check([SourceFile(path: "t.zschema", text: text)])
        try #require(!result.hasErrors, "\(result.diagnostics)")
        return result.generator.names
    }

    @Test(
        "spelling: types in UpperCamelCase from words, written names kept",
        arguments: [
            ("tickz.server", "TickzServer"), ("my_app.v2", "MyAppV2"), ("START", "Start"), ("SELL_ALL", "SellAll"),
            ("valuz.reduce.pull.in", "ValuzReducePullIn"), ("userID", "UserId"), ("HTTPServer", "HttpServer"), ("class", "class_"), ("Type", "Type_"),
        ])
    func typeSpelling(_ name: String, _ swift: String) {
        #expect(SwiftIdentifier.upperCamel(name) == swift || SwiftIdentifier.usableType(name) == swift)
    }

    @Test(
        "spelling: derived members in lowerCamelCase",
        arguments: [
            ("BUY", "buy"), ("SELL_ALL", "sellAll"), ("chatz_sub", "chatzSub"), ("sub_2", "sub2"), ("req_monitor", "reqMonitor"),
            ("UserList", "userList"), ("HTTPServer", "httpServer"), ("self", "self_"),
        ])
    func memberSpelling(_ name: String, _ swift: String) {
        #expect(SwiftIdentifier.lowerCamel(name) == swift)
    }

    @Test("the ASCII fast path splits words exactly as the Character rule does")
    func asciiWordsAgreeWithCharacterWords() {
        // Letters of both cases, digits and separators, so that every branch of the rule (case
        // changes, runs of capitals, digits, separators at either end) is met many times.
        let alphabet = Array("aAbBzZqQ09_.-x".utf8)
        var random = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 12)
            let name = String(decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            #expect(SwiftIdentifier.asciiWords(name) == SwiftIdentifier.characterWords(name), "\(name)")
        }
        #expect(SwiftIdentifier.asciiWords("prix_é") == nil)
        #expect(SwiftIdentifier.words("prixÉté") == ["prix", "Été"])
    }

    @Test("every kind of name, from one schema")
    func everyKind() throws {
        let names = try names(
            """
            my_app.server
              PUB tcp://*:1
              << Tick [ "(?userID:[A-Z]+)" ] [ user_id :u8 ] [ default :u8 ] [ self :u8 ] [ Type :u8 ] [ action :(BUY = 0uy | SELL_ALL = 1uy | allCases = 2uy) ]
              PUSH tcp://*:2
              <- TickPublisher [ writer :u8 ] [ dontWait :bool ] [ frames :(A = 0uy | B = 1uy) ]
              PULL tcp://*:3 as my_socket
              -> [ command :START = 0uy ]
              -> [ x :f64 ]
              -> [ y :f32 ] [ z :f32 ]
              ROUTER tcp://*:4 as context
              -> [ "(?peer:\\w+)" ]
              <- Reply [ "(?peer:\\w+)" ] [ to :u8 ]
            """)
        let service = try #require(names.services["my_app.server"])
        #expect(service.type == "MyAppServer")
        #expect(service.properties == ["pub", "push", "my_socket", "context_"])
        #expect(service.endpoints == ["pubEndpoint", "pushEndpoint", "my_socketEndpoint", "contextEndpoint"])
        #expect(service.socketAliases == [0: "PubSocket", 1: "PushSocket", 2: "MySocketSocket", 3: "ContextSocket"])

        let tick = try #require(names.messages["Tick"])
        #expect(tick.type == "Tick")
        #expect(tick.fields == ["userID", "user_id", "default", "self_", "Type_", "action"])
        #expect(tick.enums[5]?.type == "Action")
        #expect(tick.enums[5]?.cases == ["buy", "sellAll", "allCases_"])
        #expect(tick.statics == [0: "pattern1"])

        // A message takes the name of another's alias; the alias gives way.
        #expect(names.aliases["Tick"]?[.publisher] == "TickPublisher_")
        let colliding = try #require(names.messages["TickPublisher"])
        #expect(colliding.type == "TickPublisher")
        #expect(colliding.fields == ["writer", "dontWait", "frames"])
        #expect(colliding.enums[2]?.type == "Frames")
        // Its codec's own names give way to the fields and the nested enum.
        #expect(colliding.codec.writer == "writer_" && colliding.codec.frames == "frames_" && colliding.codec.framesType == "Frames_")
        #expect(colliding.call.dontWaitLabel == "dontWait_" && colliding.call.dontWait == "dontWait_")

        // A constant names its message; unnamed ones are named after service, socket, direction.
        #expect(names.messages["START"]?.type == "Start")
        #expect(names.messages["my_app.server.my_socket.in.1"]?.type == "MyAppServerMySocketIn1")
        #expect(names.messages["my_app.server.my_socket.in.2"]?.type == "MyAppServerMySocketIn2")
        #expect(names.unions.values.map(\.type).sorted() == ["StartOrMyAppServerMySocketIn1OrMyAppServerMySocketIn2"])
        #expect(names.unions.values.first?.cases == ["start", "myAppServerMySocketIn1", "myAppServerMySocketIn2"])

        // A capture called peer: the reply's own parameter for the envelope gives way.
        let reply = try #require(names.messages["Reply"])
        #expect(reply.call.fields == ["peer", "to"])
        #expect(reply.call.peer == "peer_")
        // No generated name hides a standard or runtime type here, so none is qualified.
        #expect(names.qualified.isEmpty)
    }

    @Test("standard and runtime type names used by a schema are written with their module")
    func qualification() throws {
        let names = try names("s.a\n  PUSH tcp://*:1\n  <- String [ x :u8 ]\n  <- FrameCursor [ Int :(A = 0uy | B = 1uy) ]\n")
        #expect(names.qualified == ["String", "FrameCursor", "Int"])
        #expect(names.external(.string) == "Swift.String" && names.external(.frameCursor) == "ZSchemaRuntime.FrameCursor")
        #expect(names.external(.double) == "Double")
        #expect(names.messages["String"]?.type == "String")
    }

    @Test("two types named alike by the schema are an error at the second")
    func typeClash() {
        let result = Compilation.check([SourceFile(path: "t.zschema", text: "s.a\n  PUSH tcp://*:1\n  <- SA [ x :u8 ]\n")])
        #expect(result.diagnostics.map(\.description) == ["t.zschema:3:3: error: 'SA' is already the name of another generated type; choose another name"])
        #expect(result.diagnostics.first?.notes.map(\.description) == ["t.zschema:1:1: note: first used here"])
    }
}
