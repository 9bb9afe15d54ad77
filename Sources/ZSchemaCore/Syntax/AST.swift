/// The syntax tree of one schema file, as written (before names and types are resolved).
public struct SchemaSyntax: Sendable, Hashable {
    /// The file the tree was parsed from.
    public let file: SourceFile
    /// The services, in file order.
    public var services: [ServiceSyntax]
}

/// A text with the location of its first character.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public let value: Value
    /// Where it starts.
    public let location: SourceLocation
}

/// `tickz.server (C, Server)` and everything indented below it.
public struct ServiceSyntax: Sendable, Hashable {
    /// The dotted name (`tickz.server`; `dealz` has one part).
    public let name: Located<String>
    /// The parenthesised list, each item with its `?` kept (`?FunScript`).
    public let metadata: [Located<String>]
    /// Comment lines directly above the header.
    public let documentation: [String]
    /// The sockets, in file order.
    public var sockets: [SocketSyntax]
}

/// `PUB tcp://*:9003` and the messages below it.
public struct SocketSyntax: Sendable, Hashable {
    /// The socket type as written (`PUB`).
    public let type: Located<String>
    /// The endpoint as written, with any `@`/`>` prefix.
    public let endpoint: Located<String>
    /// The `as name` clause, if any.
    public let name: Located<String>?
    /// Comment lines directly above the socket, and its trailing comment.
    public let documentation: [String]
    /// The messages, in file order.
    public var messages: [MessageSyntax]
}

/// The four message arrows.
public enum Arrow: String, Sendable, Hashable, CaseIterable {
    /// `<-`: this socket sends the message.
    case send = "<-"
    /// `->`: this socket receives the message.
    case receive = "->"
    /// `<<`: this socket publishes the message.
    case publish = "<<"
    /// `?>`: a subscription (a prefix filter on the first frame).
    case subscribe = "?>"
}

/// An arrow, an optional name and one or more frames.
public struct MessageSyntax: Sendable, Hashable {
    /// The arrow and where it stands.
    public let arrow: Located<Arrow>
    /// The naming clause (`<< Tick [...]`), if any.
    public let name: Located<String>?
    /// Comment lines directly above the message, and trailing comments of its lines.
    public var documentation: [String]
    /// The frames, in order, possibly spread over several lines.
    public var frames: [FrameSyntax]
}

/// How often a frame occurs.
public enum Repetition: String, Sendable, Hashable, Encodable {
    /// Exactly once.
    case once
    /// `+`: one or more times.
    case oneOrMore
    /// `*`: zero or more times.
    case zeroOrMore

    /// How the schema writes it after the frame: ``, `+`, `*`.
    public var suffix: String {
        switch self {
        case .once: ""
        case .oneOrMore: "+"
        case .zeroOrMore: "*"
        }
    }
}

/// One `[ ... ]`.
public struct FrameSyntax: Sendable, Hashable {
    /// What is between the brackets.
    public enum Content: Sendable, Hashable {
        /// `"regex"`: the pattern text as written between the quotes, and where it starts.
        case pattern(Located<String>)
        /// `name :type`.
        case typed(name: Located<String>, type: TypeSyntax)
    }

    /// The frame's content.
    public let content: Content
    /// `+`, `*` or nothing after the closing bracket.
    public let repetition: Repetition
    /// Where the `[` is.
    public let location: SourceLocation
}

/// The type after `:` in a typed frame.
public enum TypeSyntax: Sendable, Hashable {
    /// `f64`, `string`, ...
    case named(Located<String>)
    /// `(BUY = 0uy | SELL = 1uy)`.
    case enumeration([EnumCaseSyntax])
    /// `START = 0uy`.
    case constant(EnumCaseSyntax)
}

/// `NAME = literal`.
public struct EnumCaseSyntax: Sendable, Hashable {
    /// The case name.
    public let name: Located<String>
    /// The literal as written (`0uy`, `-1y`, `0x10us`).
    public let literal: Located<String>
}
