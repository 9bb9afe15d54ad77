/// Parses schema files into syntax trees, reporting syntax errors with their locations.
///
/// The language is line-oriented: a service header starts at column 1; indented lines hold
/// sockets, messages (starting with an arrow) and continuation frames (starting with `[`);
/// `#` starts a comment. `docs/Language.md` gives the grammar.
public struct Parser {
    private let file: SourceFile
    private var diagnostics = DiagnosticCollector()
    private var services: [ServiceSyntax] = []
    private var pendingDocumentation: [String] = []
    /// Whether the last non-comment line opened or continued a message (so `[` lines continue it).
    private var inMessage = false

    /// Parses `file`; the tree holds every construct that parsed, the diagnostics the rest.
    public static func parse(_ file: SourceFile) -> (syntax: SchemaSyntax, diagnostics: [Diagnostic]) {
        var parser = Parser(file: file)
        for (index, line) in file.lines.enumerated() {
            do { try parser.parseLine(line, number: index + 1) } catch let error as SyntaxError {
                parser.diagnostics.error(error.location, error.message)
                parser.inMessage = false
            } catch {
                preconditionFailure("unexpected error \(error)")
            }
        }
        parser.checkLastMessage()
        return (SchemaSyntax(file: file, services: parser.services), parser.diagnostics.diagnostics)
    }

    private init(file: SourceFile) { self.file = file }

    private mutating func parseLine(_ line: Substring, number: Int) throws {
        var cursor = LineCursor(line, file: file.path, line: number)
        cursor.skipSpaces()
        guard let first = cursor.peek else {
            pendingDocumentation = []
            return
        }
        if first == "#" {
            pendingDocumentation.append(commentText(cursor.rest))
            return
        }
        let documentation = pendingDocumentation
        pendingDocumentation = []
        if cursor.position == 0 {
            checkLastMessage()
            inMessage = false
            try parseServiceHeader(&cursor, documentation: documentation)
            return
        }
        guard !services.isEmpty else {
            throw SyntaxError(location: cursor.location, message: "indented line outside a service; a service header starts in column 1")
        }
        if first == "[" {
            guard inMessage else {
                throw SyntaxError(location: cursor.location, message: "frame outside a message; start a message with '<-', '->', '<<' or '?>'")
            }
            let (frames, comment) = try parseFrames(&cursor)
            appendToLastMessage(frames: frames, comment: comment)
            return
        }
        if let arrow = Arrow.allCases.first(where: { cursor.starts(with: $0.rawValue) }) {
            try parseMessage(&cursor, arrow: arrow, documentation: documentation)
            return
        }
        checkLastMessage()
        inMessage = false
        try parseSocket(&cursor, documentation: documentation)
    }

    private func commentText(_ text: String) -> String {
        var body = text.dropFirst()  // '#'
        if body.first == " " { body = body.dropFirst() }
        while let last = body.last, last == " " || last == "\t" { body = body.dropLast() }
        return String(body)
    }

    // MARK: Service header

    private mutating func parseServiceHeader(_ cursor: inout LineCursor, documentation: [String]) throws {
        let start = cursor.location
        guard cursor.identifier() != nil else {
            throw SyntaxError(location: start, message: "expected a service name such as 'tickz.server' in column 1")
        }
        while cursor.take(".") {
            guard cursor.identifier() != nil else {
                throw SyntaxError(location: cursor.location, message: "expected a name part after '.'")
            }
        }
        let name = cursor.text((start.column - 1)..<cursor.position)
        cursor.skipSpaces()
        var metadata: [Located<String>] = []
        if cursor.take("(") {
            // Items may contain '#' (F#), so the list is read before comments are looked for.
            var item = ""
            var itemStart: SourceLocation?
            while true {
                guard let character = cursor.peek else {
                    throw SyntaxError(location: cursor.location, message: "expected ')' to close the service's metadata list")
                }
                if character == "," || character == ")" {
                    let trimmed = item.trimmingSpaces
                    if let itemStart, !trimmed.isEmpty {
                        metadata.append(Located(value: trimmed, location: itemStart))
                    } else {
                        throw SyntaxError(location: cursor.location, message: "empty item in the service's metadata list")
                    }
                    item = ""
                    itemStart = nil
                    cursor.advance()
                    if character == ")" { break }
                    continue
                }
                if itemStart == nil && character != " " && character != "\t" { itemStart = cursor.location }
                item.append(character)
                cursor.advance()
            }
        }
        cursor.skipSpaces()
        guard cursor.atEnd || cursor.peek == "#" else {
            throw SyntaxError(location: cursor.location, message: "unexpected '\(cursor.rest.prefix(1))' after the service header")
        }
        services.append(
            ServiceSyntax(
                name: Located(value: name, location: start), metadata: metadata,
                documentation: documentation, sockets: []))
    }

