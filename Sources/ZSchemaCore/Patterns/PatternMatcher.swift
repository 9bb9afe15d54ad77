import CPCRE2
internal import ZSchemaClassSequence

/// Compiles and matches patterns for one run of the checker, with the options the runtime
/// uses (UTF, UCP, anchored at both ends).
///
/// Each pattern is compiled once per run, however many comparisons use it. Every match is
/// bounded (``matchLimit``, ``depthLimit``, ``heapLimitKiB``), so a backtracking-prone pattern
/// costs the checker at most a few milliseconds; a match that hits a limit is ``Outcome/unknown``
/// and the checker treats it conservatively. One matcher belongs to one checker run: it is not
/// shared between threads.
final class PatternMatcher {
    /// A compile error: PCRE2's message and the byte offset in the pattern.
    struct Failure: Error, Hashable {
        let message: String
        let byteOffset: Int
    }

    /// What PCRE2 says about a compiled pattern.
    struct Info: Hashable {
        /// Capture name to group number (the lowest, for a duplicated name).
        let groupNumbers: [String: Int]
        /// The number of capturing groups.
        let captureCount: Int
        /// The shortest subject a match needs, in bytes (a lower bound).
        let minimumLength: Int
    }

    /// The result of one match.
    enum Outcome: Equatable {
        /// The whole subject matches; the captured groups, 1-based groups at 0-based indices.
        case matched([String?])
        /// It does not match.
        case noMatch
        /// With partial matching: the subject could be the start of a match.
        case partial
        /// A limit was hit, or the pattern does not compile: nothing is known.
        case unknown
    }

    /// At most this many backtracking steps per match (PCRE2's default is 10,000,000).
    static let matchLimit: UInt32 = 200_000
    /// At most this nesting of backtracking per match.
    static let depthLimit: UInt32 = 5_000
    /// At most this much heap per match, in KiB.
    static let heapLimitKiB: UInt32 = 4_096

    /// How a pattern is compiled.
    private enum Anchoring: Hashable {
        /// At both ends: the frame as a whole.
        case whole
        /// At the start only: partial matches of a prefix.
        case start
        /// Not at all: PCRE2 then computes its start-of-match tables.
        case none
    }

    private struct Key: Hashable {
        let pattern: String
        let anchoring: Anchoring
    }

    private var compiled: [Key: Result<OpaquePointer, Failure>] = [:]
    /// How many times PCRE2 compiled a pattern in this run (each pattern once per anchoring).
    private(set) var compileCount = 0
    /// How many times PCRE2 matched in this run (each pattern and subject once).
    private(set) var matchCount = 0
    private var infos: [String: Info] = [:]
    /// The ASCII members of single-character atoms already probed (``asciiMembers(of:)``).
    private var members: [String: (low: UInt64, high: UInt64)] = [:]
    /// Outcomes already known: alternatives are compared pairwise, so one pattern meets one
    /// subject many times.
    private var outcomes: [MatchKey: Outcome] = [:]

    private struct MatchKey: Hashable {
        let pattern: String
        let subject: String
        let partial: Bool
    }
    private let context: OpaquePointer?

