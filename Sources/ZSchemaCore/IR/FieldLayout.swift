/// The Swift fields of a message, derived from its frames by one rule:
///
/// - a typed frame `name :type` is a field `name` (an array for a repeated frame);
/// - an enum frame is a field whose type is a nested enum named after the field;
/// - a constant frame is no field;
/// - a string frame whose pattern can be inverted contributes one `String` field per named
///   capture (`String?` inside an optional part, `[String]` for a repeated frame);
/// - a string frame whose pattern cannot be inverted, or that has no captures, is one `String`
///   field holding the whole frame text: `text`, or `text2`, `text3`, ... (by frame number) when
///   a message has several.
public struct FieldSpec: Sendable, Hashable {
    /// How the field maps to its frame.
    public enum Source: Sendable, Hashable {
        case typed
        case capture(group: Int)
        case wholeText
    }

    /// The field name as in the schema (before Swift naming).
    public let schemaName: String
    /// The Swift member name, without backticks.
    public let name: String
    /// The index of the frame it comes from.
    public let frame: Int
    /// How it maps to the frame.
    public let source: Source
    /// Whether the field is optional (`String?`).
    public let isOptional: Bool
    /// Whether the field is an array (repeated frame).
    public let isArray: Bool
    /// Where the frame is declared.
    public let location: SourceLocation
}

/// Computes ``FieldSpec``s.
public enum FieldLayout {
    /// The fields of a message with `frames`, in frame order.
    public static func fields(of frames: [Frame]) -> [FieldSpec] {
        let wholeTextFrames = frames.indices.filter { isWholeText(frames[$0]) }
        var fields: [FieldSpec] = []
        for (index, frame) in frames.enumerated() {
            let isArray = frame.repetition != .once
            switch frame.kind {
            case .constant:
                continue
            case .text(let pattern) where !isWholeText(frame):
                for capture in pattern.captures {
                    fields.append(FieldSpec(
                        schemaName: capture.name, name: SwiftNaming.bareMemberName(capture.name), frame: index,
                        source: .capture(group: capture.group), isOptional: capture.isOptional && !isArray,
                        isArray: isArray, location: frame.location))
                }
            case .text:
                let name = wholeTextFrames.count == 1 ? "text" : "text\(index + 1)"
                fields.append(FieldSpec(schemaName: name, name: name, frame: index, source: .wholeText,
                                        isOptional: false, isArray: isArray, location: frame.location))
            case .scalar, .string, .bytes, .enumeration:
                let schemaName = frame.name ?? "value\(index + 1)"
                fields.append(FieldSpec(schemaName: schemaName, name: SwiftNaming.bareMemberName(schemaName), frame: index,
                                        source: .typed, isOptional: false, isArray: isArray, location: frame.location))
            }
        }
        return fields
    }

    /// Whether a string frame is exposed as its whole text.
    public static func isWholeText(_ frame: Frame) -> Bool {
        guard case .text(let pattern) = frame.kind else { return false }
        return pattern.template == nil || pattern.captures.isEmpty
    }
}
