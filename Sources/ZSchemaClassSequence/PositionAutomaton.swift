/// The nondeterministic form: one bit per position of the expanded pattern (`x{2,3}` is three
/// positions, the last optional), a set of live positions as one `UInt64`.
struct PositionAutomaton {
    /// Bit `i` is set in `masks[c]` when position `i` accepts ASCII character `c`.
    var masks = [UInt64](repeating: 0, count: 128)
    /// Positions that may be skipped (`?`, `*`, and the optional part of `{n,m}`).
    var skippable: UInt64 = 0
    /// Positions that may repeat (`*`, `+` and `{n,}` contribute one each).
    var repeating: UInt64 = 0
    /// The bit one past the last position: the whole pattern matched.
    var accept: UInt64 = 1

    init?(shape: PatternShape, asciiMembers: (String) -> (low: UInt64, high: UInt64)?) {
        var count = 0
        func add(_ members: (low: UInt64, high: UInt64), skippable: Bool, repeating: Bool) -> Bool {
            guard count < ClassSequenceTable.maximumPositions else { return false }
            let bit: UInt64 = 1 << UInt64(count)
            if skippable { self.skippable |= bit }
            if repeating { self.repeating |= bit }
            for character in 0..<128 {
                let word = character < 64 ? members.low : members.high
                if word & (1 << UInt64(character % 64)) != 0 { masks[character] |= bit }
            }
            count += 1
            return true
        }
        for atom in shape.atoms {
            guard atom.minimum <= ClassSequenceTable.maximumPositions,
                (atom.maximum ?? atom.minimum) <= ClassSequenceTable.maximumPositions,
                let members = asciiMembers(atom.text)
            else { return nil }
            for _ in 0..<atom.minimum where !add(members, skippable: false, repeating: false) { return nil }
            if let maximum = atom.maximum {
                for _ in atom.minimum..<maximum where !add(members, skippable: true, repeating: false) { return nil }
            } else if !add(members, skippable: true, repeating: true) {
                return nil
            }
        }
        accept = 1 << UInt64(count)
    }

    /// `states` with every position reachable by skipping skippable ones.
    func closure(_ states: UInt64) -> UInt64 {
        var states = states
        while true {
            let next = states | ((states & skippable) << 1)
            if next == states { return states }
            states = next
        }
    }

    /// The live positions after `states` reads `character`.
    func step(_ states: UInt64, _ character: Int) -> UInt64 {
        let live = states & masks[character]
        return closure(((live & ~repeating) << 1) | (live & repeating))
    }

    /// The deterministic table by subset construction (state 0 dead, state 1 the start), or
    /// nil when it needs more than `maximumStates` states.
    func deterministic(maximumStates: Int) -> (transitions: [UInt8], accepting: [Bool])? {
        var sets: [UInt64] = [0, closure(1)]
        var index: [UInt64: Int] = [0: 0, sets[1]: 1]
        var transitions = [UInt8](repeating: 0, count: 2 * 128)
        var state = 1
        while state < sets.count {
            for character in 0..<128 {
                let next = step(sets[state], character)
                var target = index[next]
                if target == nil {
                    guard sets.count < maximumStates else { return nil }
                    target = sets.count
                    index[next] = sets.count
                    sets.append(next)
                    transitions += [UInt8](repeating: 0, count: 128)
                }
                transitions[state * 128 + character] = UInt8(target!)
            }
            state += 1
        }
        return (transitions, sets.map { $0 & accept != 0 })
    }
}
