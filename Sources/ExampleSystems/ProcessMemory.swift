#if canImport(Glibc)
    import Glibc
#endif

/// The program's own memory use, for the services' closing log lines and the load tests.
public enum ProcessMemory {
    /// The most resident memory the process has used so far, in MiB (`getrusage`'s `ru_maxrss`).
    public static var peakMegabytes: Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1024
    }

    /// The peak, formatted for a log line: `peak memory 12.3 MiB`.
    public static var peakDescription: String {
        "peak memory \((peakMegabytes * 10).rounded() / 10) MiB"
    }
}
