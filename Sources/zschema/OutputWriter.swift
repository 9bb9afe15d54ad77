import Foundation
import ZSchemaCore

/// Writes generated files into the output folder.
///
/// A file whose bytes did not change is left alone, so builds that watch it do no work. A
/// changed file is written under a temporary name and renamed over the old one, so a reader
/// sees the old file or the new one, never half of one; a new file is written in place.
///
/// Nothing is `fsync`ed: every output is made again from the schemas, and a file cut short by
/// a crash differs from what the next run generates, so that run rewrites it. (The syncs cost
/// 2 s of the 5.4 s that 4,000 files took.) The files are written one after another: threads
/// creating files in one folder wait on its lock, and spun on it for a fifth of the run.
enum OutputWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `files` into `folder` (which exists); with `always`, unchanged files too.
    static func write(_ files: [GeneratedFile], to folder: String, always: Bool) throws {
        let failures = files.map { file -> String? in
            let path = folder + "/" + file.name
            // Written from the text's own UTF-8: copying 4,000 files into `Data` first cost
            // more than a tenth of the writing.
            var contents = file.contents
            return contents.withUTF8 { bytes in
                if !always, let existing = FileManager.default.contents(atPath: path), same(existing, UnsafeRawBufferPointer(bytes)) { return nil }
                return replace(path, with: UnsafeRawBufferPointer(bytes))
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw Failure(description: failure) }
    }

    /// Whether `data` holds exactly `bytes`.
    private static func same(_ data: Data, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard data.count == bytes.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return data.withUnsafeBytes { $0.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false }
    }

    /// Writes `bytes` as `path`: straight into a new file when there is none yet (a clean
    /// build), otherwise into a temporary file beside it that is renamed over it. The error, if
    /// any, as one line.
    private static func replace(_ path: String, with bytes: UnsafeRawBufferPointer) -> String? {
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if created >= 0 {
            if let problem = write(bytes, to: created, named: path) { return fail(path, problem) }
            return nil
        }
        guard errno == EEXIST else { return "error: cannot create \(path): \(lastError())" }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return "error: cannot create \(temporary): \(lastError())" }
        if let problem = write(bytes, to: descriptor, named: temporary) { return fail(temporary, problem) }
        guard rename(temporary, path) == 0 else { return fail(temporary, "error: cannot replace \(path): \(lastError())") }
        return nil
    }

    /// Writes all of `bytes` to `descriptor` and closes it; the error, if any, as one line.
    private static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, named name: String) -> String? {
        var written = 0
        var problem: String?
        while written < bytes.count, let base = bytes.baseAddress {
            let result = Foundation.write(descriptor, base + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                problem = "error: cannot write \(name): \(lastError())"
                break
            }
            written += result
        }
        if close(descriptor) != 0, problem == nil { return "error: cannot write \(name): \(lastError())" }
        return problem
    }

    /// Removes the half-written file and passes `problem` on.
    private static func fail(_ partial: String, _ problem: String) -> String {
        unlink(partial)
        return problem
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
