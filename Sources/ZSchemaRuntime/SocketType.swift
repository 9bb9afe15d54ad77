import CZeroMQ

/// The ZeroMQ socket types, named as in the schema language.
public enum SocketType: String, Sendable, CaseIterable {
    case req = "REQ", rep = "REP", dealer = "DEALER", router = "ROUTER"
    case pub = "PUB", sub = "SUB", xpub = "XPUB", xsub = "XSUB"
    case push = "PUSH", pull = "PULL", pair = "PAIR", stream = "STREAM"

    /// The libzmq constant (`ZMQ_PUB`, ...).
    public var zmqValue: Int32 {
        switch self {
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .dealer: ZMQ_DEALER
        case .router: ZMQ_ROUTER
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .pair: ZMQ_PAIR
        case .stream: ZMQ_STREAM
        }
    }
}
