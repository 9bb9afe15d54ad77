/// A named capture of a string frame: a `String` field of the message.
public struct PatternCapture: Sendable, Hashable, Encodable {
    /// The capture's name as written.
    public let name: String
    /// Its group number in the PCRE2 pattern.
    public let group: Int
    /// Whether it sits in an optional part (then the field is `String?`).
    public let isOptional: Bool
}

/// How a string frame's text is assembled from its captures when sending.
public indirect enum TemplatePart: Sendable, Hashable, Encodable {
    /// Fixed text.
    case literal(String)
    /// The value of a capture.
    case capture(name: String, group: Int)
    /// A part that is written only when its captures are given; `keys` are the captures that
    /// decide (all of them or none must be given).
    case optional(parts: [TemplatePart], keys: [String])

    private enum CodingKeys: String, CodingKey { case kind, text, name, group, parts, keys }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .literal(let text):
            try container.encode("literal", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .capture(let name, let group):
            try container.encode("capture", forKey: .kind)
            try container.encode(name, forKey: .name)
            try container.encode(group, forKey: .group)
        case .optional(let parts, let keys):
            try container.encode("optional", forKey: .kind)
            try container.encode(parts, forKey: .parts)
            try container.encode(keys, forKey: .keys)
        }
    }
}

/// What zschema learned from a pattern.
///
/// The captures come from PCRE2's own name table. Everything derived from the pattern's
/// structure (the constant text, an example, the template for sending) is derived only when
/// the parser understood every construct, stays within ``maximumDerivedLength``, and is then
/// checked against PCRE2 with the runtime's options: a derived constant or example must match,
/// and a template filled with example values must match and capture those values. Anything that
/// fails is dropped, and the frame is then exposed as its whole text.
struct PatternAnalysis {
    /// Named captures in group order.
    var captures: [PatternCapture]
    /// The send-side template, or nil when the pattern cannot be inverted (alternations, free
    /// text outside captures, repeated captures, nested captures, inline options).
    var template: [TemplatePart]?
    /// The whole frame text when the pattern matches exactly one string (`""`, `"OK"`).
    var literal: String?
    /// One string the pattern matches, used by the checker to compare patterns.
    var example: String?
    /// Backtracking hazards in the pattern, as warnings (see ``PatternHazards``).
    var hazards: [String] = []

    /// The longest constant, example or fixed template text derived from a pattern, in bytes;
    /// a pattern that would need more is treated as opaque text.
    static let maximumDerivedLength = 4_096

    init(pattern: String, groupNumbers: [String: Int], matcher: PatternMatcher) {
        let (parsed, parsedCleanly) = PatternSyntaxParser.parse(pattern)
        var found: [(name: String, optional: Bool)] = []
        Self.collectCaptures(parsed, optional: false, into: &found)
        let optional = Dictionary(found.map { ($0.name, $0.optional) }, uniquingKeysWith: { $0 || $1 })
        // The parse is trusted only when it sees exactly PCRE2's named groups, each once.
        let understood = parsedCleanly && found.count == groupNumbers.count && Set(optional.keys) == Set(groupNumbers.keys)
        captures = groupNumbers.map { name, group in
            PatternCapture(name: name, group: group, isOptional: understood ? optional[name] ?? true : true)
        }.sorted { ($0.group, $0.name) < ($1.group, $1.name) }
        template = nil
        literal = nil
        example = nil
        guard understood else { return }
        hazards = PatternHazards(parsed, matcher: matcher).warnings

        let node = Self.fillingExamples(parsed, matcher: matcher)
        if let example = Self.example(node), matcher.matches(pattern, example) == true {
            self.example = example
        }
        guard let parts = Self.template(node, numbers: groupNumbers).map(Self.merged) else { return }
        if captures.isEmpty {
            let text = parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
            guard matcher.matches(pattern, text) == true else { return }
            literal = text
            template = parts
        } else if Self.verify(parts, pattern: pattern, values: Self.captureExamples(node), matcher: matcher) {
            template = parts
        }
    }

    private static func collectCaptures(_ node: PatternNode, optional: Bool, into found: inout [(name: String, optional: Bool)]) {
        switch node {
        case .literal, .opaque: break
        case .capture(let name, let inner):
            if let name { found.append((name, optional)) }
            collectCaptures(inner, optional: optional, into: &found)
        case .group(let inner): collectCaptures(inner, optional: optional, into: &found)
        case .sequence(let items): for item in items { collectCaptures(item, optional: optional, into: &found) }
        case .alternation(let branches):
            for branch in branches { collectCaptures(branch, optional: true, into: &found) }
        case .quantified(let inner, let min, _):
            collectCaptures(inner, optional: optional || min == 0, into: &found)
        }
    }

    private static func containsNamedCapture(_ node: PatternNode) -> Bool {
        var found: [(name: String, optional: Bool)] = []
        collectCaptures(node, optional: false, into: &found)
        return !found.isEmpty
    }

    // MARK: Template

