import Foundation

/// The program's own memory use, for the services' closing log lines and the load tests.
public enum ProcessMemory {
    /// The most resident memory the process has used so far, in MiB: `VmHWM` in
    /// /proc/self/status (not `getrusage`'s `ru_maxrss`, which a child inherits from its parent's
    /// size at `fork` and keeps across `exec`); 0 where /proc is not there.
    public static var peakMegabytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kilobytes / 1024
    }

    /// The peak, formatted for a log line: `peak memory 12.3 MiB`.
    public static var peakDescription: String {
        "peak memory \((peakMegabytes * 10).rounded() / 10) MiB"
    }
}