    init() {
        context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, Self.matchLimit)
            pcre2_set_depth_limit_8(context, Self.depthLimit)
            pcre2_set_heap_limit_8(context, Self.heapLimitKiB)
        }
    }

    deinit {
        for case .success(let code) in compiled.values { pcre2_code_free_8(code) }
        if let context { pcre2_match_context_free_8(context) }
    }

    /// Compiles `pattern` (cached) and returns what PCRE2 says about it, or its compile error.
    func info(_ pattern: String) -> Result<Info, Failure> {
        if let info = infos[pattern] { return .success(info) }
        switch compile(pattern, .whole) {
        case .failure(let failure): return .failure(failure)
        case .success(let code):
            let info = Info(
                groupNumbers: Self.groupNumbers(code), captureCount: Self.integerInfo(code, PCRE2_INFO_CAPTURECOUNT),
                minimumLength: Self.integerInfo(code, PCRE2_INFO_MINLENGTH))
            infos[pattern] = info
            return .success(info)
        }
    }

    /// The bytes a match of `pattern` can start with, when PCRE2 knows (nil: any byte, or the
    /// pattern does not compile). Anchored patterns carry no start-of-match tables, so this
    /// compiles an unanchored twin, once, and only for the patterns that are compared this way.
    func firstBytes(_ pattern: String) -> Set<UInt8>? {
        (try? compile(pattern, .none).get()).flatMap(Self.firstBytes)
    }

    /// Matches `subject` against `pattern` as a whole; with `partial`, asks whether `subject`
    /// could be the start of a match.
    func match(_ pattern: String, _ subject: String, partial: Bool = false) -> Outcome {
        let key = MatchKey(pattern: pattern, subject: subject, partial: partial)
        if let known = outcomes[key] { return known }
        let outcome = freshMatch(pattern, subject, partial: partial)
        outcomes[key] = outcome
        return outcome
    }

    private func freshMatch(_ pattern: String, _ subject: String, partial: Bool) -> Outcome {
        matchCount += 1
        guard case .success(let code) = compile(pattern, partial ? .start : .whole),
            let data = pcre2_match_data_create_from_pattern_8(code, nil)
        else { return .unknown }
        defer { pcre2_match_data_free_8(data) }
        let bytes = Array(subject.utf8)
        let options: UInt32 = partial ? UInt32(PCRE2_PARTIAL_HARD) : 0
        let result = bytes.withUnsafeBufferPointer { buffer in
            pcre2_match_8(code, buffer.baseAddress ?? Self.empty, buffer.count, 0, options, data, context)
        }
        if result == PCRE2_ERROR_NOMATCH { return .noMatch }
        if result == PCRE2_ERROR_PARTIAL { return partial ? .partial : .noMatch }
        guard result >= 0 else { return .unknown }
        let pairs = Int(pcre2_get_ovector_count_8(data))
        guard let vector = pcre2_get_ovector_pointer_8(data) else { return .unknown }
        let groups: [String?] = (1..<max(pairs, 1)).map { group in
            let (start, end) = (vector[2 * group], vector[2 * group + 1])
            guard start != ~0, end != ~0, start <= end, end <= bytes.count else { return nil }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return .matched(groups)
    }

    /// The ASCII characters that the single-character atom `atom` (`[A-Z]`, `\d`, `x`) matches
    /// as a whole frame, as a 128-bit mask (`low` for 0-63, `high` for 64-127), found by asking
    /// PCRE2 with the runtime's options about each character; nil if the atom does not compile.
    func asciiMembers(of atom: String) -> (low: UInt64, high: UInt64)? {
        if let known = members[atom] { return known }
        guard case .success(let code) = compile(atom, .whole), let data = pcre2_match_data_create_from_pattern_8(code, nil)
        else { return nil }
        defer { pcre2_match_data_free_8(data) }
        let mask = ClassSequenceTable.asciiMask { character in
            var byte = character
            return pcre2_match_8(code, &byte, 1, 0, 0, data, context) >= 0
        }
        members[atom] = mask
        return mask
    }

    /// Whether `subject` matches (or, with `partial`, could start a match); nil when unknown.
    func matches(_ pattern: String, _ subject: String, partial: Bool = false) -> Bool? {
        switch match(pattern, subject, partial: partial) {
        case .matched, .partial: true
        case .noMatch: false
        case .unknown: nil
        }
    }

    // MARK: PCRE2

    /// Compiled with `anchoring` (PCRE2 does not allow partial matches of end-anchored patterns).
    private func compile(_ pattern: String, _ anchoring: Anchoring) -> Result<OpaquePointer, Failure> {
        let key = Key(pattern: pattern, anchoring: anchoring)
        if let known = compiled[key] { return known }
        compileCount += 1
        var errorCode: Int32 = 0
        var errorOffset = 0
        let anchors: UInt32 =
            switch anchoring {
            case .whole: UInt32(PCRE2_ANCHORED | PCRE2_ENDANCHORED)
            case .start: UInt32(PCRE2_ANCHORED)
            case .none: 0
            }
        let options = UInt32(PCRE2_UTF | PCRE2_UCP) | anchors
        let bytes = Array(pattern.utf8)
        let code: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress ?? Self.empty, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        let result: Result<OpaquePointer, Failure>
        if let code {
            result = .success(code)
        } else {
            var message = [UInt8](repeating: 0, count: 256)
            let length = pcre2_get_error_message_8(errorCode, &message, message.count)
            let text = length > 0 ? String(decoding: message.prefix(Int(length)), as: UTF8.self) : "PCRE2 error \(errorCode)"
            result = .failure(Failure(message: text, byteOffset: errorOffset))
        }
        compiled[key] = result
        return result
    }

    private static func integerInfo(_ code: OpaquePointer, _ what: Int32) -> Int {
        var value: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(what), &value)
        return Int(value)
    }

    private static func firstBytes(_ code: OpaquePointer) -> Set<UInt8>? {
        var type: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODETYPE), &type)
        if type == 1 {
            var unit: UInt32 = 0
            pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTCODEUNIT), &unit)
            // A caseless first unit is reported once; allow both cases.
            let byte = UInt8(truncatingIfNeeded: unit)
            return Set([byte, Self.otherCase(byte)])
        }
        var bitmap: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_FIRSTBITMAP), &bitmap)
        guard let bitmap else { return nil }
        return Set((0...255).filter { bitmap[$0 / 8] & (1 << ($0 % 8)) != 0 }.map { UInt8($0) })
    }

    private static func otherCase(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - 32
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        default: byte
        }
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

    nonisolated(unsafe) private static let empty: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.pointee = 0
        return UnsafePointer(pointer)
    }()
}
