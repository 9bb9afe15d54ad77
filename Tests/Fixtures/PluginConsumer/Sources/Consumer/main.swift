import ZSchemaRuntime

// Everything below the imports uses types the plugin generated from echo.zschema.
let context = ZMQContext()
let server = try EchoServer(context: context)
let client = try EchoClient(context: context)
try client.req.send(text: "hello plugin", seq: 7)
guard let ping = try server.rep.receive(timeout: .seconds(5)) else { fatalError("no ping") }
try server.rep.send(text: ping.text, seq: ping.seq, ok: true)
guard let pong = try client.req.receive(timeout: .seconds(5)) else { fatalError("no pong") }
print("pong \(pong.text) \(pong.seq) \(pong.ok)")
client.close()
server.close()
