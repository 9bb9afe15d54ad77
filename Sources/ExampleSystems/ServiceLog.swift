import Foundation

/// Timestamped log lines on standard error: `2026-11-25T12:00:00.123Z tickz-server: message`.
public struct ServiceLog: Sendable {
    /// The program name in each line.
    public let program: String

    /// Creates a log for `program`.
    public init(_ program: String) { self.program = program }

    /// Writes one line.
    public func callAsFunction(_ message: String) {
        let line = "\(Self.timestamp()) \(program): \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Now, in UTC with milliseconds (ISO 8601). Formatted by hand: a busy server logs a line per
    /// request, and a Foundation date formatter per line costs time and, in corelibs-foundation,
    /// memory that is never given back.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var fields = tm()
        gmtime_r(&seconds, &fields)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(padded(fields.tm_year + 1900, 4))-\(padded(fields.tm_mon + 1, 2))-\(padded(fields.tm_mday, 2))"
        let time = "\(padded(fields.tm_hour, 2)):\(padded(fields.tm_min, 2)):\(padded(fields.tm_sec, 2))"
        return "\(date)T\(time).\(padded(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
