// Built with `-sanitize=thread` by ThreadSafetyTests, together with the runtime and the generated
// tickz code. `hand-off` moves sockets between threads and tasks the ways the types allow and must
// run clean; `shared` defeats the compiler on purpose and must be reported, which shows the
// sanitizer sees races on sockets at all.
//
// Every socket here talks tcp, never inproc: inproc passes a message's buffer to the receiving
// thread inside libzmq, which is not built with the sanitizer, so the sanitizer could not see the
// hand-over and would report the buffer.

import ZSchemaRuntime

#if canImport(Glibc)
    import Glibc
#endif

@main
enum ThreadSanitizerDriver {
    static func main() async throws {
        switch CommandLine.arguments.dropFirst().first {
        case "hand-off": try await handOff()
        case "shared": try shared()
        default:
            print("usage: driver hand-off|shared")
            exit(2)
        }
    }

    /// A server handed to a thread, a client handed to a task, two threads pushing to one
    /// stream, a stream cancelled while it waits, an authenticator stopped from two threads.
    static func handOff() async throws {
        let context = ZMQContext()

        let server = try TickzServer(context: context, pubEndpoint: "tcp://127.0.0.1:*")
        let endpoint = try server.pub.socket.lastEndpoint
        let stop = StopFlag()
        let publishing = SocketThread(name: "publisher") {
            defer { server.close() }
            var index = 0
            while !stop.isSet {
                try server.pub.send(symbol: "IBM", timestamp: Double(index), price: 100)
                index += 1
                if index % 64 == 0 { usleep(1000) }
            }
        }
        let client = try TickzClient(context: context, subEndpoint: endpoint)
        try client.subscribe(symbol: "IBM")
        let subscribing = Task {
            defer { client.close() }
            var count = 0
            for try await tick in client.sub.messages() where tick.symbol == "IBM" {
                count += 1
                if count == 500 { break }
            }
            return count
        }
        let ticks = try await subscribing.value
        stop.set()
        try await publishing.value

        let puller = try Puller<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:*", bind: true)
        let pullEndpoint = try puller.socket.lastEndpoint
        let pushing = (0..<2).map { thread in
            SocketThread(name: "pusher-\(thread)") {
                let pusher = try Pusher<RawMessage>(context: context, endpoint: pullEndpoint, bind: false)
                defer { pusher.socket.close() }
                for index in 0..<5000 { try pusher.send(RawMessage(frames: [[UInt8(thread)], [UInt8(index % 256)]])) }
            }
        }
        let fanIn = Task {
            defer { puller.socket.close() }
            var count = 0
            for try await _ in puller.messages() {
                count += 1
                if count == 10_000 { break }
            }
            return count
        }
        for thread in pushing { try await thread.value }
        let pulled = try await fanIn.value

        let idle = Task {
            let quiet = try Puller<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:*", bind: true)
            defer { quiet.socket.close() }
            for try await _ in quiet.messages() { return false }
            return true
        }
        try await Task.sleep(for: .milliseconds(50))
        idle.cancel()
        let cancelled = try await idle.value

        let authenticator = try ZAPAuthenticator(context: context, policy: ZAPAuthenticator.curve(allowedKeys: []))
        let stoppers = (0..<2).map { index in SocketThread(name: "stopper-\(index)") { authenticator.stop() } }
        for stopper in stoppers { try await stopper.value }

        // Two threads matching one shared PCRE2 pattern at once, each with its own match data.
        let chat = FramePattern(generated: #"(?<usr>\w+)(\037(?<msg>\w+))?"#)
        let matchers = (0..<2).map { thread in
            SocketThread(name: "matcher-\(thread)") { () -> Int in
                var right = 0
                for index in 0..<2_000 {
                    let user = "u\(thread)x\(index)"
                    let frame = Array("\(user)\u{1F}m\(index)".utf8)
                    if case .success(let groups) = frame.withUnsafeBytes({ chat.captures($0) }), groups == [user, "\u{1F}m\(index)", "m\(index)"] {
                        right += 1
                    }
                }
                return right
            }
        }
        var matched = 0
        for matcher in matchers { matched += try await matcher.value }

        print("ticks \(ticks) pulled \(pulled) cancelled \(cancelled) matched \(matched)")
    }

    /// Two threads send on one socket at once, through a box that lies to the compiler.
    static func shared() throws {
        let context = ZMQContext()
        let puller = try Puller<RawMessage>(context: context, endpoint: "tcp://127.0.0.1:*", bind: true)
        let pusher = try Pusher<RawMessage>(context: context, endpoint: try puller.socket.lastEndpoint, bind: false)
        let box = UncheckedBox(pusher)
        let senders = (0..<2).map { thread in
            SocketThread(name: "racer-\(thread)") {
                for index in 0..<2000 { try? box.value.send(RawMessage(frames: [[UInt8(index % 256)]]), dontWait: true) }
            }
        }
        for sender in senders { _ = try? sender.join() }
        print("shared done")
    }
}

/// What the types forbid: a socket behind a claim of `Sendable` that is not true.
final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
