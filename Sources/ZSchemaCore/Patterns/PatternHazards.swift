/// Shapes of a pattern that let a backtracking matcher take exponential time on a frame that
/// almost matches: what the checker warns about, so that a schema's author sees the risk before a
/// hostile peer does. (The runtime's step budget keeps such a frame cheap either way; see
/// `FramePattern.matchLimit(forLength:)`.)
///
/// Two shapes, both under an unbounded repetition (`*`, `+`, `{n,}`):
/// - a **nested quantifier** whose iterations can split the same text in many ways: `(a+)+`,
///   `(\w+\s?)*` (the rest of the repeated part can match nothing), but not `(?:[A-Z]+,)*`, whose
///   comma ends each iteration;
/// - an **ambiguous alternation**, whose alternatives can match the same text: `(\w|a)+`.
struct PatternHazards {
    /// One warning per hazard, naming the part of the pattern at fault.
    let warnings: [String]

    init(_ node: PatternNode, matcher: PatternMatcher) {
        var found: [String] = []
        Self.visit(node, matcher: matcher, into: &found)
        warnings = found
    }

    private static func visit(_ node: PatternNode, matcher: PatternMatcher, into found: inout [String]) {
        switch node {
        case .literal, .opaque:
            return
        case .capture(_, let inner), .group(let inner):
            visit(inner, matcher: matcher, into: &found)
        case .sequence(let items), .alternation(let items):
            for item in items { visit(item, matcher: matcher, into: &found) }
        case .quantified(let inner, _, let max):
            if max == nil {
                if let nested = ambiguousNesting(in: inner) {
                    found.append(
                        "nested quantifiers: '\(render(nested))' repeats inside '\(render(node))', so a frame that almost matches can take exponential time to reject; make each repetition end on something the inner one cannot match"
                    )
                    return
                }
                if let (first, second) = overlappingAlternatives(in: inner, matcher: matcher) {
                    found.append(
                        "ambiguous alternation under repetition: '\(render(first))' and '\(render(second))' in '\(render(node))' can match the same text, so a frame that almost matches can take exponential time to reject; make the alternatives disjoint"
                    )
                    return
                }
            }
            visit(inner, matcher: matcher, into: &found)
        }
    }

    /// A quantifier inside `node` that repeats more than once while the rest of `node` can
    /// match the empty text, so that iterations of the outer repetition have no fixed boundary.
    private static func ambiguousNesting(in node: PatternNode) -> PatternNode? {
        switch node {
        case .capture(_, let inner), .group(let inner):
            return ambiguousNesting(in: inner)
        case .quantified(_, _, let max) where max == nil || max! > 1:
            return node
        case .alternation(let branches):
            return branches.lazy.compactMap(ambiguousNesting).first
        case .sequence(let items):
            for (index, item) in items.enumerated() {
                guard let nested = ambiguousNesting(in: item) else { continue }
                let rest = items.enumerated().filter { $0.offset != index }.map(\.element)
                if rest.allSatisfy(canMatchEmpty) { return nested }
            }
            return nil
        default:
            return nil
        }
    }

    /// Two alternatives of the alternation `node` (through groups) that can match the same
    /// text: one matches the other's example.
    private static func overlappingAlternatives(in node: PatternNode, matcher: PatternMatcher) -> (PatternNode, PatternNode)? {
        switch node {
        case .capture(_, let inner), .group(let inner):
            return overlappingAlternatives(in: inner, matcher: matcher)
        case .alternation(let branches):
            for (index, first) in branches.enumerated() {
                for second in branches[(index + 1)...] where overlap(first, second, matcher: matcher) { return (first, second) }
            }
            return nil
        default:
            return nil
        }
    }

    private static func overlap(_ first: PatternNode, _ second: PatternNode, matcher: PatternMatcher) -> Bool {
        let (a, b) = (render(first), render(second))
        for (pattern, node) in [(a, second), (b, first)] {
            if let example = PatternAnalysis.example(node), !example.isEmpty, matcher.matches(pattern, example) == true { return true }
        }
        return false
    }

    /// Whether `node` can match the empty text (unknown opaque pieces count as not).
    private static func canMatchEmpty(_ node: PatternNode) -> Bool {
        switch node {
        case .literal(let text): text.isEmpty
        case .capture(_, let inner), .group(let inner): canMatchEmpty(inner)
        case .sequence(let items): items.allSatisfy(canMatchEmpty)
        case .alternation(let branches): branches.contains(where: canMatchEmpty)
        case .quantified(let inner, let min, _): min == 0 || canMatchEmpty(inner)
        case .opaque(_, let example): example == ""
        }
    }

    /// PCRE2 text for `node`, with every group non-capturing (a piece on its own).
    static func render(_ node: PatternNode) -> String {
        switch node {
        case .literal(let text):
            return text.unicodeScalars.map { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == " "
                    ? String(scalar) : "\\x{\(String(scalar.value, radix: 16))}"
            }.joined()
        case .capture(_, let inner), .group(let inner):
            return "(" + render(inner) + ")"
        case .sequence(let items):
            return items.map(render).joined()
        case .alternation(let branches):
            return branches.map(render).joined(separator: "|")
        case .quantified(let inner, let min, let max):
            let atom: String
            switch inner {
            case .literal(let text) where text.unicodeScalars.count == 1: atom = render(inner)
            case .opaque, .capture, .group: atom = render(inner)
            default: atom = "(?:" + render(inner) + ")"
            }
            switch (min, max) {
            case (0, nil): return atom + "*"
            case (1, nil): return atom + "+"
            case (0, 1): return atom + "?"
            case (let low, nil): return atom + "{\(low),}"
            case (let low, let high?) where low == high: return atom + "{\(low)}"
            case (let low, let high?): return atom + "{\(low),\(high)}"
            }
        case .opaque(let text, _):
            return text
        }
    }
}
