/// Reads one line of a schema character by character, keeping track of the column.
struct LineCursor {
    let characters: [Character]
    let file: String
    let line: Int
    private(set) var position: Int

    init(_ text: Substring, file: String, line: Int, position: Int = 0) {
        self.characters = Array(text)
        self.file = file
        self.line = line
        self.position = position
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
        return Located(value: String(characters[begin..<position]), location: start)
    }

    /// An identifier: a letter or `_`, then letters, digits and `_`.
    mutating func identifier() -> Located<String>? {
        guard let first = peek, first.isASCII, first.isLetter || first == "_" else { return nil }
        return take { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The rest of the line from the current position.
    var rest: String { String(characters[min(position, characters.count)...]) }
}

/// A syntax error: where and what.
struct SyntaxError: Error {
    let location: SourceLocation
    let message: String
}
