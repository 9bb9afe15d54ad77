import Testing

@testable import ZSchemaCore

/// The classes of checker failure found by fuzzing: each is fixed for the class, and tested
/// here on the input that found it and on its relatives.
@Suite("Pattern robustness")
struct PatternRobustnessTests {
    /// Checks one PUB socket publishing `patterns` (one message each) and returns the frames.
    private func frames(_ patterns: [String]) -> (frames: [FrameKind], diagnostics: [Diagnostic]) {
        var text = "a.b (C)\n  PUB tcp://*:1\n"
        for (index, pattern) in patterns.enumerated() { text += "  << M\(index) [ \"\(pattern)\" ]\n" }
        let result = Checker.check([SourceFile(path: "t.zschema", text: text)])
        return (result.ir.messages.map { $0.frames[0].kind }, result.diagnostics)
    }

    private func constant(_ pattern: String) -> String? {
        guard case .textConstant(let text)? = frames([pattern]).frames.first else { return nil }
        return text
    }

    @Test("patterns that end inside an escape, a class or a group never crash the parser")
    func truncatedConstructs() {
        // `(?x)#\p` is a comment to PCRE2; the rest are cut short in every possible place.
        let inputs = [
            #"(?x)#\p"#, #"(?x)#\"#, #"(?x)#\x{"#, #"(?x)#\Q"#, #"(?x)#(?<"#, #"(?x)#[[:"#, #"(?x)#\g{"#,
            #"(?x)#\k<"#, #"(?x)#(?P<"#, #"(?x)#\o{"#, #"(?x)#\c"#, #"(?x)#(*"#, #"(?x)#(?'"#, "(?x)#[", "(?x)#(",
        ]
        for input in inputs {
            let (node, understood) = PatternSyntaxParser.parse(input)
            #expect(!understood, "\(input) is read as \(node)")
            _ = frames([input])  // and the whole checker survives it
        }
        var cut = ""
        for scalar in #"(?<a>\x{41}[[:alpha:]\d](?'b'\g{1}\k<a>)(?P<c>\o{101}\cA\p{Lu}))"#.unicodeScalars {
            cut.unicodeScalars.append(scalar)
            _ = PatternSyntaxParser.parse(cut)
            _ = PatternSyntaxParser.parse("(?x)#" + cut)
        }
    }

    @Test("a constant is what PCRE2 matches: quantifiers after \\Q…\\E, verbs, options, comments")
    func constantsAgreeWithPCRE2() {
        #expect(constant(#"\Qab\E{2}"#) == "abb")
        #expect(constant(#"\Qab\E"#) == "ab")
        #expect(constant("(*UCP)xyz") == nil)
        #expect(constant("(?i)ok") == nil)
        #expect(constant("(?x) o k") == nil)
        #expect(constant(#"a\E{2}"#) == nil)
        #expect(constant("ab{2}") == "abb")
        #expect(constant("(?:ab){2}") == "abab")
        #expect(constant("OK(?#comment)") == "OK")
        #expect(constant("") == "")
        #expect(constant("e\u{301}{2}") == "e\u{301}\u{301}")  // a quantifier repeats a code point, not a grapheme
    }

    @Test("nested counted repeats derive nothing huge: no example, no constant, text checked by PCRE2")
    func nestedRepeatsStaySmall() {
        let (kinds, diagnostics) = frames(["(?:a{65535}){6500}", "(?:(?:ab){50}){50}", "(?:x{4000}){2}"])
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        for kind in kinds {
            guard case .text(let pattern) = kind else {
                Issue.record("expected a text frame, got \(kind)")
                continue
            }
            #expect(pattern.example == nil)
            #expect(pattern.template == nil)
        }
        // Just under the bound stays a constant.
        #expect(constant("(?:ab){2048}") == String(repeating: "ab", count: 2048))
    }

    @Test("backtracking-prone alternatives: every pattern compiled once, every match bounded")
    func backtrackingIsBounded() {
        let matcher = PatternMatcher()
        // 2^40 paths for a naive backtracker: the match limit stops it, and says "unknown".
        #expect(matcher.match("(?:a+)+[bc]", String(repeating: "a", count: 40)) == .unknown)
        #expect(matcher.matches("(?:a+)+[bc]", "aab") == true)

        var text = "a.b (C)\n  PUB tcp://*:1\n"
        for index in 0..<6 { text += "  << M\(index) [ \"(?:a+)+[bc]\" ]\n" }
        for index in 0..<6 { text += "  << K\(index) [ \"\(String(repeating: "a", count: 40 + index))\" ]\n" }
        let checked = Checker.check([SourceFile(path: "t.zschema", text: text)])
        // Unknown counts as "may overlap": every constant is reported beside the first pattern.
        let overlaps = checked.diagnostics.filter { $0.severity == .warning && $0.message.contains("can match the same frames") }
        #expect(overlaps.count == 11)
    }

    @Test("one compile per pattern however many comparisons use it")
    func compiledOnce() {
        let matcher = PatternMatcher()
        let shapes = FrameShape(matcher: matcher)
        let frames = ["[a-c]+", "[x-z]+", "[0-9]+", "[A-C]+"].map { pcre in
            Frame(
                name: nil, kind: .text(TextPattern(source: pcre, pcre: pcre, captures: [], template: nil, example: nil)),
                repetition: .once, location: SourceLocation(file: "t", line: 1, column: 1))
        }
        for _ in 0..<10 {
            for a in frames { for b in frames where a != b { #expect(!shapes.mayOverlap([a], [b])) } }
        }
        // Each pattern once anchored at both ends (for its facts) and once unanchored (for its
        // first bytes).
        #expect(matcher.compileCount == 8)

        // A backtracking pattern against constants: each pair is matched once, however often the
        // checker asks.
        let hostile = Frame(
            name: nil, kind: .text(TextPattern(source: "(?:a+)+[bc]", pcre: "(?:a+)+[bc]", captures: [], template: nil, example: nil)),
            repetition: .once, location: SourceLocation(file: "t", line: 1, column: 1))
        let constants = (30..<34).map {
            Frame(name: nil, kind: .textConstant(String(repeating: "a", count: $0)), repetition: .once, location: hostile.location)
        }
        for _ in 0..<10 {
            for constant in constants { #expect(shapes.mayOverlap([hostile], [constant])) }
        }
        #expect(matcher.matchCount == constants.count)
    }
}
