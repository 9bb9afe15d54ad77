import CPCRE2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one PCRE2 match needs besides the compiled pattern: match data (the ovector), a match
/// context (the limits) and the JIT stack the context hands to the JIT. None of them refers to
/// the compiled pattern after it is made, so a state may outlive its pattern.
final class PCRE2MatchState {
    let matchData: OpaquePointer
    let matchContext: OpaquePointer
    private let jitStack: OpaquePointer?

    init(for code: OpaquePointer, heapLimitKiB: UInt32, maximumJITStack: Int) {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil), let context = pcre2_match_context_create_8(nil) else {
            fatalError("pcre2_match_data_create_from_pattern failed: out of memory")
        }
        let stack = pcre2_jit_stack_create_8(32 * 1024, maximumJITStack, nil)
        if let stack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack)) }
        pcre2_set_heap_limit_8(context, heapLimitKiB)
        (matchData, matchContext, jitStack) = (data, context, stack)
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_data_free_8(matchData)
    }
}

/// Each thread's PCRE2 match states, one per pattern it has matched with: threads decoding with
/// the same pattern match in parallel, sharing nothing but the compiled code (which PCRE2 allows)
/// and taking no lock.
///
/// A thread keeps the states of up to ``capacity`` patterns, found by the pattern's serial number
/// (never reused, unlike an address), and frees them when it exits; past that, the state used
/// longest ago goes, roughly (the one just used is moved last).
struct PCRE2ThreadStates {
    /// How many patterns' states a thread keeps.
    static let capacity = 32

    private var serials: [UInt64] = []
    private var states: [PCRE2MatchState] = []

    /// The calling thread's states.
    static var current: UnsafeMutablePointer<PCRE2ThreadStates> {
        if let existing = pthread_getspecific(threadKey) { return existing.assumingMemoryBound(to: PCRE2ThreadStates.self) }
        let created = UnsafeMutablePointer<PCRE2ThreadStates>.allocate(capacity: 1)
        created.initialize(to: PCRE2ThreadStates())
        pthread_setspecific(threadKey, created)
        return created
    }

    /// The state for the pattern numbered `serial`, made for `code` the first time.
    @inline(__always)
    mutating func state(for serial: UInt64, code: OpaquePointer, heapLimitKiB: UInt32, maximumJITStack: Int) -> PCRE2MatchState {
        if let last = serials.last, last == serial { return states[states.count - 1] }
        if let index = serials.lastIndex(of: serial) {
            // The one just used goes last, where the next lookup looks first.
            serials.swapAt(index, serials.count - 1)
            states.swapAt(index, states.count - 1)
            return states[states.count - 1]
        }
        if serials.count == Self.capacity {
            serials.removeFirst()
            states.removeFirst()
        }
        let state = PCRE2MatchState(for: code, heapLimitKiB: heapLimitKiB, maximumJITStack: maximumJITStack)
        serials.append(serial)
        states.append(state)
        return state
    }
}

/// The key of every thread's ``PCRE2ThreadStates``; a thread's states are freed when it exits.
private let threadKey: pthread_key_t = {
    var key = pthread_key_t()
    let created = pthread_key_create(&key) { pointer in
        guard let states = pointer?.assumingMemoryBound(to: PCRE2ThreadStates.self) else { return }
        states.deinitialize(count: 1)
        states.deallocate()
    }
    precondition(created == 0, "pthread_key_create failed: \(created)")
    return key
}()
