import ZSchemaRuntime

// Shared by the decoder fuzz harnesses of ZSchemaGeneratedTests and ZSchemaKitchenSinkTests
// (linked into both folders). It names no type a schema could shadow: the kitchen sink declares
// messages called `String` and `FrameReader`.

/// What the decoder fuzzers check for one input: the bytes become a message type and frames; if
/// the type decodes the frames, encoding the value must succeed and give frames that decode to
/// the same value, and encoding that again must give the same frames.
enum DecoderRoundTrip {
    /// One fuzz input read as a choice of message type and a multipart message.
    struct Input {
        /// Picks the message type (modulo the harness's list).
        var selector: Int
        /// The frames: after the selector byte, each frame is a length byte and that many bytes
        /// (fewer at the end of the input), at most 64 frames.
        var frames: [[UInt8]]
    }

    /// One message type's round-trip check, with the type's name.
    struct Decoder: Sendable {
        /// The type's name without its module (`TickzClient.Subscription`).
        let name: Swift.String
        /// Decodes frames as the type and checks the round trip; whether they decoded.
        let check: @Sendable ([[UInt8]]) -> Bool

        /// The check for `type`.
        static func of<Message: ZSchemaMessage & Hashable>(_ type: Message.Type) -> Decoder {
            let name = Swift.String(reflecting: type).split(separator: ".").dropFirst().joined(separator: ".")
            return Decoder(name: name) { DecoderRoundTrip.check(type, $0) }
        }
    }

    /// Splits `bytes` as ``Input`` describes; nil for an empty input.
    static func input(_ bytes: UnsafeRawBufferPointer) -> Input? {
        guard let selector = bytes.first else { return nil }
        var frames: [[UInt8]] = []
        var index = 1
        while index < bytes.count, frames.count < 64 {
            let length = Int(bytes[index])
            let end = min(bytes.count, index + 1 + length)
            frames.append(Array(bytes[(index + 1)..<end]))
            index = end
        }
        return Input(selector: Int(selector), frames: frames)
    }

    /// The input bytes for `frames` decoded as type number `selector`, the inverse of
    /// ``input(_:)`` for frames of up to 255 bytes; for seeding a corpus.
    static func bytes(selector: UInt8, frames: [[UInt8]]) -> [UInt8] {
        [selector] + frames.flatMap { [UInt8(min($0.count, 255))] + $0.prefix(255) }
    }

    /// Decodes `frames` as `type`; when that works, checks the round trip and traps on any
    /// difference. Returns whether the frames decoded.
    @discardableResult
    static func check<Message: ZSchemaMessage & Hashable>(_ type: Message.Type, _ frames: [[UInt8]]) -> Bool {
        guard let decoded = try? Message(frames: frames) else { return false }
        let encoded: FrameBuffer
        do { encoded = try decoded.encode() } catch {
            preconditionFailure("\(Message.self) decoded \(frames) as \(decoded) but cannot encode it: \(error)")
        }
        let again: Message
        do { again = try Message(frames: encoded) } catch {
            preconditionFailure("\(Message.self) re-encoded \(decoded) as \(encoded), which does not decode: \(error)")
        }
        precondition(
            again == decoded || isNaNCase(again, decoded),
            "\(Message.self): \(frames) decoded as \(decoded), re-encoded as \(encoded), decoded again as \(again)")
        let third = try? again.encode()
        precondition(third == encoded, "\(Message.self): encoding is not stable for \(decoded): \(encoded) then \(third as Any)")
        return true
    }

    /// The message types a generated source file declares, as `Outer.Inner` for nested ones (a
    /// service's subscription): what a harness's list must hold.
    static func declaredMessages(in source: Swift.String) -> [Swift.String] {
        var parent = ""
        var names: [Swift.String] = []
        for line in source.split(separator: "\n") {
            let words = line.split(separator: " ")
            if !line.hasPrefix(" "), let index = words.firstIndex(where: { ["class", "extension", "struct", "enum"].contains($0) }),
                index + 1 < words.count
            {
                parent = Swift.String(words[index + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            }
            guard line.contains(": ZSchemaMessage"), let index = words.firstIndex(where: { $0 == "struct" || $0 == "enum" }),
                index + 1 < words.count
            else { continue }
            let name = Swift.String(words[index + 1].prefix { $0 != ":" })
            names.append(line.hasPrefix(" ") ? parent + "." + name : name)
        }
        return names
    }

    /// Values holding a NaN are never equal to themselves; their frames are compared instead.
    private static func isNaNCase<Message: ZSchemaMessage & Hashable>(_ first: Message, _ second: Message) -> Bool {
        first != first && (try? first.encode()) == (try? second.encode())
    }
}
