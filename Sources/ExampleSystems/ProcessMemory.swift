import CMallocInfo
import Foundation

/// A process's memory use, for the services' log lines and the load tests.
public enum ProcessMemory {
    /// The most resident memory this process has used so far, in MiB: `VmHWM` in
    /// /proc/self/status (not `getrusage`'s `ru_maxrss`, which a child inherits from its parent's
    /// size at `fork` and keeps across `exec`); 0 where /proc is not there.
    public static var peakMegabytes: Double { megabytes("VmHWM", process: "self") ?? 0 }

    /// The peak, formatted for a log line: `peak memory 12.3 MiB`.
    public static var peakDescription: String {
        "peak memory \((peakMegabytes * 10).rounded() / 10) MiB"
    }

    /// The bytes this process has allocated and not yet freed, in MiB, from glibc's `mallinfo2`
    /// (small blocks plus mmapped ones). Unlike resident memory it does not move with the
    /// allocator's fragmentation or its free lists, so a leak shows in it and nothing else does.
    public static var heapInUseMegabytes: Double {
        let info = mallinfo2()
        return Double(info.uordblks + info.hblkhd) / (1024 * 1024)
    }

    /// The heap in use, formatted for a log line: `heap in use 12.345 MiB`.
    public static var heapDescription: String {
        "heap in use \((heapInUseMegabytes * 1000).rounded() / 1000) MiB"
    }

    /// The memory figure `field` (`VmRSS`, `VmHWM`) of `process` (a process id, or `self`) from
    /// /proc/PROCESS/status, in MiB; nil when the process or the field is not there.
    public static func megabytes(_ field: String, process: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}
