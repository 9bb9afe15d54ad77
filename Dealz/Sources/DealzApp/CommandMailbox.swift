import ExampleSystems
import Foundation
import Synchronization

/// What the web layer asks of the engine.
public enum DealzRequest: Sendable {
    /// Show `symbol` on the ticker: subscribe the tickz SUB to it.
    case follow(String)
    /// Stop showing `symbol`: unsubscribe.
    case forget(String)
    /// Post `text` to chatz as `user`.
    case post(user: String, text: String)
    /// Value `count` random deals over the shown symbols at their live prices.
    case randomDeals(count: Int)
    /// Value these deals.
    case deals([Order])
}

/// The engine's answer to a ``DealzRequest``.
public enum DealzAnswer: Sendable, Equatable {
    /// Done, or under way (a batch, a chat post); `detail` says which.
    case accepted(detail: String)
    /// Not possible now; `status` is the HTTP status that says why (409: a batch is running, no
    /// workers; 404: a symbol not shown; 503: dealz is stopping).
    case refused(status: Int, message: String)
}

/// Requests on their way from any thread to the engine's thread, which polls the mailbox's file
/// descriptor beside its sockets.
final class CommandMailbox: Sendable {
    struct Letter: Sendable {
        let request: DealzRequest
        let answer: CheckedContinuation<DealzAnswer, Never>
    }

    private let letters = Mutex<(queued: [Letter], closed: Bool)>(([], false))
    /// Readable while letters wait; the engine drains it before taking them.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "pipe failed")
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        (readDescriptor, writeDescriptor) = (ends[0], ends[1])
    }

    deinit {
        Glibc.close(readDescriptor)
        Glibc.close(writeDescriptor)
    }

    /// Hands `request` to the engine and waits for its answer.
    func send(_ request: DealzRequest) async -> DealzAnswer {
        await withCheckedContinuation { continuation in
            let accepted = letters.withLock { letters in
                guard !letters.closed else { return false }
                letters.queued.append(Letter(request: request, answer: continuation))
                return true
            }
            guard accepted else {
                continuation.resume(returning: .refused(status: 503, message: "dealz is stopping"))
                return
            }
            var byte: UInt8 = 1
            _ = write(writeDescriptor, &byte, 1)
        }
    }

    /// The letters waiting now (on the engine's thread).
    func take() -> [Letter] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &scratch, scratch.count) > 0 {}
        return letters.withLock { letters in
            defer { letters.queued = [] }
            return letters.queued
        }
    }

    /// Refuses every letter from now on, and those still waiting.
    func close() {
        let waiting = letters.withLock { letters in
            letters.closed = true
            defer { letters.queued = [] }
            return letters.queued
        }
        for letter in waiting { letter.answer.resume(returning: .refused(status: 503, message: "dealz is stopping")) }
    }
}
