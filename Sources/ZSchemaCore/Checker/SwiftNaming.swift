/// The one naming rule for generated identifiers.
///
/// Schema names are split into words at every character that is not a letter or digit and at
/// lower-to-upper case changes; a word written all in capitals counts as one word
/// (`START` → `Start`). Types use UpperCamelCase, fields and properties lowerCamelCase:
///
/// | schema            | type          | member       |
/// |-------------------|---------------|--------------|
/// | `tickz.server`    | `TickzServer` | `tickzServer`|
/// | `START`           | `Start`       | `start`      |
/// | `SELL_ALL`        | `SellAll`     | `sellAll`    |
/// | `timestamp`       | `Timestamp`   | `timestamp`  |
/// | `userID`          | `UserID`      | `userID`     |
///
/// A member that is a Swift keyword is written with backticks.
public enum SwiftNaming {
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previous = nil
                continue
            }
            if let previous, previous.isLowercase, character.isUppercase {
                words.append(current)
                current = ""
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func capitalized(_ word: String) -> String {
        let allCaps = word.allSatisfy { !$0.isLowercase }
        let rest = word.dropFirst()
        return word.prefix(1).uppercased() + (allCaps && word.count > 1 && !word.allSatisfy(\.isNumber) ? rest.lowercased() : String(rest))
    }

    /// `tickz.server` → `TickzServer`.
    public static func typeName(_ name: String) -> String {
        let result = words(name).map(capitalized).joined()
        guard let first = result.first else { return "Unnamed" }
        return first.isNumber ? "_" + result : result
    }

    /// `SELL_ALL` → `sellAll`; a keyword gets backticks.
    public static func memberName(_ name: String) -> String {
        escaped(bareMemberName(name))
    }

    /// The member name without backticks, for use inside other identifiers and strings.
    public static func bareMemberName(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "value" }
        let head = first.allSatisfy { !$0.isLowercase } ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
        let result = head + parts.dropFirst().map(capitalized).joined()
        return result.first?.isNumber == true ? "_" + result : result
    }

    /// Wraps a Swift keyword in backticks.
    public static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "async", "consume", "copy", "discard", "each", "some", "Type",
        "Protocol",
    ]
}
