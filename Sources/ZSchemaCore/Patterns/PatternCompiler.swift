import CPCRE2

/// Compiles patterns with the same PCRE2 options the runtime uses, to report errors at compile
/// time and to read the capture groups' numbers.
enum PatternCompiler {
    /// What PCRE2 said about a pattern.
    struct Compiled {
        /// Capture name to group number.
        let groupNumbers: [String: Int]
        /// Total number of capturing groups.
        let captureCount: Int
        fileprivate let code: OpaquePointer
    }

    /// A compile error: PCRE2's message and the byte offset in the pattern.
    struct Failure: Error {
        let message: String
        let byteOffset: Int
    }

    /// Compiles `pattern` anchored at both ends in UTF mode (at the start only when
    /// `forPartialMatching`, since PCRE2 does not allow partial matches of end-anchored
    /// patterns); calls `body` with the result, then frees it.
    static func withCompiled<R>(
        _ pattern: String, forPartialMatching: Bool = false, _ body: (Compiled) -> R
    ) -> Result<R, Failure> {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | (forPartialMatching ? 0 : PCRE2_ENDANCHORED))
        let bytes = Array(pattern.utf8)
        let code: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress ?? UnsafePointer(unsafeEmpty), buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let code else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &message, message.count)
            let text = length > 0 ? String(decoding: message.prefix(Int(length)), as: UTF8.self) : "PCRE2 error \(errorCode)"
            return .failure(Failure(message: text, byteOffset: errorOffset))
        }
        defer { pcre2_code_free_8(code) }
        return .success(body(Compiled(groupNumbers: groupNumbers(code), captureCount: captureCount(code), code: code)))
    }

    /// Whether `subject` matches the compiled pattern as a whole; with `partial` (for a pattern
    /// compiled `forPartialMatching`), whether it could be the start of a match.
    static func matches(_ compiled: Compiled, _ subject: String, partial: Bool = false) -> Bool {
        guard let data = pcre2_match_data_create_from_pattern_8(compiled.code, nil) else { return false }
        defer { pcre2_match_data_free_8(data) }
        let bytes = Array(subject.utf8)
        let options: UInt32 = partial ? UInt32(PCRE2_PARTIAL_HARD) : 0
        let result = bytes.withUnsafeBufferPointer { buffer in
            pcre2_match_8(compiled.code, buffer.baseAddress ?? UnsafePointer(unsafeEmpty), buffer.count, 0, options, data, nil)
        }
        return result >= 0 || (partial && result == PCRE2_ERROR_PARTIAL)
    }

    private static func captureCount(_ code: OpaquePointer) -> Int {
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    private static func groupNumbers(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, count > 0 else { return [:] }
        var numbers: [String: Int] = [:]
        for entry in 0..<Int(count) {
            let base = table + entry * Int(entrySize)
            let number = Int(base[0]) << 8 | Int(base[1])
            var name: [UInt8] = []
            var offset = 2
            while offset < Int(entrySize), base[offset] != 0 {
                name.append(base[offset])
                offset += 1
            }
            let key = String(decoding: name, as: UTF8.self)
            numbers[key] = min(numbers[key] ?? number, number)
        }
        return numbers
    }
}

nonisolated(unsafe) private let unsafeEmpty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
