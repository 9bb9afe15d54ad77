import Dispatch
import Foundation
import Synchronization
import ZSchemaRuntime

/// Set by the SIGINT/SIGTERM handler; reading and writing an atomic is async-signal-safe.
private let stopRequested = Atomic<Int32>(0)

/// Turns SIGINT and SIGTERM into a clean stop: the handler only records the signal; a watcher
/// thread then shuts the context down, so every blocking libzmq call returns at once and the
/// service's loop ends. (Handlers are installed, and the signals unblocked, even where the parent
/// started the program with them ignored or blocked, as shells do for background jobs.)
public final class ShutdownTrap: Sendable {
    /// Installs the handlers for `context`; `log` says which signal arrived.
    public init(context: ZMQContext, log: ServiceLog) {
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in stopRequested.store(received, ordering: .relaxed) }
        }
        Self.unblockStopSignals()
        // Weak: the watcher must not keep the context alive, or the context would never end and
        // its linger (delivering what is still queued) would be skipped at exit.
        DispatchQueue(label: "shutdown-watcher").async { [weak context] in
            while stopRequested.load(ordering: .relaxed) == 0 {
                guard context != nil else { return }
                usleep(20_000)
            }
            log(stopRequested.load(ordering: .relaxed) == SIGINT ? "SIGINT: stopping" : "SIGTERM: stopping")
            context?.shutdown()
        }
    }

    /// Unblocks SIGINT and SIGTERM in the calling thread: a parent may have started the program
    /// with them blocked (shells do for background jobs), and the mask survives exec.
    public static func unblockStopSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool { stopRequested.load(ordering: .relaxed) != 0 }
}

extension Error {
    /// Whether the error means the context was shut down (a requested stop).
    public var isShutdown: Bool { (self as? ZMQError)?.isContextTerminated ?? false }
}
