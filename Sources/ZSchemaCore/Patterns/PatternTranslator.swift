/// Turns a schema pattern into PCRE2 syntax.
///
/// The seed writes named captures as `(?name:...)`; PCRE2 spells them `(?<name>...)`. A group
/// `(?X:` is taken as a named capture when `X` is an identifier that is not made only of PCRE2's
/// inline option letters (`i m n s x J U`), so `(?i:...)` and `(?sx:...)` keep their PCRE2
/// meaning while `(?stock:...)` and `(?usr:...)` are captures. A name made only of option letters
/// (`min`, `ms`) must be written `(?<min>...)`. Backslash escapes, character classes and
/// `\Q...\E` quotes are copied unchanged.
struct PatternTranslator {
    /// The PCRE2 pattern.
    let translated: String
    /// For each UTF-8 byte offset of `translated` (and one past its end), the character offset
    /// in the schema's pattern text it came from.
    let originOfByte: [Int]

    private static let optionLetters: Set<Character> = ["i", "m", "n", "s", "x", "J", "U"]

    init(_ source: String) {
        let characters = Array(source)
        var output: [(Character, Int)] = []
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "Q" {
                // \Q...\E is literal text: nothing in it is a group.
                var end = index + 2
                while end < characters.count, !(characters[end] == "\\" && end + 1 < characters.count && characters[end + 1] == "E") { end += 1 }
                end = min(end + 2, characters.count)
                for offset in index..<end { output.append((characters[offset], offset)) }
                index = end
                continue
            }
            if character == "\\" {
                output.append((character, index))
                if index + 1 < characters.count { output.append((characters[index + 1], index + 1)) }
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
                output.append((character, index))
                index += 1
                continue
            }
            if character == "[" {
                inClass = true
                output.append((character, index))
                index += 1
                // A ']' right after '[' or '[^' is a literal member.
                if index < characters.count, characters[index] == "^" {
                    output.append(("^", index))
                    index += 1
                }
                if index < characters.count, characters[index] == "]" {
                    output.append(("]", index))
                    index += 1
                }
                continue
            }
            if character == "(", index + 1 < characters.count, characters[index + 1] == "?",
                let name = Self.shorthandName(characters, from: index + 2)
            {
                output.append(("(", index))
                output.append(("?", index + 1))
                output.append(("<", index + 2))
                for (offset, letter) in name.enumerated() { output.append((letter, index + 2 + offset)) }
                output.append((">", index + 2 + name.count))
                index += 2 + name.count + 1
                continue
            }
            output.append((character, index))
            index += 1
        }
        translated = String(output.map(\.0))
        var origins: [Int] = []
        for (character, origin) in output {
            origins.append(contentsOf: repeatElement(origin, count: character.utf8.count))
        }
        origins.append(characters.count)
        originOfByte = origins
    }

    /// The name in `(?name:` starting at `start`, if this is the shorthand for a named capture.
    private static func shorthandName(_ characters: [Character], from start: Int) -> String? {
        var end = start
        while end < characters.count, characters[end].isASCII,
            characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
        {
            end += 1
        }
        guard end > start, end < characters.count, characters[end] == ":",
            let first = characters[start].unicodeScalars.first,
            first == "_" || (first.properties.isAlphabetic)
        else { return nil }
        let name = characters[start..<end]
        guard name.contains(where: { !optionLetters.contains($0) }) else { return nil }
        return String(name)
    }

    /// The character offset in the schema's pattern text for a PCRE2 byte offset.
    func originalOffset(ofByte byte: Int) -> Int {
        originOfByte[min(max(byte, 0), originOfByte.count - 1)]
    }
}
