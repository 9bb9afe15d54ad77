import Testing

@testable import ZSchemaCore

/// One bad input per kind of diagnostic, with the exact line and column.
@Suite("Diagnostics")
struct DiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let schema: String
        let expected: [String]
        var testDescription: String { name }
    }

    static let syntax: [Case] = [
        Case(
            name: "text after a service header", schema: "tickz.server (C, Server) junk\n",
            expected: ["1:26: error: unexpected 'j' after the service header"]),
        Case(
            name: "indented line before any service", schema: "  PUB tcp://*:1\n",
            expected: ["1:3: error: indented line outside a service; a service header starts in column 1"]),
        Case(
            name: "unterminated pattern", schema: "s.a\n  PUB tcp://*:1\n  << [ \"abc ]\n",
            expected: ["3:8: error: unterminated pattern: no closing '\"' on this line"]),
        Case(
            name: "unclosed frame", schema: "s.a\n  PUSH tcp://*:1\n  <- [ x :u8\n",
            expected: ["3:13: error: expected ']' to close the frame opened at column 6, found end of line"]),
        Case(
            name: "frame outside a message", schema: "s.a\n  PUB tcp://*:1\n     [ x :u8 ]\n",
            expected: ["3:6: error: frame outside a message; start a message with '<-', '->', '<<' or '?>'"]),
        Case(
            name: "message outside a socket", schema: "s.a\n  << [ x :u8 ]\n",
            expected: ["2:3: error: message outside a socket; put a socket line such as 'PUB tcp://*:9003' above it"]),
        Case(
            name: "message without frames", schema: "s.a\n  PUSH tcp://*:1\n  <-\n  PULL tcp://*:2\n",
            expected: ["3:3: error: message has no frames; add at least one '[ ... ]'"]),
        Case(
            name: "missing ':' after a field", schema: "s.a\n  PUSH tcp://*:1\n  <- [ x u8 ]\n",
            expected: ["3:10: error: expected ':' and a type after field 'x'"]),
    ]

    static let resolution: [Case] = [
        Case(
            name: "unknown socket type", schema: "s.a\n  PUBB tcp://*:1\n",
            expected: ["2:3: error: unknown socket type 'PUBB'; expected one of REQ REP DEALER ROUTER PUB SUB XPUB XSUB PUSH PULL PAIR STREAM"]),
        Case(
            name: "unknown transport", schema: "s.a\n  PUB tpc://*:1\n",
            expected: ["2:7: error: unknown transport 'tpc'; expected one of epgm, inproc, ipc, pgm, tcp, tipc, udp, vmci, ws, wss"]),
        Case(
            name: "bad port", schema: "s.a\n  PUB tcp://*:99999\n",
            expected: ["2:15: error: port '99999' is not a number from 1 to 65535 or '*'"]),
        Case(
            name: "unknown type", schema: "s.a\n  PUSH tcp://*:1\n  <- [ price :f65 ]\n",
            expected: [
                "3:15: error: unknown type 'f65'; expected u8 i8 u16 i16 u32 i32 u64 i64 f32 f64 bool string bytes (numbers big-endian; u32le and so on for little-endian), an enum '(A = 0uy | ...)' or a constant 'NAME = 0uy'"
            ]),
        Case(
            name: "unknown literal suffix", schema: "s.a\n  PUSH tcp://*:1\n  <- [ c :(A = 0uy | B = 1q) ]\n",
            expected: ["3:26: error: unknown literal suffix 'q'; use uy (u8), y (i8), us (u16), s (i16), u (u32), l or none (i32), UL (u64), L (i64)"]),
        Case(
            name: "literal out of range", schema: "s.a\n  PUSH tcp://*:1\n  <- [ c :X = 300uy ]\n",
            expected: ["3:15: error: 300 does not fit in u8 (0...255)"]),
        Case(
            name: "enum of mixed widths", schema: "s.a\n  PUSH tcp://*:1\n  <- [ c :(A = 0uy | B = 1us) ]\n",
            expected: ["3:26: error: enum cases must share one width: '1us' is u16, the first case is u8"]),
        Case(
            name: "duplicate enum case", schema: "s.a\n  PUSH tcp://*:1\n  <- [ c :(A = 0uy | A = 1uy) ]\n",
            expected: ["3:22: error: duplicate enum case 'A'"]),
        Case(
            name: "duplicate enum value", schema: "s.a\n  PUSH tcp://*:1\n  <- [ c :(A = 0uy | B = 0uy) ]\n",
            expected: ["3:26: error: enum value 0 is already used"]),
        Case(
            name: "PCRE2 error mapped back to the schema column", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?name:a)(?bad:[z\" ]\n",
            expected: ["3:26: error: invalid pattern: missing terminating ] for character class"]),
        Case(
            name: "PCRE2 error inside the pattern", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?n:a)x{2,1}\" ]\n",
            expected: ["3:20: error: invalid pattern: numbers out of order in {} quantifier"]),
        Case(
            name: "arrow the socket type cannot use", schema: "s.a\n  PUSH tcp://*:1\n  << [ x :u8 ]\n  PULL tcp://*:2\n  ?> [ x :u8 ]\n",
            expected: [
                "3:3: error: '<<' publishes, which only PUB and XPUB sockets do; use '<-' on PUSH",
                "5:3: error: '?>' subscribes, which only SUB and XSUB sockets do",
            ]),
        Case(
            name: "two fields with one name", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?val:a+)\" ] [ val :u8 ]\n",
            expected: ["3:22: error: field 'val' is already defined in this message"]),
        Case(
            name: "two repeated frames", schema: "s.a\n  PUSH tcp://*:1\n  <- [ a :u8 ]+ [ b :u8 ]*\n",
            expected: ["3:17: error: only one frame of a message may repeat, so the decoder knows where it ends"]),
        Case(
            name: "subscription rules", schema: "s.a\n  SUB tcp://localhost:1\n  ?> [ a :u8 ] [ b :u8 ]\n  ?> [ \"(?xy:a)\" ]\n  ?> [ c :X = 1uy ]*\n",
            expected: [
                "3:3: error: a subscription is one frame: ZeroMQ matches a prefix of the first frame",
                "4:6: error: a subscription without '*' is made when the socket opens, so it must be a constant; add '*' to subscribe at run time",
                "5:6: error: a constant frame cannot repeat",
                "2:3: warning: SUB connects to tcp://localhost:1, which no schema in this compilation binds",
            ].sortedByLocation),
    ]

    static let topology: [Case] = [
        Case(
            name: "incompatible peer socket types", schema: "s.a\n  PUB tcp://*:5\n  << [ x :u8 ]\ns.b\n  PUSH tcp://localhost:5\n  <- [ x :u8 ]\n",
            expected: ["5:3: error: PUSH cannot talk to PUB: s.a binds tcp://*:5 with PUB; a PUSH peer must be PULL"]),
        Case(
            name: "connect with no binder", schema: "s.b\n  PULL tcp://localhost:6\n  -> [ x :u8 ]\n",
            expected: ["2:3: warning: PULL connects to tcp://localhost:6, which no schema in this compilation binds"]),
        Case(
            name: "endpoint bound twice", schema: "s.a\n  PUB tcp://*:5\n  << [ x :u8 ]\ns.b\n  PULL tcp://*:5\n  -> [ x :u8 ]\n",
            expected: ["5:3: warning: tcp://*:5 is also bound by s.a; only one process can bind it at a time"]),
        Case(
            name: "sent message the peer does not accept",
            schema: "s.a\n  PUSH tcp://*:5\n  <- [ x :u8 ] [ y :f64 ]\ns.b\n  PULL tcp://localhost:5\n  -> [ x :u8 ] [ y :f32 ]\n",
            expected: ["3:3: error: s.b's PULL (tcp://localhost:5) does not accept this message: frame 2 is f64 here but f32 there"]),
        Case(
            name: "constants that disagree between peers",
            schema: "s.a\n  PUB tcp://*:5\n  << [ c :GO = 1uy ]\ns.b\n  SUB tcp://localhost:5\n  ?> [ c :GO = 2uy ]\n",
            expected: ["6:3: error: subscription [GO = 2 u8] matches no message that s.a's PUB (tcp://*:5) publishes; GO is 2 here but 1 in s.a"]),
        Case(
            name: "regex subscription no publication can match",
            schema: "s.a\n  PUB tcp://*:5\n  << [ \"(?sym:[a-z]+)\" ]\ns.b\n  SUB tcp://localhost:5\n  ?> [ \"(?sym:[0-9]+)\" ]*\n",
            expected: ["6:3: error: subscription [\"(?sym:[0-9]+)\"] matches no message that s.a's PUB (tcp://*:5) publishes"]),
        Case(
            name: "alternatives that can match the same frames", schema: "s.a\n  PULL tcp://*:5\n  -> [ x :(A = 1uy | B = 2uy) ]\n  -> [ c :B = 2uy ]\n",
            expected: [
                "4:3: warning: this message and the one on line 3 can match the same frames, so a receiver cannot tell them apart; the decoder takes the one on line 3"
            ]),
        Case(
            name: "one message name for two messages", schema: "s.a\n  PUSH tcp://*:5\n  <- Thing [ x :u8 ]\n  PUSH tcp://*:6\n  <- Thing [ x :u16 ]\n",
            expected: ["5:3: error: message name 'Thing' is already used for a different message; give this one another name after the arrow"]),
        Case(
            name: "a standard type's name is a message name like any other", schema: "s.a\n  PUSH tcp://*:7\n  <- Result [ x :u8 ]\n",
            expected: []),
        Case(
            name: "service and message become one Swift name", schema: "s.a\n  PUSH tcp://*:7\n  <- SA [ x :u8 ]\n",
            expected: ["3:3: error: 'SA' is already the name of another generated type; choose another name"]),
        Case(
            name: "socket names clash", schema: "s.a\n  PUSH tcp://*:5 as out\n  <- [ x :u8 ]\n  PUB tcp://*:6 as out\n  << [ x :u8 ]\n",
            expected: ["4:3: error: socket name 'out' is already used in s.a; name one with 'as <name>' after the endpoint"]),
        Case(
            name: "service defined twice", schema: "s.a\n  PUB tcp://*:5\n  << [ x :u8 ]\ns.a\n  PUB tcp://*:6\n  << [ x :u8 ]\n",
            expected: ["4:1: error: service 's.a' is already defined"]),
        Case(
            name: "monitor endpoint matching no socket", schema: "s.a\n  PUB tcp://*:5\n  << [ x :u8 ]\n  PAIR inproc://monitor.other.req\n",
            expected: [
                "4:3: warning: no socket in s.a matches monitor endpoint inproc://monitor.other.req; expected inproc://monitor.<peer system>.<socket type>, such as inproc://monitor.chatz.req"
            ]),
    ]

    /// Patterns a backtracking matcher can take exponential time on, and look-alikes that are safe.
    static let backtracking: [Case] = [
        Case(
            name: "a quantifier nested in a quantifier", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?word:(a+)+)\" ]\n",
            expected: [
                "3:9: warning: nested quantifiers: 'a+' repeats inside '(a+)+', so a frame that almost matches can take exponential time to reject; make each repetition end on something the inner one cannot match"
            ]),
        Case(
            name: "a nested quantifier whose iteration can end anywhere", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?words:(?:\\w+\\s?)*)\" ]\n",
            expected: [
                "3:9: warning: nested quantifiers: '\\w+' repeats inside '(\\w+\\s?)*', so a frame that almost matches can take exponential time to reject; make each repetition end on something the inner one cannot match"
            ]),
        Case(
            name: "a quantifier nested in an alternative under repetition", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?id:(?:\\d+|[a-z]+)+)\" ]\n",
            expected: [
                "3:9: warning: nested quantifiers: '\\d+' repeats inside '(\\d+|[a-z]+)+', so a frame that almost matches can take exponential time to reject; make each repetition end on something the inner one cannot match"
            ]),
        Case(
            name: "overlapping alternatives under repetition", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?word:(\\w|a)+)\" ]\n",
            expected: [
                "3:9: warning: ambiguous alternation under repetition: '\\w' and 'a' in '(\\w|a)+' can match the same text, so a frame that almost matches can take exponential time to reject; make the alternatives disjoint"
            ]),
        Case(name: "repetitions that each end on a comma", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?list:(?:[A-Z]+,)*)\" ]\n", expected: []),
        Case(name: "disjoint alternatives under repetition", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?ab:(a|b)+)\" ]\n", expected: []),
        Case(name: "a bounded outer repetition", schema: "s.a\n  PUSH tcp://*:1\n  <- [ \"(?pair:(?:a+){2})\" ]\n", expected: []),
    ]

    @Test("backtracking hazards are warnings at the pattern; safe look-alikes are not", arguments: backtracking)
    func backtrackingHazards(_ item: Case) { #expect(diagnose(item.schema) == item.expected) }

    @Test("syntax errors", arguments: syntax)
    func syntaxErrors(_ item: Case) { #expect(diagnose(item.schema) == item.expected) }

    @Test("resolution errors", arguments: resolution)
    func resolutionErrors(_ item: Case) { #expect(diagnose(item.schema) == item.expected) }

    @Test("topology and agreement", arguments: topology)
    func topologyDiagnostics(_ item: Case) { #expect(diagnose(item.schema) == item.expected) }

    @Test("a file with CRLF line ends checks like its LF twin, with the same locations and no CR shown")
    func crlfLineEnds() throws {
        let lf = "s.a\n  PUSH tcp://*:1\n  <- [ x :u8 ]\n  <- [ y :f65 ]\n"
        let crlf = lf.replacing("\n", with: "\r\n")
        #expect(crlf.utf8.count == lf.utf8.count + 4)
        #expect(SourceFile(path: "t.zschema", text: crlf).lines == SourceFile(path: "t.zschema", text: lf).lines)
        #expect(diagnose(crlf) == diagnose(lf))
        #expect(diagnose(crlf).first?.hasPrefix("4:11: error: unknown type 'f65'") == true)
        // A clean file checks clean both ways; a CR alone is not a line end.
        let clean = "s.a\r\n  PUSH tcp://*:1\r\n  <- [ x :u8 ]\r\n  PULL tcp://localhost:1\r\n"
        #expect(diagnose(clean).isEmpty)
        #expect(SourceFile(path: "t.zschema", text: "a\rb\r\n").lines == ["a\rb", ""])
    }

    @Test("file names and provenance drop the folders, and only the folders")
    func fileNames() {
        let names = ["Schemas/tickz.zschema", "/a/b//tickz.zschema", "tickz.zschema", "dir/", "/", "", "a/ü/é.zschema"]
            .map { SourceFile(path: $0, text: "").fileName }
        #expect(names == ["tickz.zschema", "tickz.zschema", "tickz.zschema", "dir", "/", "", "é.zschema"])
        #expect(SourceFile(path: "x/y/chatz.zschema", text: "").baseName == "chatz")
        #expect(SourceLocation(file: "/tmp/in/valuz.zschema", line: 7, column: 3).provenance == "valuz.zschema:7")
    }

    @Test("diagnostics render like swiftc: location, source line, caret")
    func rendering() {
        let file = SourceFile(path: "t.zschema", text: "s.a\n\tPUSH tcp://*:1\n\t<- [ x :f65 ]\n")
        let diagnostic = Checker.check([file]).diagnostics[0]
        #expect(
            DiagnosticRenderer(sources: [file]).render(diagnostic)
                == "t.zschema:3:10: error: unknown type 'f65'; expected u8 i8 u16 i16 u32 i32 u64 i64 f32 f64 bool string bytes (numbers big-endian; u32le and so on for little-endian), an enum '(A = 0uy | ...)' or a constant 'NAME = 0uy'\n\t<- [ x :f65 ]\n\t        ^\n"
        )
    }
}

extension Array where Element == String {
    /// Sorted by the `line:column:` prefix, as the checker sorts diagnostics.
    var sortedByLocation: [String] {
        sorted { a, b in
            let key = { (text: String) -> (Int, Int) in
                let parts = text.split(separator: ":")
                return (Int(parts[0]) ?? 0, Int(parts[1]) ?? 0)
            }
            return key(a) < key(b)
        }
    }
}

@Suite("Diagnostics of XPUB, XSUB and STREAM")
struct SubscriptionSocketDiagnosticsTests {
    @Test("messages the typed wrappers would not use are reported at their arrow")
    func unusedDeclarations() {
        #expect(
            diagnose("s.a\n  XPUB tcp://*:1\n  << T [ x :u8 ]\n  -> U [ y :u8 ]\n") == [
                "4:3: warning: an XPUB's wrapper receives its subscribers' subscriptions (SubscriptionEvent); messages declared with '->' are not decoded"
            ])
        #expect(
            diagnose("s.a\n  XSUB tcp://*:1\n  ?> [ \"\" ]\n  <- U [ y :u8 ]\n").contains(
                "4:3: warning: an XSUB's wrapper sends subscriptions (SubscriptionEvent); messages declared with '<-' are not encoded"))
        #expect(
            diagnose("s.a\n  STREAM tcp://*:1\n  -> U [ y :bytes ]\n") == [
                "3:3: warning: a STREAM socket exchanges raw bytes with peers that do not speak ZeroMQ (routing id and data); the messages declared on it are not used"
            ])
        // Without such declarations they are quiet.
        #expect(diagnose("s.a\n  XPUB tcp://*:1\n  << T [ x :u8 ]\n  STREAM tcp://*:2\n").isEmpty)
    }
}
