/// Reads one line of a schema character by character, keeping track of the column.
///
/// Columns count characters (grapheme clusters), as editors do; the text of a run of them is
/// cut from the line itself, which is much faster than building a `String` from `Character`s.
struct LineCursor {
    let file: String
    let line: Int
    private(set) var position: Int
    private let text: Substring
    /// The line's bytes when it is all ASCII (a line holds no CRLF, the only ASCII character of
    /// two bytes): then a byte is a character, and no grapheme breaking is needed, which was most
    /// of the parser's time. Empty otherwise (or for an empty line).
    private let ascii: [UInt8]
    /// The characters of a line that is not all ASCII; empty otherwise.
    private let characters: [Character]
    /// Where each of `characters` starts in `text`, and `text.endIndex` last; empty for ASCII.
    private let starts: [String.Index]
    /// The number of characters.
    let count: Int
    private let isASCII: Bool

    init(_ text: Substring, file: String, line: Int, position: Int = 0) {
        isASCII = text.utf8.allSatisfy(UTF8.isASCII)
        if isASCII {
            ascii = Array(text.utf8)
            characters = []
            starts = []
            count = ascii.count
        } else {
            var characters: [Character] = []
            var starts: [String.Index] = []
            var index = text.startIndex
            while index < text.endIndex {
                characters.append(text[index])
                starts.append(index)
                index = text.index(after: index)
            }
            starts.append(text.endIndex)
            ascii = []
            self.characters = characters
            self.starts = starts
            count = characters.count
        }
        self.text = text
        self.file = file
        self.line = line
        self.position = position
    }

    /// `Character(Unicode.Scalar(byte))` for every ASCII byte, made once.
    private static let asciiCharacters: [Character] = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }

    /// Character `index` of the line.
    private func character(_ index: Int) -> Character {
        isASCII ? Self.asciiCharacters[Int(ascii[index])] : characters[index]
    }

    /// Where character `index` (or the end, at `count`) starts in `text`.
    private func start(_ index: Int) -> String.Index {
        isASCII ? text.utf8.index(text.startIndex, offsetBy: index) : starts[index]
    }

    /// The text of characters `range` of the line.
    func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<count)
        return String(text[start(clamped.lowerBound)..<start(clamped.upperBound)])
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: position + 1) }
    var atEnd: Bool { position >= count }
    var peek: Character? { atEnd ? nil : character(position) }

    func peek(offset: Int) -> Character? {
        position + offset < count ? character(position + offset) : nil
    }

    /// Whether the rest of the line starts with `text`.
    func starts(with text: String) -> Bool {
        var index = position
        for character in text {
            guard index < count, self.character(index) == character else { return false }
            index += 1
        }
        return true
    }

    mutating func advance(_ count: Int = 1) { position = min(position + count, self.count) }

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
        guard isASCII else { return take { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } }
        let start = location
        let begin = position
        while position < count, ascii[position].isASCIIAlphanumeric || ascii[position] == UInt8(ascii: "_") { position += 1 }
        return Located(value: text(begin..<position), location: start)
    }

    /// The rest of the line from the current position.
    var rest: String { text(position..<count) }
}

/// A syntax error: where and what.
struct SyntaxError: Error {
    let location: SourceLocation
    let message: String
}
