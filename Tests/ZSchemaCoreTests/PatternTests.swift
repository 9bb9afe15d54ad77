import Testing

@testable import ZSchemaCore

@Suite("Patterns")
struct PatternTests {
    @Test("the seed's shorthand becomes PCRE2 named groups; option groups stay")
    func translation() {
        #expect(PatternTranslator(#"(?stock:[A-Z][A-Z0-9]+)"#).translated == #"(?<stock>[A-Z][A-Z0-9]+)"#)
        #expect(PatternTranslator(#"(?usr:\w+)(\037(?msg:\w+))?"#).translated == #"(?<usr>\w+)(\037(?<msg>\w+))?"#)
        #expect(PatternTranslator("(?i:abc)(?sx:d)").translated == "(?i:abc)(?sx:d)")
        #expect(PatternTranslator(#"[(?a:]\(?b:"#).translated == #"[(?a:]\(?b:"#)
        #expect(PatternTranslator("(?<n>x)(?min:y)").translated == "(?<n>x)(?min:y)")
        #expect(PatternTranslator(#"\Q(?a:\E(?b:x)\Q(?c:"#).translated == #"\Q(?a:\E(?<b>x)\Q(?c:"#)
    }

    @Test("byte offsets of the translation map back to schema columns")
    func offsets() {
        let translator = PatternTranslator("(?ab:x)(")
        // "(?<ab>x)(" : byte 8 is the last '(' which is character 7 of the source.
        #expect(translator.originalOffset(ofByte: 8) == 7)
        #expect(translator.originalOffset(ofByte: 9) == 8)
    }

    @Test("captures, optionality, template and example of the chat pattern")
    func chatAnalysis() {
        let pcre = #"(?<usr>\w+)(\037(?<msg>\w+))?"#
        let analysis = PatternAnalysis(pattern: pcre, groupNumbers: ["usr": 1, "msg": 3], matcher: PatternMatcher())
        #expect(
            analysis.captures == [
                PatternCapture(name: "usr", group: 1, isOptional: false),
                PatternCapture(name: "msg", group: 3, isOptional: true),
            ])
        #expect(
            analysis.template == [
                .capture(name: "usr", group: 1),
                .optional(parts: [.literal("\u{1F}"), .capture(name: "msg", group: 3)], keys: ["msg"]),
            ])
        #expect(analysis.example == "a")
        #expect(analysis.literal == nil)
    }

    @Test("alternations cannot be inverted; literals are constants")
    func nonInvertible() {
        #expect(PatternAnalysis(pattern: "(?<a>x)|(?<b>y)", groupNumbers: ["a": 1, "b": 2], matcher: PatternMatcher()).template == nil)
        #expect(PatternAnalysis(pattern: #"\w+"#, groupNumbers: [:], matcher: PatternMatcher()).template == nil)
        #expect(PatternAnalysis(pattern: "", groupNumbers: [:], matcher: PatternMatcher()).literal == "")
        #expect(PatternAnalysis(pattern: #"OK\."#, groupNumbers: [:], matcher: PatternMatcher()).literal == "OK.")
    }

    @Test("PCRE2 full and partial matching as the checker uses it")
    func partialMatching() {
        let matcher = PatternMatcher()
        #expect(matcher.matches("(?<stock>[A-Z][A-Z0-9]+)", "AA") == true)
        #expect(matcher.matches("(?<stock>[A-Z][A-Z0-9]+)", "AA", partial: true) == true)
        #expect(matcher.matches("(?<stock>[A-Z][A-Z0-9]+)", "A", partial: true) == true)
        #expect(matcher.matches("(?<stock>[A-Z][A-Z0-9]+)", "a", partial: true) == false)
    }
}