    /// The template for `node`, or nil when it cannot be inverted.
    private static func template(_ node: PatternNode, numbers: [String: Int]) -> [TemplatePart]? {
        switch node {
        case .literal(let text): return [.literal(text)]
        case .capture(let name?, let inner):
            guard let group = numbers[name], !containsNamedCapture(inner) else { return nil }
            return [.capture(name: name, group: group)]
        case .capture(nil, let inner), .group(let inner):
            return template(inner, numbers: numbers)
        case .sequence(let items):
            var parts: [TemplatePart] = []
            for item in items {
                guard let itemParts = template(item, numbers: numbers) else { return nil }
                parts += itemParts
            }
            return parts
        case .quantified(let inner, 0, 1?):
            guard let parts = template(inner, numbers: numbers) else { return nil }
            let keys = parts.flatMap(captureNames)
            guard !keys.isEmpty else { return nil }
            return [.optional(parts: merged(parts), keys: keys)]
        case .quantified(let inner, let min, let max?) where min == max:
            // A fixed repeat of fixed text (`a{3}`, `(?:ab){2}`) is fixed text.
            guard let parts = template(inner, numbers: numbers), parts.allSatisfy({ captureNames($0).isEmpty }),
                let repeated = repeating(parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined(), min)
            else { return nil }
            return [.literal(repeated)]
        case .opaque(let text, _) where text == "^" || text == "$" || text == "\\A" || text == "\\z" || text == "\\Z":
            return [.literal("")]
        case .alternation, .quantified, .opaque, .capture:
            return nil
        }
    }

    private static func captureNames(_ part: TemplatePart) -> [String] {
        switch part {
        case .literal: []
        case .capture(let name, _): [name]
        case .optional(let parts, _): parts.flatMap(captureNames)
        }
    }

    private static func merged(_ parts: [TemplatePart]) -> [TemplatePart] {
        var result: [TemplatePart] = []
        for part in parts {
            if case .literal(let text) = part {
                if text.isEmpty { continue }
                if case .literal(let previous)? = result.last {
                    result[result.count - 1] = .literal(previous + text)
                    continue
                }
            }
            result.append(part)
        }
        return result
    }

    /// Fills the template with example values, once with every optional part and once without
    /// any, and checks that PCRE2 matches each text and captures exactly those values. A filling
    /// that cannot be made (no example for some capture) is skipped: the runtime checks every
    /// frame it sends in the same way.
    private static func verify(_ parts: [TemplatePart], pattern: String, values: [String: String], matcher: PatternMatcher) -> Bool {
        for withOptionals in [true, false] {
            var given: [Int: String] = [:]
            guard let text = fill(parts, values: values, withOptionals: withOptionals, given: &given) else { continue }
            guard case .matched(let groups) = matcher.match(pattern, text) else { return false }
            for (group, value) in given where group > groups.count || groups[group - 1] != value { return false }
        }
        return true
    }

    private static func fill(
        _ parts: [TemplatePart], values: [String: String], withOptionals: Bool, given: inout [Int: String]
    ) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .capture(let name, let group):
                guard let value = values[name] else { return nil }
                given[group] = value
                text += value
            case .optional(let inner, _):
                guard withOptionals else { continue }
                guard let innerText = fill(inner, values: values, withOptionals: true, given: &given) else { return nil }
                text += innerText
            }
        }
        return text.utf8.count <= maximumDerivedLength ? text : nil
    }

    // MARK: Examples

    /// One example value for each named capture.
    private static func captureExamples(_ node: PatternNode) -> [String: String] {
        var values: [String: String] = [:]
        func visit(_ node: PatternNode) {
            switch node {
            case .literal, .opaque: break
            case .capture(let name, let inner):
                if let name, let value = example(inner) { values[name] = value }
                visit(inner)
            case .group(let inner), .quantified(let inner, _, _): visit(inner)
            case .sequence(let items), .alternation(let items): items.forEach(visit)
            }
        }
        visit(node)
        return values
    }

    /// Asks PCRE2 for an example of each class or escape the parser could not give one for
    /// (`[^\037]`, `\p{Lu}`): the first of a few candidate characters that the piece matches alone.
    private static func fillingExamples(_ node: PatternNode, matcher: PatternMatcher) -> PatternNode {
        switch node {
        case .literal: return node
        case .opaque(let text, nil) where text.hasPrefix("[") || text.hasPrefix("\\p") || text.hasPrefix("\\P"):
            let example = exampleCandidates.first { matcher.matches(text, $0) == true }
            return .opaque(text: text, example: example)
        case .opaque: return node
        case .capture(let name, let inner): return .capture(name: name, fillingExamples(inner, matcher: matcher))
        case .group(let inner): return .group(fillingExamples(inner, matcher: matcher))
        case .sequence(let items): return .sequence(items.map { fillingExamples($0, matcher: matcher) })
        case .alternation(let items): return .alternation(items.map { fillingExamples($0, matcher: matcher) })
        case .quantified(let inner, let min, let max):
            return .quantified(fillingExamples(inner, matcher: matcher), min: min, max: max)
        }
    }

    private static let exampleCandidates = ["a", "A", "0", "_", " ", "-", "x", "Z", "9", ".", "é", "!", "\u{1F}", "\n"]

    static func example(_ node: PatternNode) -> String? {
        switch node {
        case .literal(let text): return text
        case .capture(_, let inner), .group(let inner): return example(inner)
        case .sequence(let items):
            var text = ""
            for item in items {
                guard let part = example(item), text.utf8.count + part.utf8.count <= maximumDerivedLength else { return nil }
                text += part
            }
            return text
        case .alternation(let branches): return branches.lazy.compactMap(example).first
        case .quantified(let inner, let min, _):
            return example(inner).flatMap { repeating($0, min) }
        case .opaque(_, let example): return example
        }
    }

    /// `text` repeated `count` times, or nil when that would exceed ``maximumDerivedLength``.
    private static func repeating(_ text: String, _ count: Int) -> String? {
        guard text.utf8.count.multipliedReportingOverflow(by: count).partialValue <= maximumDerivedLength,
            !text.utf8.count.multipliedReportingOverflow(by: count).overflow
        else { return nil }
        return String(repeating: text, count: count)
    }
}
