/// A pattern's ASCII automaton compiled into generated code: the fast, inline half of checking
/// a string frame.
///
/// Generated messages declare one conforming enum per pattern that has a small ASCII automaton
/// and hand it to ``FrameReader`` and ``FrameWriter`` as a type, so the check specialises into
/// the codec with no call, no shared object and no lock. A frame it does not accept (not all
/// ASCII, or no match) goes to the ``FramePattern``, which decides.
public protocol FramePatternPrecheck {
    /// True when `frame` is all ASCII and matches the pattern as a whole; false for anything
    /// else, including a frame that matches but is not all ASCII.
    static func accepts(_ frame: UnsafeRawBufferPointer) -> Bool
}
