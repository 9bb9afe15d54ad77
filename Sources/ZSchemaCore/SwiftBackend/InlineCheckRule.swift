extension ASCIIAutomaton {
    /// The most states an automaton may have for Swift to get it as an inline check; larger ones
    /// (long bounded repeats such as `[a-z]{1,200}`) are left to the run-time automaton, which
    /// is a table and does not grow the generated code.
    static let inlineCheckStateLimit = 48

    /// Whether generated Swift checks frames with this automaton inline: it is small enough, and
    /// it accepts something.
    var isInlineCheckable: Bool {
        states.count <= Self.inlineCheckStateLimit && states.contains(where: \.isAccepting)
    }
}
