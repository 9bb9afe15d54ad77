import CZeroMQ

/// Waits on several sockets at once (`zmq_poll`), for example a worker's PULL and SUB.
public struct Poller {
    private var items: [zmq_pollitem_t]

    /// Creates a poller that waits for incoming messages on each of `sockets`, in this order, then
    /// for room to send a message on each of `writable` (a PUSH whose peers' queues are full), and
    /// then for input on each of `fileDescriptors` (standard input, a pipe).
    public init(_ sockets: [any MessageSocket], writable: [any MessageSocket] = [], fileDescriptors: [Int32] = []) throws(ZMQError) {
        items = []
        for wrapper in sockets {
            items.append(zmq_pollitem_t(socket: try wrapper.socket.handle(), fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        for wrapper in writable {
            items.append(zmq_pollitem_t(socket: try wrapper.socket.handle(), fd: 0, events: Int16(ZMQ_POLLOUT), revents: 0))
        }
        for descriptor in fileDescriptors {
            items.append(zmq_pollitem_t(socket: nil, fd: descriptor, events: Int16(ZMQ_POLLIN), revents: 0))
        }
    }

    /// Waits at most `timeout` (negative: forever) and returns the indices of the sockets (then
    /// the writable ones, then the file descriptors) that are ready, in ascending order; empty on
    /// timeout.
    public mutating func poll(timeout: Duration) throws(ZMQError) -> [Int] {
        while true {
            let result = zmq_poll(&items, Int32(items.count), timeout.milliseconds)
            if result >= 0 { break }
            let error = ZMQError.last("zmq_poll")
            if error.code != EINTR { throw error }
        }
        // A file descriptor at end of file or hung up reports ZMQ_POLLERR: ready too, so that
        // the caller's read sees the end.
        return items.indices.filter { items[$0].revents & (items[$0].events | Int16(ZMQ_POLLERR)) != 0 }
    }
}