    // MARK: Socket

    private mutating func parseSocket(_ cursor: inout LineCursor, documentation: [String]) throws {
        guard let type = cursor.take(while: { $0.isASCII && $0.isLetter }) else {
            throw SyntaxError(location: cursor.location, message: "expected a socket type (PUB, SUB, REQ, ...) or a message arrow ('<-', '->', '<<', '?>')")
        }
        let afterType = cursor.location
        cursor.skipSpaces()
        guard let endpoint = cursor.take(while: { $0 != " " && $0 != "\t" && $0 != "#" }) else {
            throw SyntaxError(location: afterType, message: "expected an endpoint after '\(type.value)', such as 'tcp://*:9003'")
        }
        cursor.skipSpaces()
        var name: Located<String>?
        if cursor.starts(with: "as"), let next = cursor.peek(offset: 2), next == " " || next == "\t" {
            cursor.advance(2)
            cursor.skipSpaces()
            guard let identifier = cursor.identifier() else {
                throw SyntaxError(location: cursor.location, message: "expected a socket name after 'as'")
            }
            name = identifier
            cursor.skipSpaces()
        }
        var documentation = documentation
        if cursor.peek == "#" {
            documentation.append(commentText(cursor.rest))
        } else if !cursor.atEnd {
            throw SyntaxError(location: cursor.location, message: "unexpected '\(cursor.rest.prefix(1))' after the endpoint")
        }
        services[services.count - 1].sockets.append(
            SocketSyntax(
                type: type, endpoint: endpoint, name: name, documentation: documentation, messages: []))
    }

    // MARK: Messages and frames

    private mutating func parseMessage(_ cursor: inout LineCursor, arrow: Arrow, documentation: [String]) throws {
        checkLastMessage()
        inMessage = false
        let arrowLocation = cursor.location
        guard !services[services.count - 1].sockets.isEmpty else {
            throw SyntaxError(location: arrowLocation, message: "message outside a socket; put a socket line such as 'PUB tcp://*:9003' above it")
        }
        cursor.advance(2)
        cursor.skipSpaces()
        var name: Located<String>?
        if cursor.peek != "[", cursor.peek != "#", !cursor.atEnd {
            guard let identifier = cursor.identifier() else {
                throw SyntaxError(location: cursor.location, message: "expected a message name or '[' after '\(arrow.rawValue)'")
            }
            name = identifier
        }
        let (frames, comment) = try parseFrames(&cursor)
        var documentation = documentation
        if let comment { documentation.append(comment) }
        let serviceIndex = services.count - 1
        let socketIndex = services[serviceIndex].sockets.count - 1
        services[serviceIndex].sockets[socketIndex].messages.append(
            MessageSyntax(
                arrow: Located(value: arrow, location: arrowLocation), name: name,
                documentation: documentation, frames: frames))
        inMessage = true
    }

    private mutating func appendToLastMessage(frames: [FrameSyntax], comment: String?) {
        let serviceIndex = services.count - 1
        let socketIndex = services[serviceIndex].sockets.count - 1
        let messageIndex = services[serviceIndex].sockets[socketIndex].messages.count - 1
        services[serviceIndex].sockets[socketIndex].messages[messageIndex].frames.append(contentsOf: frames)
        if let comment {
            services[serviceIndex].sockets[socketIndex].messages[messageIndex].documentation.append(comment)
        }
    }

    /// Reports a message that ended without frames.
    private mutating func checkLastMessage() {
        guard inMessage, let socket = services.last?.sockets.last, let message = socket.messages.last,
            message.frames.isEmpty
        else { return }
        diagnostics.error(message.arrow.location, "message has no frames; add at least one '[ ... ]'")
    }

