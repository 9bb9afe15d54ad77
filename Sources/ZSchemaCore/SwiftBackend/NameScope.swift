/// The names taken in one Swift scope (the module's types, one type's members, one function's
/// parameters and locals), handed out so that no two collide.
struct NameScope {
    private(set) var taken: Set<String>

    init(_ taken: some Sequence<String> = [String]()) { self.taken = Set(taken) }

    /// Takes `name`, or, when it is taken, `name` with underscores appended until it is free.
    mutating func claim(_ name: String) -> String {
        var candidate = name
        while taken.contains(candidate) { candidate += "_" }
        taken.insert(candidate)
        return candidate
    }

    /// Takes `name` as it is; false when it was already taken.
    mutating func insist(_ name: String) -> Bool { taken.insert(name).inserted }

    /// Marks names as taken without handing them out.
    mutating func reserve(_ names: some Sequence<String>) { taken.formUnion(names) }

    func contains(_ name: String) -> Bool { taken.contains(name) }
}
