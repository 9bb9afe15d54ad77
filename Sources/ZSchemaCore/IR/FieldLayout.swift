/// The fields of a message, derived from its frames by one rule:
///
/// - a typed frame `name :type` is a field `name` (a list for a repeated frame);
/// - a constant frame is no field;
/// - a string frame whose pattern can be assembled from its named captures contributes one
///   text field per capture (optional inside an optional part, a list for a repeated frame);
/// - any other string frame is one text field holding the whole frame text: `text`, or `text2`,
///   `text3`, ... (by frame number) when a message has several.
///
/// Names are as written in the schema; a backend spells them in its language.
enum FieldLayout {
    /// The fields of a message with `frames`, in frame order.
    static func fields(of frames: [Frame]) -> [Field] {
        let wholeTextFrames = frames.indices.filter { isWholeText(frames[$0]) }
        var fields: [Field] = []
        for (index, frame) in frames.enumerated() {
            let isArray = frame.repetition != .once
            switch frame.kind {
            case .integerConstant, .textConstant:
                continue
            case .text(let pattern) where !isWholeText(frame):
                for capture in pattern.captures {
                    fields.append(
                        Field(
                            name: capture.name, frame: index, source: .capture(group: capture.group),
                            isOptional: capture.isOptional && !isArray, isArray: isArray, location: frame.location))
                }
            case .text:
                let name = wholeTextFrames.count == 1 ? "text" : "text\(index + 1)"
                fields.append(Field(name: name, frame: index, source: .wholeText, isOptional: false, isArray: isArray, location: frame.location))
            case .scalar, .string, .bytes, .enumeration:
                fields.append(
                    Field(
                        name: frame.name ?? "value\(index + 1)", frame: index, source: .value,
                        isOptional: false, isArray: isArray, location: frame.location))
            }
        }
        return fields
    }

    /// Whether a string frame is exposed as its whole text.
    static func isWholeText(_ frame: Frame) -> Bool {
        guard case .text(let pattern) = frame.kind else { return false }
        return pattern.template == nil || pattern.captures.isEmpty
    }
}
