/// How a schema name is spelt in Swift: the spelling half of the naming rule (the other half,
/// who gets a name when two want it, is ``SwiftNamer``).
///
/// - A name **written in the schema** for a message, field or capture, or after `as`, is kept
///   exactly as written (`userID`, `user_id`, `class`).
/// - A name **made from schema words** is split into words at every character that is not a
///   letter or digit, at each lower-to-upper case change and where a run of capitals ends
///   (`HTTPServer` is `HTTP`, `Server`); a word written all in capitals counts as one word
///   (`START` → `Start`, `userID` → `UserId`). Types join the words in UpperCamelCase
///   (`tickz.server` → `TickzServer`), members in lowerCamelCase (`SELL_ALL` → `sellAll`,
///   `chatz_sub` → `chatzSub`).
/// - A member that is a Swift keyword is written in backticks (`` reading.`default` ``); a few
///   names cannot be used even so, or would hide a module the generated code names, and get an
///   underscore appended: ``unusableMemberNames`` and ``unusableTypeNames``.
enum SwiftIdentifier {
    /// The words of a schema name.
    static func words(_ name: String) -> [String] {
        asciiWords(name) ?? characterWords(name)
    }

    /// `words(name)` for any name, character by character.
    static func characterWords(_ name: String) -> [String] {
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
            } else if character.isLowercase, current.count >= 2, let last = current.last, last.isUppercase,
                current.dropLast().last?.isUppercase == true
            {
                // The end of a run of capitals: `HTTPServer` is `HTTP` then `Server`.
                words.append(String(current.dropLast()))
                current = String(last)
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `words(name)` for a name that is all ASCII (nil otherwise), on its bytes: the same rule
    /// without `Character`'s Unicode property look-ups, which were a fifth of naming's time.
    static func asciiWords(_ name: String) -> [String]? {
        var name = name
        return name.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy(UTF8.isASCII) else { return nil }
            var words: [String] = []
            var start = 0
            var end = 0
            func cut(_ range: Range<Int>) { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)) }
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte.isASCIIAlphanumeric else {
                    if end > start { cut(start..<end) }
                    start = index + 1
                    end = start
                    continue
                }
                if end > start, bytes[end - 1].isASCIILowercase, byte.isASCIIUppercase {
                    cut(start..<end)
                    start = index
                } else if byte.isASCIILowercase, end - start >= 2, bytes[end - 1].isASCIIUppercase, bytes[end - 2].isASCIIUppercase {
                    // The end of a run of capitals: `HTTPServer` is `HTTP` then `Server`.
                    cut(start..<(end - 1))
                    start = end - 1
                }
                end = index + 1
            }
            if end > start { cut(start..<end) }
            return words
        }
    }

    private static func capitalized(_ word: String) -> String {
        let allCaps = word.allSatisfy { !$0.isLowercase }
        let rest = word.dropFirst()
        return word.prefix(1).uppercased() + (allCaps && word.count > 1 ? rest.lowercased() : String(rest))
    }

    /// `tickz.server` → `TickzServer`, `START` → `Start`.
    static func upperCamel(_ name: String) -> String {
        let result = words(name).map(capitalized).joined()
        guard let first = result.first else { return "Unnamed" }
        return usableType(first.isNumber ? "_" + result : result)
    }

    /// `SELL_ALL` → `sellAll`, `chatz_sub` → `chatzSub`.
    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "value" }
        let head = first.allSatisfy { !$0.isLowercase } ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
        let result = head + parts.dropFirst().map(capitalized).joined()
        return usableMember(result.first?.isNumber == true ? "_" + result : result)
    }

    /// A type name as written, with an underscore appended when Swift cannot use it.
    static func usableType(_ name: String) -> String {
        keywords.contains(name) || unusableTypeNames.contains(name) ? name + "_" : name
    }

    /// A member name as written, with an underscore appended when Swift cannot use it even in
    /// backticks.
    static func usableMember(_ name: String) -> String {
        unusableMemberNames.contains(name) ? name + "_" : name
    }

    /// The identifier as it must appear in code: in backticks when it is a keyword.
    static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// An argument label as it must appear in a call or before a parameter name: keywords need
    /// no backticks there (Swift warns about them), except `inout`, `var` and `let`.
    static func label(_ identifier: String) -> String {
        ["inout", "var", "let"].contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Member names that do not work even in backticks (`` x.`self` `` is `x` itself, `E.Type` a
    /// metatype), or that would hide the modules generated code qualifies names with.
    static let unusableMemberNames: Set<String> = ["self", "Self", "Type", "Protocol", "Swift", "ZSchemaRuntime", "_"]

    /// Member names of the protocols generated types conform to, which a field or case would
    /// make ambiguous (`Hashable`'s `hashValue`, `CaseIterable`'s `allCases`, `RawRepresentable`'s
    /// `rawValue`).
    static let conformanceMembers: Set<String> = ["hashValue", "allCases", "rawValue"]

    /// The names no member of a generated type may take: ``unusableMemberNames`` and
    /// ``conformanceMembers``.
    static let reservedMemberNames = unusableMemberNames.union(conformanceMembers)

    /// Type names that are not usable as written: keywords (a type name also starts other names,
    /// `TickPublisher`, where backticks cannot go), `Type`, `Self`, `Any`, `Protocol`, and the
    /// modules generated code qualifies names with.
    static let unusableTypeNames: Set<String> = ["Type", "Self", "Any", "Protocol", "Swift", "ZSchemaRuntime", "_"]

    /// Swift's keywords and contextual keywords that cannot be identifiers without backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "async", "consume", "copy", "discard", "each", "some", "Type",
        "Protocol", "borrowing", "consuming", "any", "package", "macro", "nonisolated", "isolated", "sending",
    ]
}
