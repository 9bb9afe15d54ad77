import Foundation

/// Timestamped log lines on standard error: `2026-11-25T12:00:00.123Z tickz-server: message`.
public struct ServiceLog: Sendable {
    /// The program name in each line.
    public let program: String

    /// Creates a log for `program`.
    public init(_ program: String) { self.program = program }

    /// Writes one line.
    public func callAsFunction(_ message: String) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let line = "\(formatter.string(from: Date())) \(program): \(message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
