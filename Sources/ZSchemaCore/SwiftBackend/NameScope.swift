/// The names taken in one Swift scope (the module's types, one type's members, one function's
/// parameters and locals), handed out so that no two collide.
///
/// A scope may also avoid sets of names it shares with other scopes (the module's types, the
/// runtime's names): those are looked up where they are, never copied, so that a scope per
/// message costs nothing in the number of messages.
struct NameScope {
    private(set) var taken: Set<String>
    private var avoided: [Set<String>]

    init(_ taken: some Sequence<String> = [String](), avoiding avoided: [Set<String>] = []) {
        self.taken = Set(taken)
        self.avoided = avoided
    }

    /// Takes `name`, or, when it is taken, `name` with underscores appended until it is free.
    mutating func claim(_ name: String) -> String {
        var candidate = name
        while contains(candidate) { candidate += "_" }
        taken.insert(candidate)
        return candidate
    }

    /// Takes `name` as it is; false when it was already taken.
    mutating func insist(_ name: String) -> Bool {
        guard !avoided.contains(where: { $0.contains(name) }) else { return false }
        return taken.insert(name).inserted
    }

    /// Makes room for `count` names in all, so that a scope known to grow large (the module's
    /// types) does not rehash on the way.
    mutating func reserveCapacity(_ count: Int) { taken.reserveCapacity(count) }

    /// Marks names as taken without handing them out.
    mutating func reserve(_ names: some Sequence<String>) { taken.formUnion(names) }

    /// Whether `name` is taken here or avoided.
    func contains(_ name: String) -> Bool { taken.contains(name) || avoided.contains { $0.contains(name) } }
}
