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
