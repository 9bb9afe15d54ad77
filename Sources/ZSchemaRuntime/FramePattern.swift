import CPCRE2
internal import ZSchemaClassSequence

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A PCRE2 pattern that a string frame must match as a whole, compiled once (with JIT where the
/// platform supports it) and shared by every encoder and decoder of its frame.
///
/// Matching is anchored at both ends and runs in UTF mode with Unicode properties (`PCRE2_UCP`),
/// so `\w`, `\d` and `[[:alpha:]]` cover non-ASCII letters and digits, as in Python's `re`. Each thread has its own match data
/// for the pattern, made on its first match and reused, so a match allocates nothing and threads
/// match in parallel without a lock.
///
/// Patterns that are a plain sequence of quantified single-character classes, optionally
/// wrapped whole in one capturing group (`(?<symbol>[A-Z][A-Z0-9]+)`, `\d{4}-\d{2}`), also get
/// a byte-level automaton that answers for all-ASCII frames without PCRE2; it
/// learns each class's ASCII members from PCRE2, so both engines give the same answers (see
/// ``Engine``).
public final class FramePattern: @unchecked Sendable {
    /// The pattern text as given to PCRE2.
    public let pattern: String
    /// The number of capturing groups in the pattern.
    public let captureCount: Int

    private let code: OpaquePointer
    /// This pattern's number, which finds its match state among a thread's (``PCRE2ThreadStates``).
    private let serial: UInt64
    /// Answers for all-ASCII subjects when the pattern's shape allows it; it exists only for
    /// patterns with no group or one group spanning the whole pattern.
    @usableFromInline let automaton: ClassSequenceAutomaton?

    /// Which engines a pattern may use.
    public enum Engine: Sendable {
        /// A byte-level automaton for all-ASCII frames when the pattern is a sequence of
        /// quantified single-character classes, PCRE2 otherwise: the default.
        case automatic
        /// PCRE2 (with its JIT) for every match; for comparisons and tests.
        case pcre2
    }

    /// Whether matches of all-ASCII frames run on the byte-level automaton rather than PCRE2.
    public var usesASCIIAutomaton: Bool { automaton != nil }

    /// What a match attempt found.
    public enum Outcome: Sendable, Equatable {
        case matched
        case noMatch
        case invalidUTF8
        /// PCRE2 gave up before it could tell: the frame would cost more than ``matchLimit(forLength:)``
        /// steps (or more memory than the limits allow). Never reported as a mismatch.
        case limitExceeded
    }

    /// How many steps PCRE2 may take to match a frame of `length` bytes: a base that any short
    /// frame of any sane pattern needs far less of, plus a budget per byte, so that every valid
    /// frame up to a socket's maximum message size matches while a short hostile frame against a
    /// backtracking-prone pattern gives up in well under a millisecond (about 0.2 ms for 30
    /// bytes here, against 35 ms with PCRE2's default of ten million).
    public static func matchLimit(forLength length: Int) -> UInt32 {
        let (perByte, overflow) = length.multipliedReportingOverflow(by: 64)
        return overflow ? .max : UInt32(clamping: perByte.addingReportingOverflow(10_000).overflow ? Int.max : perByte + 10_000)
    }

    /// The largest JIT stack a match may grow to (it starts at 32 KiB); PCRE2's default of
    /// 32 KiB makes a group repeated over a few thousand bytes fail, as `(\w|a)+` does on a
    /// 5,000-byte frame.
    public static let maximumJITStack = 64 * 1024 * 1024
    /// The most heap the interpreter may use for one match, in KiB (for patterns without JIT).
    public static let heapLimitKiB: UInt32 = 64 * 1024

    /// Compiles `pattern`. Schema patterns are compiled by `zschema` first, so a failure here
    /// means the pattern did not come from a checked schema.
    /// - Parameters:
    ///   - pattern: A PCRE2 pattern, matched against whole frames in UTF mode with Unicode
    ///     properties.
    ///   - engine: ``Engine/automatic`` (the default) lets all-ASCII frames of simple patterns
    ///     skip PCRE2; ``Engine/pcre2`` sends every match to PCRE2.
    /// - Throws: ``FramePatternError`` with PCRE2's message and the offset of the error.
    public init(_ pattern: String, engine: Engine = .automatic) throws(FramePatternError) {
        let compiled = try Self.compile(pattern)
        _ = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE))  // falls back to the interpreter
        var captures: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.pattern = pattern
        self.code = compiled
        self.captureCount = Int(captures)
        self.serial = Self.nextSerial()
        let automaton = engine == .automatic ? ClassSequenceAutomaton(pattern: pattern, asciiMembers: Self.asciiMembers(of:)) : nil
        // The automaton reports group 1 as the whole subject, or no groups at all.
        if let automaton, automaton.capturesWhole != (captures == 1) || captures > 1 {
            automaton.deallocate()
            self.automaton = nil
        } else {
            self.automaton = automaton
        }
    }

    /// Compiles a pattern that generated code embeds; the compiler already checked it.
    public convenience init(generated pattern: String, engine: Engine = .automatic) {
        do { try self.init(pattern, engine: engine) } catch {
            fatalError("generated pattern \"\(pattern)\" failed to compile: \(error)")
        }
    }

    private static let compileOptions = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED)

    private static func compile(_ pattern: String) throws(FramePatternError) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled: OpaquePointer? = pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count - 1, compileOptions, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw FramePatternError(message: Self.errorMessage(errorCode), offset: errorOffset)
        }
        return compiled
    }

    /// The ASCII characters that the single-character atom `atom` matches, found by asking
    /// PCRE2 (same options) about each of them; nil if the atom does not compile alone.
    private static func asciiMembers(of atom: String) -> (low: UInt64, high: UInt64)? {
        guard let code = try? compile(atom) else { return nil }
        defer { pcre2_code_free_8(code) }
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
        defer { pcre2_match_data_free_8(data) }
        return ClassSequenceTable.asciiMask { character in
            var byte = character
            return pcre2_match_8(code, &byte, 1, 0, 0, data, nil) >= 0
        }
    }

    deinit {
        automaton?.deallocate()
        pcre2_code_free_8(code)
    }

    /// PCRE2's text for an error code.
    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "PCRE2 error \(code)"
    }

    /// Matches `bytes` against the whole pattern without extracting captures.
    @inlinable
    public func test(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        switch automaton?.match(bytes) {
        case .matched: return .matched
        case .noMatch: return .noMatch
        case nil: return testWithPCRE2(bytes)
        }
    }

    @usableFromInline
    func testWithPCRE2(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        run(bytes).outcome
    }

    /// Matches `string` against the whole pattern.
    @inlinable
    public func test(_ string: String) -> Outcome {
        string.withUTF8Bytes { test($0) }
    }

    /// Matches `bytes` and returns each capturing group's text (index 0 is group 1), `nil` for a
    /// group that did not take part; or the reason the match failed.
    public func captures(_ bytes: UnsafeRawBufferPointer) -> Result<[String?], CaptureFailure> {
        switch automaton?.match(bytes) {
        case .noMatch: return .failure(.noMatch)
        // With an automaton there is no group, or one spanning the subject.
        case .matched: return .success(captureCount == 0 ? [] : [String(frameText: bytes)])
        case nil: break
        }
        let (outcome, ovector) = run(bytes)
        if let failure = CaptureFailure(outcome) { return .failure(failure) }
        var groups: [String?] = []
        groups.reserveCapacity(captureCount)
        for group in stride(from: 1, through: captureCount, by: 1) { groups.append(Self.group(group, of: bytes, in: ovector)) }
        return .success(groups)
    }

    /// Matches `bytes` and returns its capturing groups as ``PatternCaptures``, which holds the
    /// first four without an array.
    @usableFromInline
    func patternCaptures(_ bytes: UnsafeRawBufferPointer) -> Result<PatternCaptures, CaptureFailure> {
        switch automaton?.match(bytes) {
        case .noMatch: return .failure(.noMatch)
        // With an automaton there is no group, or one spanning the subject.
        case .matched: return .success(PatternCaptures(count: captureCount) { _ in String(frameText: bytes) })
        case nil: break
        }
        let (outcome, ovector) = run(bytes)
        if let failure = CaptureFailure(outcome) { return .failure(failure) }
        return .success(PatternCaptures(count: captureCount) { Self.group($0, of: bytes, in: ovector) })
    }

    /// Matches `bytes` and returns the text of one capturing group (`nil` if it did not take
    /// part), without building the array ``captures(_:)`` returns: no allocation beyond the
    /// string itself (none for a string of up to 15 UTF-8 bytes).
    @inlinable
    public func capture(_ bytes: UnsafeRawBufferPointer, group: Int) -> Result<String?, CaptureFailure> {
        precondition(group >= 1 && group <= captureCount, "pattern \(pattern) has no group \(group)")
        switch automaton?.match(bytes) {
        case .noMatch: return .failure(.noMatch)
        // With an automaton the only group spans the whole subject.
        case .matched: return .success(String(frameText: bytes))
        case nil: return captureWithPCRE2(bytes, group: group)
        }
    }

    @usableFromInline
    func captureWithPCRE2(_ bytes: UnsafeRawBufferPointer, group: Int) -> Result<String?, CaptureFailure> {
        let (outcome, ovector) = run(bytes)
        if let failure = CaptureFailure(outcome) { return .failure(failure) }
        return .success(Self.group(group, of: bytes, in: ovector))
    }

    /// The text of capturing group `group`, or nil when it did not take part.
    private static func group(_ group: Int, of bytes: UnsafeRawBufferPointer, in ovector: UnsafeMutablePointer<Int>) -> String? {
        let start = ovector[2 * group], end = ovector[2 * group + 1]
        if start == unset { return nil }
        return String(frameText: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
    }

    /// `PCRE2_UNSET` (`~(size_t)0`) as Swift imports `size_t`.
    private static let unset = Int(bitPattern: UInt.max)

    /// Why ``captures(_:)`` found no match.
    public enum CaptureFailure: Error, Sendable {
        case noMatch, invalidUTF8
        /// PCRE2 gave up before it could tell (see ``Outcome/limitExceeded``).
        case limitExceeded

        /// The failure an outcome is; nil for a match.
        init?(_ outcome: Outcome) {
            switch outcome {
            case .matched: return nil
            case .noMatch: self = .noMatch
            case .invalidUTF8: self = .invalidUTF8
            case .limitExceeded: self = .limitExceeded
            }
        }
    }

    private static let serialLock = ThreadLock()
    nonisolated(unsafe) private static var lastSerial: UInt64 = 0

    /// A number no other pattern of this process has had.
    private static func nextSerial() -> UInt64 {
        serialLock.withLock {
            lastSerial += 1
            return lastSerial
        }
    }

    /// One match under the limits, with the calling thread's own match state for this pattern
    /// (made on its first match); on a match, the ovector, valid until this thread's next match
    /// with this pattern.
    private func run(_ bytes: UnsafeRawBufferPointer) -> (outcome: Outcome, ovector: UnsafeMutablePointer<Int>) {
        let state = PCRE2ThreadStates.current.pointee.state(
            for: serial, code: code, heapLimitKiB: Self.heapLimitKiB, maximumJITStack: Self.maximumJITStack)
        let limit = Self.matchLimit(forLength: bytes.count)
        pcre2_set_match_limit_8(state.matchContext, limit)
        // The interpreter's backtracking depth; the JIT ignores it and has its stack instead.
        pcre2_set_depth_limit_8(state.matchContext, limit)
        let result = withUnsafeSubject(bytes) { subject in
            pcre2_match_8(code, subject, bytes.count, 0, 0, state.matchData, state.matchContext)
        }
        let ovector = pcre2_get_ovector_pointer_8(state.matchData)!
        if result >= 0 { return (.matched, ovector) }
        // PCRE2_ERROR_UTF8_ERR1 ... ERR21 are -3 ... -23.
        if result <= PCRE2_ERROR_UTF8_ERR1 && result >= PCRE2_ERROR_UTF8_ERR21 { return (.invalidUTF8, ovector) }
        if result == PCRE2_ERROR_NOMATCH || result == PCRE2_ERROR_PARTIAL { return (.noMatch, ovector) }
        // PCRE2_ERROR_MATCHLIMIT, DEPTHLIMIT, HEAPLIMIT, JIT_STACKLIMIT, NOMEMORY: no answer.
        return (.limitExceeded, ovector)
    }
}

/// PCRE2 wants a non-null subject pointer even for an empty subject.
nonisolated(unsafe) private let emptySubject: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1)

@inline(__always)
private func withUnsafeSubject<R>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafePointer<UInt8>) -> R) -> R {
    if let base = bytes.baseAddress {
        return body(base.assumingMemoryBound(to: UInt8.self))
    }
    return body(emptySubject)
}

/// A pattern PCRE2 refused to compile.
public struct FramePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2's message.
    public let message: String
    /// The offset in the pattern (in UTF-8 bytes) where PCRE2 found the error.
    public let offset: Int
    public var description: String { "\(message) at offset \(offset)" }
}
