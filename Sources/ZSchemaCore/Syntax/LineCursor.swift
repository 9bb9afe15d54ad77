/// Reads one line of a schema character by character, keeping track of the column.
///
/// Columns count characters (grapheme clusters), as editors do; the text of a run of them is
/// cut from the line itself, which is much faster than building a `String` from `Character`s.
struct LineCursor {
    let characters: [Character]
    let file: String
    let line: Int
    private(set) var position: Int
    private let text: Substring
    /// Where each character starts in `text`, and `text.endIndex` last.
    private let starts: [String.Index]

    init(_ text: Substring, file: String, line: Int, position: Int = 0) {
        var characters: [Character] = []
        var starts: [String.Index] = []
        characters.reserveCapacity(text.utf8.count)
        starts.reserveCapacity(text.utf8.count + 1)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (a line holds no CRLF, the only two-byte ASCII character): a character per
            // byte, without grapheme breaking, which was most of the parser's time.
            var index = text.utf8.startIndex
            for byte in text.utf8 {
                characters.append(Character(Unicode.Scalar(byte)))
                starts.append(index)
                index = text.utf8.index(after: index)
            }
        } else {
            var index = text.startIndex
            while index < text.endIndex {
                characters.append(text[index])
                starts.append(index)
                index = text.index(after: index)
            }
        }
        starts.append(text.endIndex)
        self.characters = characters
        self.starts = starts
        self.text = text
        self.file = file
        self.line = line
        self.position = position
    }

    /// The text of characters `range` of the line.
    func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<characters.count)
        return String(text[starts[clamped.lowerBound]..<starts[clamped.upperBound]])
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: position + 1) }
    var atEnd: Bool { position >= characters.count }
    var peek: Character? { atEnd ? nil : characters[position] }

    func peek(offset: Int) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    /// Whether the rest of the line starts with `text`.
    func starts(with text: String) -> Bool {
        var index = position
        for character in text {
            guard index < characters.count, characters[index] == character else { return false }
            index += 1
        }
        return true
    }

    mutating func advance(_ count: Int = 1) { position = min(position + count, characters.count) }

    mutating func skipSpaces() {
        while let character = peek, character == " " || character == "\t" { position += 1 }
    }

    /// Consumes `character` if it is next.
    mutating func take(_ character: Character) -> Bool {
        guard peek == character else { return false }
        position += 1
        return true
    }

    /// Consumes the longest run of characters satisfying `predicate`.
    mutating func take(while predicate: (Character) -> Bool) -> Located<String>? {
        let start = location
        let begin = position
        while let character = peek, predicate(character) { position += 1 }
        guard position > begin else { return nil }
        return Located(value: text(begin..<position), location: start)
    }

    /// An identifier: a letter or `_`, then letters, digits and `_`.
    mutating func identifier() -> Located<String>? {
        guard let first = peek, first.isASCII, first.isLetter || first == "_" else { return nil }
        return take { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The rest of the line from the current position.
    var rest: String { text(position..<characters.count) }
}

/// A syntax error: where and what.
struct SyntaxError: Error {
    let location: SourceLocation
    let message: String
}
