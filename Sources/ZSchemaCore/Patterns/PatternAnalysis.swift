/// A named capture of a string frame: a `String` field of the message.
public struct PatternCapture: Sendable, Hashable, Codable {
    /// The capture's name as written.
    public let name: String
    /// Its group number in the PCRE2 pattern.
    public let group: Int
    /// Whether it sits in an optional part (then the field is `String?`).
    public let isOptional: Bool
}

/// How a string frame's text is assembled from its captures when sending.
public indirect enum TemplatePart: Sendable, Hashable, Codable {
    /// Fixed text.
    case literal(String)
    /// The value of a capture.
    case capture(name: String, group: Int)
    /// A part that is written only when its captures are given; `keys` are the captures that
    /// decide (all of them or none must be given).
    case optional(parts: [TemplatePart], keys: [String])
}

/// What zschema learned from a pattern's structure.
struct PatternAnalysis {
    /// Named captures in group order (group numbers from PCRE2's name table when available).
    var captures: [PatternCapture]
    /// The send-side template, or nil when the pattern cannot be inverted (alternations, free
    /// text outside captures, repeated captures, inline options).
    var template: [TemplatePart]?
    /// The whole frame text when the pattern matches exactly one string (`""`, `"OK"`).
    var literal: String?
    /// One string the pattern should match, used by the checker to compare patterns.
    var example: String?

    init(pattern: String, groupNumbers: [String: Int]) {
        let (node, usesOptions) = PatternSyntaxParser.parse(pattern)
        var found: [(name: String, optional: Bool)] = []
        Self.collectCaptures(node, optional: false, into: &found)
        var seen = Set<String>()
        captures = found.compactMap { capture in
            guard seen.insert(capture.name).inserted else { return nil }
            let group = groupNumbers[capture.name] ?? 0
            return PatternCapture(name: capture.name, group: group, isOptional: capture.optional)
        }.sorted { $0.group < $1.group }
        let numbersKnown = captures.allSatisfy { $0.group > 0 }
        if !usesOptions, numbersKnown, let parts = Self.template(node, numbers: groupNumbers) {
            template = Self.merged(parts)
        } else {
            template = nil
        }
        if let template, captures.isEmpty {
            literal = template.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
        } else {
            literal = nil
        }
        example = usesOptions ? nil : Self.example(node)
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

    /// The template for `node`, or nil when it cannot be inverted.
    private static func template(_ node: PatternNode, numbers: [String: Int]) -> [TemplatePart]? {
        switch node {
        case .literal(let text): return [.literal(text)]
        case .capture(let name?, _):
            guard let group = numbers[name] else { return nil }
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
            let keys = parts.compactMap { part -> String? in
                if case .capture(let name, _) = part { name } else { nil }
            }
            guard !keys.isEmpty else { return nil }
            return [.optional(parts: merged(parts), keys: keys)]
        case .quantified(.literal(let text), let min, let max?) where min == max:
            return [.literal(String(repeating: text, count: min))]
        case .opaque(let text, _) where text == "^" || text == "$" || text == "\\A" || text == "\\z" || text == "\\Z":
            return [.literal("")]
        case .alternation, .quantified, .opaque, .capture:
            return nil
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

    private static func example(_ node: PatternNode) -> String? {
        switch node {
        case .literal(let text): return text
        case .capture(_, let inner), .group(let inner): return example(inner)
        case .sequence(let items):
            var text = ""
            for item in items {
                guard let part = example(item) else { return nil }
                text += part
            }
            return text
        case .alternation(let branches): return branches.first.flatMap(example)
        case .quantified(let inner, let min, _):
            guard let part = example(inner) else { return nil }
            return String(repeating: part, count: min)
        case .opaque(_, let example): return example
        }
    }
}
