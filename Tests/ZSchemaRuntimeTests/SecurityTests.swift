import Testing

@testable import ZSchemaRuntime

@Suite("Security, proxy and limits")
struct SecurityTests {
    @Test("Z85 round-trips keys and rejects bad input")
    func z85() throws {
        let bytes: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(bytes) == "HelloWorld")  // the example from RFC 32
        #expect(Z85.decode("HelloWorld") == bytes)
        #expect(Z85.encode([1, 2, 3]) == nil)
        #expect(Z85.decode("abc") == nil)
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.count == 40 && pair.secretKey.count == 40)
        #expect(CurveKeyPair(publicKey: pair.publicKey, secretKey: pair.secretKey) == pair)
        #expect(CurveKeyPair(publicKey: "short", secretKey: pair.secretKey) == nil)
    }

    /// A PULL server and a PUSH client over tcp; returns whether a message got through.
    private func exchange(
        context: ZMQContext, server configureServer: (ZMQSocket) throws -> Void, client configureClient: (ZMQSocket) throws -> Void
    ) throws -> Bool {
        let server = try ZMQSocket(context: context, type: .pull, linger: .zero)
        try configureServer(server)
        try server.bind("tcp://127.0.0.1:*")
        let client = try ZMQSocket(context: context, type: .push, linger: .zero)
        try configureClient(client)
        try client.connect(try server.lastEndpoint)
        try client.send(frames: [Array("secret".utf8)], dontWait: false)
        defer { client.close(); server.close() }
        return try server.receive(timeout: .seconds(1))?.copyFrames() == [Array("secret".utf8)]
    }

    @Test("CURVE with a ZAP authenticator lets known keys in and keeps others out", .timeLimit(.minutes(1)))
    func curve() throws {
        try #require(ZMQContext.has("curve"))
        let context = ZMQContext()
        let serverKeys = try CurveKeyPair.generate()
        let allowed = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let authenticator = try ZAPAuthenticator(context: context, policy: ZAPAuthenticator.curve(allowedKeys: [allowed.publicKey]))
        defer { authenticator.stop() }
        #expect(
            try exchange(
                context: context, server: { try $0.makeCurveServer(serverKeys) }, client: { try $0.makeCurveClient(allowed, serverKey: serverKeys.publicKey) }))
        #expect(
            try !exchange(
                context: context, server: { try $0.makeCurveServer(serverKeys) }, client: { try $0.makeCurveClient(stranger, serverKey: serverKeys.publicKey) })
        )
    }

    @Test("PLAIN accepts the right password only", .timeLimit(.minutes(1)))
    func plain() throws {
        let context = ZMQContext()
        let authenticator = try ZAPAuthenticator(context: context, policy: ZAPAuthenticator.plain(users: ["ann": "s3cret"]))
        defer { authenticator.stop() }
        #expect(try exchange(context: context, server: { try $0.makePlainServer() }, client: { try $0.makePlainClient(username: "ann", password: "s3cret") }))
        #expect(try !exchange(context: context, server: { try $0.makePlainServer() }, client: { try $0.makePlainClient(username: "ann", password: "guess") }))
    }

    @Test("an oversized frame is refused by MAXMSGSIZE and the next peer's message arrives", .timeLimit(.minutes(1)))
    func maximumMessageSize() throws {
        let context = ZMQContext()
        let server = try ZMQSocket(context: context, type: .pull, linger: .zero)
        try server.setMaximumMessageSize(1024)
        try server.bind("tcp://127.0.0.1:*")
        let hostile = try ZMQSocket(context: context, type: .push, linger: .zero)
        try hostile.connect(try server.lastEndpoint)
        try hostile.send(frames: [[UInt8](repeating: 7, count: 4096)])
        #expect(try server.receive(timeout: .milliseconds(300)) == nil)
        let good = try ZMQSocket(context: context, type: .push, linger: .zero)
        try good.connect(try server.lastEndpoint)
        try good.send(frames: [[1, 2, 3]])
        #expect(try server.receive(timeout: .seconds(5))?.copyFrames() == [[1, 2, 3]])
        hostile.close(); good.close(); server.close()
    }

    @Test("a steerable XSUB/XPUB proxy forwards and stops on TERMINATE", .timeLimit(.minutes(1)))
    func proxy() throws {
        let context = ZMQContext()
        let frontend = try ZMQSocket(context: context, type: .xsub, linger: .zero)
        try frontend.bind("inproc://proxy-front")
        let backend = try ZMQSocket(context: context, type: .xpub, linger: .zero)
        try backend.bind("inproc://proxy-back")
        let control = try ZMQSocket(context: context, type: .pair, linger: .zero)
        try control.bind("inproc://proxy-control")
        let steer = try ZMQSocket(context: context, type: .pair, linger: .zero)
        try steer.connect("inproc://proxy-control")
        // The proxy blocks: it gets a thread of its own, never a task on the cooperative pool.
        let proxying = SocketThread(name: "proxy-test") {
            defer { for socket in [frontend, backend, control] { socket.close() } }
            try ZMQProxy.run(frontend: frontend, backend: backend, control: control)
        }

        let publisher = try ZMQSocket(context: context, type: .pub, linger: .zero)
        try publisher.connect("inproc://proxy-front")
        let subscriber = try ZMQSocket(context: context, type: .sub, linger: .zero)
        try subscriber.connect("inproc://proxy-back")
        try subscriber.subscribe(prefix: Array("t".utf8))
        var received: [UInt8]?
        for _ in 0..<200 where received == nil {
            try publisher.send(frames: [Array("tick".utf8), [1]])
            received = try subscriber.receive(timeout: .milliseconds(20))?.copyFrames().first
        }
        #expect(received == Array("tick".utf8))
        try steer.send(frames: [ZMQProxy.terminateCommand])
        #expect(try proxying.join(timeout: .seconds(5)) != nil)
        for socket in [publisher, subscriber, steer] { socket.close() }
    }

    @Test("monitor events arrive as typed values")
    func monitor() throws {
        let context = ZMQContext()
        let server = try ZMQSocket(context: context, type: .rep, linger: .zero)
        try server.bind("tcp://127.0.0.1:*")
        let client = try ZMQSocket(context: context, type: .req, linger: .zero)
        let monitor = try SocketMonitor(monitoring: client, endpoint: "inproc://monitor.test.req", context: context)
        try client.connect(try server.lastEndpoint)
        var kinds: [MonitorEvent.Kind] = []
        while !kinds.contains(.handshakeSucceeded), let event = try monitor.receive(timeout: .seconds(5)) {
            kinds.append(event.kind)
            #expect(event.endpoint == (try server.lastEndpoint))
        }
        #expect(kinds.contains(.connected))
        #expect(kinds.contains(.handshakeSucceeded))
        monitor.socket.close(); client.close(); server.close()
        #expect(throws: MessageDecodingError.self) { try MonitorEvent(frames: [[1, 2, 3], []]) }
    }
}

