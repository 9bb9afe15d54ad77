import ZSchemaRuntime

// Everything below the imports uses types the plugin generated from echo.zschema.
let context = ZMQContext()
let server = try EchoServer(context: context)
let client = try EchoClient(context: context)
try client.req.send(words: "hello plugin", seq: 7, text: "later")
guard let ping = try server.rep.receive(timeout: .seconds(5)) else { fatalError("no ping") }
try server.rep.send(words: ping.words, seq: ping.seq, ok: ping.text == "later")
guard let pong = try client.req.receive(timeout: .seconds(5)) else { fatalError("no pong") }
print("pong \(pong.words) \(pong.seq) \(pong.ok)")
// A mode the pattern refuses is caught before anything is sent.
do {
    try client.req.send(words: "again", seq: 8, text: "never")
    print("sent an invalid mode")
} catch let error as MessageEncodingError {
    print("refused: \(error.field)")
}
client.close()
server.close()
