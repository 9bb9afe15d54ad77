import Foundation
import ZSchemaCore

/// Writes generated files into the output folder, on every core.
///
/// A file whose bytes did not change is left alone, so builds that watch it do no work. A
/// changed file is written under a temporary name and renamed over the old one, so a reader sees
/// the old file or the new one, never half of one. Nothing is `fsync`ed: every output is made
/// again from the schemas, and a file cut short by a crash differs from what the next run
/// generates, so that run rewrites it. (The sync cost 2 s of the 3 s that 4,000 files took.)
enum OutputWriter {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes `files` into `folder` (which exists); with `always`, unchanged files too.
    static func write(_ files: [GeneratedFile], to folder: String, always: Bool) throws {
        let failures = files.parallelMap { file -> String? in
            let path = folder + "/" + file.name
            let bytes = Data(file.contents.utf8)
            if !always, FileManager.default.contents(atPath: path) == bytes { return nil }
            return replace(path, with: bytes)
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw Failure(description: failure) }
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it to `path`; the error, if
    /// any, as one line.
    private static func replace(_ path: String, with bytes: Data) -> String? {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return "error: cannot create \(temporary): \(lastError())" }
        var written = 0
        let problem: String? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return "error: cannot write \(temporary): \(lastError())"
                }
                written += result
            }
            return nil
        }
        if close(descriptor) != 0, problem == nil { return fail(temporary, "error: cannot write \(temporary): \(lastError())") }
        if let problem { return fail(temporary, problem) }
        guard rename(temporary, path) == 0 else { return fail(temporary, "error: cannot replace \(path): \(lastError())") }
        return nil
    }

    /// Removes the temporary file and passes `problem` on.
    private static func fail(_ temporary: String, _ problem: String) -> String {
        unlink(temporary)
        return problem
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
