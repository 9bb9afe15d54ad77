import ZSchemaRuntime

// A generated service handed to a thread, then used again by the caller.
func threadAndCallerShareAServer(_ context: ZMQContext) throws {
    let server = try TickzServer(context: context)
    _ = SocketThread(name: "publisher") {  // refused: risks causing data races
        try server.pub.send(symbol: "IBM", timestamp: 1, price: 2)
    }
    try server.pub.send(symbol: "IBM", timestamp: 1, price: 2)
}