@Suite("CURVE certificate files")
struct CurveCertificateTests {
    static let keys = CurveKeyPair(publicKey: "rjTu:v9Agr9c^-)S1:tN.wZdl}6Vh*8KT3H2cGTc", secretKey: "!?IG8ut?V1w1DrpQJ8x+AV>4<VGxeZPp5A%ZNBr0")!

    @Test("a certificate's text reads back, secret or public")
    func roundTrip() throws {
        for includingSecret in [true, false] {
            let certificate = CurveCertificate(Self.keys, includingSecret: includingSecret)
            #expect(try CurveCertificate.parse(certificate.fileText(generated: "today"), path: "x") == certificate)
        }
        #expect(Self.keys.publicKeyMatchesSecret)
    }

    @Test(
        "bad certificates are refused with the file and line",
        arguments: [
            ("metadata\ncurve\n", "x: no public-key in the file"),
            ("curve\n    public-key = \"short\"\n", "x:2: public-key is not a 40-character Z85 key"),
            ("curve\n    public-key\n", "x:2: expected 'public-key = \"…\"'"),
            (
                "curve\n    public-key = \"rjTu:v9Agr9c^-)S1:tN.wZdl}6Vh*8KT3H2cGTc\"\n    public-key = \"rjTu:v9Agr9c^-)S1:tN.wZdl}6Vh*8KT3H2cGTc\"\n",
                "x:3: public-key given twice"
            ),
            // A secret key from another pair.
            (
                "curve\n    public-key = \"rjTu:v9Agr9c^-)S1:tN.wZdl}6Vh*8KT3H2cGTc\"\n    secret-key = \"h]I&l>UmPye)in#nt^hJ={{C0p-NDDPL.a5s6gyE\"\n",
                "x:3: secret-key does not belong to public-key"
            ),
        ])
    func problems(text: String, message: String) {
        let error = #expect(throws: CurveCertificate.Problem.self) { try CurveCertificate.parse(text, path: "x") }
        #expect(error?.description == message)
    }

    @Test("a missing file or folder is its own located error")
    func missing() {
        #expect(throws: CurveCertificate.Problem.self) { try CurveCertificate.load(path: "/no/such.key") }
        let error = #expect(throws: CurveCertificate.Problem.self) { try CurveCertificate.loadPublicKeys(directory: "/no/such/folder") }
        #expect(error?.description.hasPrefix("/no/such/folder: cannot read the folder") == true)
    }
}

@Suite("libzmq version")
struct LibraryVersionTests {
    @Test("libzmq older than 4.3.2 is refused with an error naming the version found; this machine's passes")
    func minimum() throws {
        let old = try #require(ZMQContext.libraryVersionProblem((4, 3, 1)))
        #expect(old.code != 0 && old.operation == "libzmq 4.3.1")
        #expect(old.description == "libzmq 4.3.1: older than 4.3.2, which fixed CVE-2019-6250 and CVE-2019-13132; upgrade libzmq (errno \(old.code))")
        #expect(ZMQContext.libraryVersionProblem((4, 2, 9)) != nil)
        #expect(ZMQContext.libraryVersionProblem((3, 9, 9)) != nil)
        #expect(ZMQContext.libraryVersionProblem((4, 3, 2)) == nil)
        #expect(ZMQContext.libraryVersionProblem((4, 4, 0)) == nil)
        #expect(ZMQContext.libraryVersionProblem((5, 0, 0)) == nil)
        #expect(ZMQContext.libraryVersionProblem(ZMQContext.libraryVersion) == nil)
    }
}
