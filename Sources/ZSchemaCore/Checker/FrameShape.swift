/// Comparisons of frames by what travels on the wire, ignoring names and documentation.
///
/// Where a comparison needs PCRE2, an answer it cannot be sure of (a match limit hit, a pattern
/// zschema does not understand) counts as "may overlap" and "may select".
struct FrameShape {
    /// Matches the patterns of this checker run.
    let matcher: PatternMatcher

    /// Whether two messages put the same frames on the wire (names may differ).
    static func sameWire(_ a: [Frame], _ b: [Frame]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { sameWire($0, $1) }
    }

    static func sameWire(_ a: Frame, _ b: Frame) -> Bool {
        guard a.repetition == b.repetition else { return false }
        switch (a.kind, b.kind) {
        case (.scalar(let x, let xOrder), .scalar(let y, let yOrder)): return x == y && (xOrder == yOrder || x.byteCount == 1)
        case (.string, .string), (.bytes, .bytes): return true
        case (.enumeration(let x), .enumeration(let y)):
            return x.width == y.width && Set(x.cases.map(\.value)) == Set(y.cases.map(\.value))
        case (.integerConstant, .integerConstant), (.textConstant, .textConstant), (.integerConstant, .textConstant), (.textConstant, .integerConstant):
            return a.kind.constantBytes == b.kind.constantBytes
        case (.text(let x), .text(let y)): return anonymous(x.pcre) == anonymous(y.pcre)
        default: return false
        }
    }

    /// A pattern with capture names removed, so `(?<stock>..)` and `(?<sym>..)` compare equal.
    static func anonymous(_ pcre: String) -> String {
        var result = ""
        var rest = Substring(pcre)
        while let range = rest.firstRange(ofBytes: "(?<") {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            if let first = rest.first, first != "=", first != "!", let close = rest.firstIndex(of: ">") {
                rest = rest[close...]
            }
        }
        return result + rest
    }

    /// The first frame where two messages differ on the wire, described for a diagnostic.
    static func firstDifference(_ a: [Frame], _ b: [Frame]) -> (index: Int, text: String)? {
        for (index, (x, y)) in zip(a, b).enumerated() where !sameWire(x, y) {
            return (index, "frame \(index + 1) is \(describe(x)) here but \(describe(y)) there")
        }
        if a.count != b.count { return (min(a.count, b.count), "\(a.count) frames here but \(b.count) there") }
        return nil
    }

    static func describe(_ frame: Frame) -> String {
        let base: String =
            switch frame.kind {
            case .scalar(let type, let order): type.rawValue + (order == .little ? "le" : "")
            case .string: "string"
            case .bytes: "bytes"
            case .enumeration(let type): "(" + type.cases.map { "\($0.name) = \($0.value)" }.joined(separator: " | ") + ") " + type.width.rawValue
            case .integerConstant(let constant): "\(constant.name) = \(constant.value) \(constant.width.rawValue)"
            case .textConstant(let text): "\"\(text)\""
            case .text(let pattern): "\"\(pattern.source)\""
            }
        return base + frame.repetition.suffix
    }

    /// The exact lengths a frame can have, nil when any length is possible.
    private func width(_ kind: FrameKind) -> Int? {
        switch kind {
        case .scalar(let type, _): type.byteCount
        case .enumeration(let type): type.width.byteCount
        case .integerConstant(let constant): constant.bytes.count
        case .textConstant(let text): text.utf8.count
        case .string, .bytes, .text: nil
        }
    }

    /// Whether a message whose first frame is `frame` can start with `prefix` (ZeroMQ's
    /// subscription match). Nil when zschema cannot tell.
    func admits(_ frame: Frame, prefix: [UInt8]) -> Bool? {
        if prefix.isEmpty { return true }
        switch frame.kind {
        case .integerConstant(let constant): return constant.bytes.starts(with: prefix)
        case .textConstant(let text): return Array(text.utf8).starts(with: prefix)
        case .enumeration(let type): return type.cases.contains { $0.bytes.starts(with: prefix) }
        case .scalar(let type, _): return prefix.count <= type.byteCount
        case .string, .bytes: return true
        case .text(let pattern):
            guard let text = String(validating: prefix, as: UTF8.self) else { return false }
            return matcher.matches(pattern.pcre, text, partial: true)
        }
    }

    /// Whether a subscription frame (any value of it) can select messages whose first frame is
    /// `published`. Nil when zschema cannot tell.
    func subscription(_ subscription: Subscription, canSelect published: Frame) -> Bool? {
        if let prefix = subscription.prefix { return admits(published, prefix: prefix) }
        switch subscription.frame.kind {
        case .text(let pattern):
            guard let example = pattern.example else { return nil }
            return admits(published, prefix: Array(example.utf8))
        case .enumeration(let type):
            return type.cases.contains { admits(published, prefix: $0.bytes) ?? true }
        case .scalar(let type, _):
            return width(published.kind).map { $0 >= type.byteCount } ?? true
        default:
            return nil
        }
    }

    /// Whether two alternatives may both match some frame list, so the decoder cannot tell them
    /// apart. Decides only what it can prove disjoint; otherwise assumes overlap.
    func mayOverlap(_ a: [Frame], _ b: [Frame]) -> Bool {
        guard countRange(a).overlaps(countRange(b)) else { return false }
        // Frames line up position by position until the first repeated one; a `+` frame is there
        // at least once, so it still lines up with the other message's frame at that position.
        for (x, y) in zip(a, b) {
            if x.repetition == .zeroOrMore || y.repetition == .zeroOrMore { return true }
            if disjoint(x.kind, y.kind) { return false }
            if x.repetition != .once || y.repetition != .once { return true }
        }
        return true
    }

    private func countRange(_ frames: [Frame]) -> ClosedRange<Int> {
        let fixed = frames.filter { $0.repetition == .once }.count
        let minimum = fixed + frames.filter { $0.repetition == .oneOrMore }.count
        return minimum...(frames.count == fixed ? fixed : Int.max)
    }

    private func disjoint(_ x: FrameKind, _ y: FrameKind) -> Bool {
        if let a = width(x), let b = width(y), a != b { return true }
        if let a = x.constantBytes, let b = y.constantBytes { return a != b }
        switch (x, y) {
        case (.integerConstant(let c), .enumeration(let e)), (.enumeration(let e), .integerConstant(let c)):
            return !e.cases.contains { $0.bytes == c.bytes }
        case (.enumeration(let a), .enumeration(let b)):
            return Set(a.cases.map(\.value)).isDisjoint(with: Set(b.cases.map(\.value)))
        case (.text(let a), .text(let b)):
            return provablyDisjoint(a.pcre, b.pcre)
        case (.text(let pattern), .integerConstant(let constant)), (.integerConstant(let constant), .text(let pattern)):
            guard let text = String(validating: constant.bytes, as: UTF8.self) else { return true }
            return matcher.matches(pattern.pcre, text) == false
        case (.text(let pattern), .textConstant(let text)), (.textConstant(let text), .text(let pattern)):
            return matcher.matches(pattern.pcre, text) == false
        default:
            return false
        }
    }

    /// Whether no text matches both patterns, by what PCRE2 knows of them: neither matches the
    /// empty text and their possible first bytes are disjoint.
    private func provablyDisjoint(_ a: String, _ b: String) -> Bool {
        guard case .success(let x) = matcher.info(a), case .success(let y) = matcher.info(b),
            x.minimumLength > 0, y.minimumLength > 0,
            let first = matcher.firstBytes(a), let second = matcher.firstBytes(b)
        else { return false }
        return first.isDisjoint(with: second)
    }
}
