import Testing

/// The suites that run the example programs as processes, one suite at a time: each starts
/// several programs that share the machine's two cores with the compiler tests beside them, and
/// their timing checks (a heartbeat within its timeout, a reply within seconds) must not depend
/// on how many of them happen to run at once.
@Suite("Example programs as processes", .serialized)
enum ExampleProgramSuites {}