    /// Parses `[ ... ]` frames up to the end of the line or a comment.
    private func parseFrames(_ cursor: inout LineCursor) throws -> ([FrameSyntax], String?) {
        var frames: [FrameSyntax] = []
        while true {
            cursor.skipSpaces()
            if cursor.atEnd { return (frames, nil) }
            if cursor.peek == "#" { return (frames, commentText(cursor.rest)) }
            guard cursor.peek == "[" else {
                throw SyntaxError(location: cursor.location, message: "expected '[' to start a frame, found '\(cursor.rest.prefix(1))'")
            }
            frames.append(try parseFrame(&cursor))
        }
    }

    private func parseFrame(_ cursor: inout LineCursor) throws -> FrameSyntax {
        let open = cursor.location
        cursor.advance()  // '['
        cursor.skipSpaces()
        let content: FrameSyntax.Content
        if cursor.peek == "\"" {
            content = .pattern(try parsePattern(&cursor))
        } else if let name = cursor.identifier() {
            cursor.skipSpaces()
            guard cursor.take(":") else {
                throw SyntaxError(location: cursor.location, message: "expected ':' and a type after field '\(name.value)'")
            }
            cursor.skipSpaces()
            content = .typed(name: name, type: try parseType(&cursor))
        } else if cursor.peek == "]" {
            throw SyntaxError(location: cursor.location, message: "empty frame; write '[ \"\" ]' for an empty string frame")
        } else {
            throw SyntaxError(location: cursor.location, message: "expected a \"pattern\" or 'name :type' in the frame")
        }
        cursor.skipSpaces()
        guard cursor.take("]") else {
            let found = cursor.peek.map { "'\($0)'" } ?? "end of line"
            throw SyntaxError(location: cursor.location, message: "expected ']' to close the frame opened at column \(open.column), found \(found)")
        }
        let repetition: Repetition = cursor.take("+") ? .oneOrMore : cursor.take("*") ? .zeroOrMore : .once
        return FrameSyntax(content: content, repetition: repetition, location: open)
    }

    private func parsePattern(_ cursor: inout LineCursor) throws -> Located<String> {
        let quote = cursor.location
        cursor.advance()
        let start = cursor.location
        var text = ""
        while true {
            guard let character = cursor.peek else {
                throw SyntaxError(location: quote, message: "unterminated pattern: no closing '\"' on this line")
            }
            cursor.advance()
            if character == "\"" { break }
            text.append(character)
            if character == "\\", let escaped = cursor.peek {
                text.append(escaped)
                cursor.advance()
            }
        }
        return Located(value: text, location: start)
    }

    private func parseType(_ cursor: inout LineCursor) throws -> TypeSyntax {
        if cursor.take("(") {
            var cases: [EnumCaseSyntax] = []
            while true {
                cursor.skipSpaces()
                cases.append(try parseCase(&cursor))
                cursor.skipSpaces()
                if cursor.take("|") { continue }
                if cursor.take(")") { return .enumeration(cases) }
                throw SyntaxError(location: cursor.location, message: "expected '|' or ')' in the enum")
            }
        }
        let beforeName = cursor
        guard let name = cursor.identifier() else {
            throw SyntaxError(
                location: cursor.location, message: "expected a type (u8 ... f64, bool, string, bytes), an enum '( A = 0uy | ... )' or a constant 'NAME = 0uy'")
        }
        var probe = cursor
        probe.skipSpaces()
        if probe.peek == "=" {
            cursor = beforeName
            return .constant(try parseCase(&cursor))
        }
        return .named(name)
    }

    private func parseCase(_ cursor: inout LineCursor) throws -> EnumCaseSyntax {
        guard let name = cursor.identifier() else {
            throw SyntaxError(location: cursor.location, message: "expected a case name such as 'BUY'")
        }
        cursor.skipSpaces()
        guard cursor.take("=") else {
            throw SyntaxError(location: cursor.location, message: "expected '=' and a value after '\(name.value)'")
        }
        cursor.skipSpaces()
        guard let literal = cursor.take(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw SyntaxError(location: cursor.location, message: "expected a number such as '0uy' after '='")
        }
        return EnumCaseSyntax(name: name, literal: literal)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var trimmed = drop { $0 == " " || $0 == "\t" }
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
