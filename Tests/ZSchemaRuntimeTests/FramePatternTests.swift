import Testing
import ZSchemaRuntime

@Suite("FramePattern")
struct FramePatternTests {
    let chat = FramePattern(generated: #"(?<usr>\w+)(\037(?<msg>\w+))?"#)

    private func captures(_ text: [UInt8]) -> Result<[String?], FramePattern.CaptureFailure> {
        text.withUnsafeBytes { chat.captures($0) }
    }

    @Test("matches the whole frame, anchored at both ends")
    func anchored() {
        #expect(chat.test("alice") == .matched)
        #expect(chat.test("alice\u{1F}hello") == .matched)
        #expect(chat.test("alice ") == .noMatch)
        #expect(chat.test(" alice") == .noMatch)
        #expect(chat.test("") == .noMatch)
    }

    @Test("named groups come back by number, unset optional groups as nil")
    func groups() throws {
        #expect(try captures(Array("bob".utf8)).get() == ["bob", nil, nil])
        #expect(try captures(Array("bob\u{1F}hi".utf8)).get() == ["bob", "\u{1F}hi", "hi"])
    }

    @Test("a decoder's captures hold the first four groups in the value and the rest in an array, as captures(_:) lists them")
    func cursorCaptures() throws {
        let six = FramePattern(generated: #"(?<a>\w)(?<b>\w)(?<c>\w)?(?<d>\w)(-(?<e>\w+))?"#)
        for text in ["wxyz-long", "wxz", "wxyz", "wxz-q"] {
            let frames: FrameBuffer = [Array(text.utf8)]
            var cursor = try FrameCursor(frames, message: "M", frameCount: 1...1)
            let captured = try cursor.match(six, from: frames, field: "a")
            let listed = try Array(text.utf8).withUnsafeBytes { try six.captures($0).get() }
            #expect(captured.count == 6)
            #expect(captured.groups == listed, "\(text)")
            #expect((1...6).map { captured.optional($0) } == listed)
            #expect(captured.required(1) == String(text.prefix(1)))
        }
        #expect(PatternCaptures(groups: ["x", nil, "y", nil, nil, "z"]).groups == ["x", nil, "y", nil, nil, "z"])
        #expect(PatternCaptures(groups: []).groups.isEmpty)
        // A pattern on the automaton: its one group is the whole frame.
        let symbol = FramePattern(generated: "(?<symbol>[A-Z][A-Z0-9]+)")
        let frames: FrameBuffer = [Array("IBM".utf8)]
        var cursor = try FrameCursor(frames, message: "M", frameCount: 1...1)
        #expect(try cursor.match(symbol, from: frames, field: "symbol").groups == ["IBM"])
        var refused = try FrameCursor([Array("ibm".utf8)] as FrameBuffer, message: "M", frameCount: 1...1)
        #expect(throws: MessageDecodingError.self) { try refused.match(symbol, from: [Array("ibm".utf8)] as FrameBuffer, field: "symbol") }
    }

    @Test("invalid UTF-8 is reported as such, not as a mismatch")
    func invalidUTF8() {
        #expect(throws: FramePattern.CaptureFailure.invalidUTF8) { try captures([0x61, 0xff, 0x62]).get() }
    }

    @Test("compile errors carry PCRE2's message and offset")
    func compileError() {
        let error = #expect(throws: FramePatternError.self) { try FramePattern("ab(c") }
        #expect(error?.offset == 4)
        #expect(error?.message.contains("missing closing parenthesis") == true)
    }

    @Test("validate rejects text whose captures read back differently")
    func validate() throws {
        try chat.validate("bob\u{1F}hi", expected: [(1, "bob"), (3, "hi")], message: "Chat", field: "usr")
        #expect(throws: MessageEncodingError.self) {
            try chat.validate("bob hi", expected: [(1, "bob hi")], message: "Chat", field: "usr")
        }
    }

    @Test("threads matching one pattern at once each get their own frame's groups")
    func parallelCaptures() async throws {
        let threads = (0..<4).map { thread in
            SocketThread(name: "captures-\(thread)") { [chat] () -> [Int] in
                var wrong: [Int] = []
                for index in 0..<20_000 {
                    let user = "t\(thread)u\(index)"
                    let frame = Array("\(user)\u{1F}m\(index)".utf8)
                    let groups = try frame.withUnsafeBytes { try chat.captures($0).get() }
                    if groups != [user, "\u{1F}m\(index)", "m\(index)"] { wrong.append(index) }
                }
                return wrong
            }
        }
        for (thread, worker) in threads.enumerated() {
            let wrong = try await worker.value
            #expect(wrong.isEmpty, "thread \(thread): \(wrong.count) frames read another frame's groups, first \(wrong.prefix(5))")
        }
    }

    @Test("a thread that matches with more patterns than it keeps states for still gets right answers")
    func manyPatternsOnOneThread() throws {
        let patterns = (0..<40).map { FramePattern(generated: "(?<word>a{\($0)}b)|x") }
        for round in 0..<2 {
            for (count, pattern) in patterns.enumerated() {
                let frame = Array((String(repeating: "a", count: count) + "b").utf8)
                let groups = try frame.withUnsafeBytes { try pattern.captures($0).get() }
                #expect(groups == [String(repeating: "a", count: count) + "b"], "pattern \(count), round \(round)")
                #expect(pattern.test("a" + String(repeating: "a", count: count) + "b") == .noMatch)
            }
        }
    }
}
