import ArgumentParser
import Foundation

/// PLAIN password files: one `user:password` per line; blank lines and lines starting with `#`
/// are skipped.
enum PasswordFile {
    /// The entries of the file at `path`, in order.
    /// - Throws: `ValidationError` naming the file and line of a line without a `:`, an empty
    ///   user name or a user given twice.
    static func loadEntries(_ path: String) throws -> [(String, String)] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("cannot read \(path) as UTF-8 text")
        }
        var entries: [(String, String)] = []
        var seen: Set<String> = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw ValidationError("\(path):\(index + 1): expected user:password")
            }
            let user = String(line[..<colon])
            guard seen.insert(user).inserted else { throw ValidationError("\(path):\(index + 1): user '\(user)' given twice") }
            entries.append((user, String(line[line.index(after: colon)...])))
        }
        return entries
    }

    /// The file's users and their passwords.
    static func load(_ path: String) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try loadEntries(path))
    }
}
