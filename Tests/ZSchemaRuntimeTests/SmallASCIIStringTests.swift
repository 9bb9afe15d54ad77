import Glibc
import SeededRandom
import Testing

@testable import ZSchemaRuntime

/// `String(smallASCIIFrameText:)` builds a small string's two words itself instead of asking the
/// standard library; these tests hold it to the standard library's answer, bit for bit, on the
/// toolchain that builds them.
@Suite("Small ASCII frame texts")
struct SmallASCIIStringTests {
    /// The two words of a string, as the standard library laid them out.
    static func words(_ text: String) -> (UInt64, UInt64) { unsafeBitCast(text, to: (UInt64, UInt64).self) }

    /// Checks that `bytes` build the same string as `String(decoding:as:)`, in every respect.
    static func expectSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = String(decoding: bytes, as: UTF8.self)
        let built = bytes.withUnsafeBytes { String(smallASCIIFrameText: $0) }
        guard let built else {
            Issue.record("no small string for \(bytes)", sourceLocation: sourceLocation)
            return
        }
        #expect(words(built) == words(expected), "words of \(bytes)", sourceLocation: sourceLocation)
        #expect(built == expected, sourceLocation: sourceLocation)
        #expect(Array(built.utf8) == bytes, sourceLocation: sourceLocation)
        #expect(built.count == expected.count, sourceLocation: sourceLocation)
        #expect(built.hashValue == expected.hashValue, sourceLocation: sourceLocation)
        #expect(built + "!" == expected + "!", sourceLocation: sourceLocation)
        #expect(bytes.withUnsafeBytes { String(frameText: $0) } == expected, sourceLocation: sourceLocation)
    }

    @Test("every length from 0 to 15, every ASCII byte at every position")
    func everyByteEveryPosition() {
        for count in 0...15 {
            for byte in UInt8(0)...0x7F {
                for position in 0..<max(count, 1) where count > 0 || byte == 0 {
                    var bytes = (0..<count).map { UInt8(0x41 + $0) }
                    if count > 0 { bytes[position] = byte }
                    Self.expectSame(bytes)
                }
            }
        }
    }

    @Test("20,000 random ASCII texts of up to 15 bytes")
    func randomTexts() {
        var random = SplitMix64(seed: 2026_12_03)
        for _ in 0..<20_000 {
            let count = Int(random.next() % 16)
            Self.expectSame((0..<count).map { _ in UInt8(random.next() % 0x80) })
        }
    }

    @Test("texts that are not ASCII, or longer than 15 bytes, are left to the standard library")
    func othersRefused() {
        let others: [[UInt8]] = [
            Array("zoë".utf8), [0x80], [0x41, 0x42, 0xFF], Array(repeating: 0x41, count: 14) + [0xC3],
            Array(repeating: 0x41, count: 16), Array(repeating: 0x41, count: 100),
        ]
        for bytes in others {
            #expect(bytes.withUnsafeBytes { String(smallASCIIFrameText: $0) } == nil, "\(bytes)")
            let valid = String(validating: bytes, as: UTF8.self)
            if let valid { #expect(bytes.withUnsafeBytes { String(frameText: $0) } == valid) }
        }
        #expect(String(smallASCIIFrameText: UnsafeRawBufferPointer(start: nil, count: 0)) == "")
    }

    @Test("never reads a byte past the text: each length ends right before an unreadable page")
    func staysInBounds() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(
            mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                .flatMap { $0 == MAP_FAILED ? nil : $0 })
        defer { munmap(mapping, 2 * page) }
        #expect(mprotect(mapping + page, page, PROT_NONE) == 0)
        for count in 0...15 {
            let start = mapping + page - count
            for offset in 0..<count { start.storeBytes(of: UInt8(0x61 + offset), toByteOffset: offset, as: UInt8.self) }
            let text = String(smallASCIIFrameText: UnsafeRawBufferPointer(start: start, count: count))
            #expect(text == String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self))
        }
    }
}
