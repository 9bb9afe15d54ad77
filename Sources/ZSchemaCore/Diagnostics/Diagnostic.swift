/// A problem the compiler found, located in a schema file.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    /// Error, warning or note.
    public let severity: Severity
    /// Where the problem is.
    public let location: SourceLocation
    /// What the problem is, in one sentence without a final period.
    public let message: String
    /// Related places (the other side of a link, the first of two clashing names).
    public let notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, notes: [Diagnostic] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
    }

    /// `file:line:column: severity: message`, as compilers print it.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Collects the diagnostics of one compilation, in the order they are found.
public struct DiagnosticCollector: Sendable {
    /// Everything reported so far.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    public init() {}

    /// Whether an error was reported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Reports an error.
    public mutating func error(_ location: SourceLocation, _ message: String, notes: [Diagnostic] = []) {
        diagnostics.append(Diagnostic(.error, location, message, notes: notes))
    }

    /// Reports a warning.
    public mutating func warning(_ location: SourceLocation, _ message: String, notes: [Diagnostic] = []) {
        diagnostics.append(Diagnostic(.warning, location, message, notes: notes))
    }

    /// Adds diagnostics found elsewhere.
    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    /// The diagnostics sorted by file, line and column, keeping the order of equal locations.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }
}

/// Renders diagnostics like swiftc: the location line, the source line and a caret.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceFile]

    /// Creates a renderer that quotes lines from `sources`.
    public init(sources: [SourceFile]) {
        self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The diagnostic, its source line with a caret under the column, then its notes.
    public func render(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.description + "\n"
        if let file = sources[diagnostic.location.file],
            diagnostic.location.line >= 1, diagnostic.location.line <= file.lines.count
        {
            let line = file.lines[diagnostic.location.line - 1]
            text += String(line) + "\n"
            // Keep tabs so the caret lines up under the same character.
            let prefix = line.prefix(max(0, diagnostic.location.column - 1)).map { $0 == "\t" ? "\t" : " " }
            text += prefix.joined() + "^\n"
        }
        for note in diagnostic.notes { text += render(note) }
        return text
    }
}
