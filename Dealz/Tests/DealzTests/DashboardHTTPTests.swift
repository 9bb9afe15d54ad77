import DealzApp
import ExampleSystems
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ZSchemaRuntime

/// Every endpoint of the dashboard through Hummingbird's test client, against a real engine whose
/// sockets bind free loopback ports and whose backends are absent: good requests change the state,
/// bad ones get a clear 4xx and change nothing.
@Suite("Dashboard HTTP", .serialized, .timeLimit(.minutes(1)))
struct DashboardHTTPTests {
    /// Runs `body` against the routes of a fresh engine following AAPL and MSFT.
    func withDashboard(_ body: @Sendable @escaping (any TestClientProtocol, DealzEngine) async throws -> Void) async throws {
        var endpoints = DealzEndpoints()
        (endpoints.chatzRouter, endpoints.chatzPub, endpoints.tickz) = (freeEndpoint(), freeEndpoint(), freeEndpoint())
        (endpoints.push, endpoints.pull, endpoints.pub) = (freeEndpoint(), freeEndpoint(), freeEndpoint())
        let engine = try DealzEngine(endpoints: endpoints, symbols: ["AAPL", "MSFT"], user: "dealz", context: ZMQContext(), log: ServiceLog("dealz-test"))
        let application = Application(router: try DashboardApplication.router(engine: engine))
        do {
            try await application.test(.router) { client in try await body(client, engine) }
        } catch {
            await engine.stop()
            throw error
        }
        await engine.stop()
    }

    /// What a request must not change: the symbols, the batch and the chat.
    struct Visible: Equatable {
        let symbols: [String]
        let batch: DashboardState.Batch?
        let chat: [DashboardState.ChatLine]
        init(_ state: DashboardState) { (symbols, batch, chat) = (state.quotes.map(\.symbol), state.batch, state.chat.lines) }
    }

    @Test("the page, its script and style, with a policy that lets only the page's own script run")
    func page() async throws {
        try await withDashboard { client, _ in
            for (path, type, marker) in [
                ("/", "text/html", "<h2 id=\"ticker-title\">Ticker</h2>"), ("/app.js", "text/javascript", "textContent"),
                ("/app.css", "text/css", "#chat-lines"),
            ] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                    #expect(String(buffer: response.body).contains(marker), "\(path)")
                }
            }
            // Nothing from a CDN: every script and style the page loads is its own.
            let page = try await client.execute(uri: "/", method: .get) { String(buffer: $0.body) }
            #expect(!page.contains("http://") && !page.contains("https://"))
            try await client.execute(uri: "/no/such/page", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("the state as JSON and as a server-sent event: the symbols, six sockets, every backend down")
    func state() async throws {
        try await withDashboard { client, _ in
            let state = try await client.execute(uri: "/api/state", method: .get) { response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(DashboardState.self, from: Data(buffer: response.body))
            }
            #expect(state.quotes.map(\.symbol) == ["AAPL", "MSFT"])
            #expect(state.sockets.map(\.name) == ["chatz.req", "chatz.sub", "tickz.sub", "valuz.push", "valuz.pull", "valuz.pub"])
            #expect(!state.backends.tickz && !state.backends.chatz && state.backends.workers == 0)

            try await client.execute(uri: "/api/events?once", method: .get) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("event: state\ndata: {") && text.hasSuffix("\n\n"), "\(text.prefix(200))")
                let data = Data(text.dropFirst("event: state\ndata: ".count).dropLast(2).utf8)
                let decoded = try JSONDecoder().decode(DashboardState.self, from: data)
                #expect(decoded.quotes.count == 2)
            }
        }
    }

    @Test("following and forgetting symbols; bad symbols and bodies get 400, unknown ones 404, and change nothing")
    func symbols() async throws {
        try await withDashboard { client, engine in
            try await client.execute(uri: "/api/symbols", method: .post, body: ByteBuffer(string: #"{"symbol": "IBM"}"#)) {
                #expect($0.status == .ok)
            }
            #expect(engine.store.current.quotes.map(\.symbol) == ["AAPL", "MSFT", "IBM"])
            let before = Visible(engine.store.current)
            for body in [#"{"symbol": "ibm"}"#, #"{"symbol": "IBM\n"}"#, #"{"symbol": "<script>"}"#, #"{"symbol": 7}"#, #"{"sym": "IBM"}"#, "not json", ""] {
                try await client.execute(uri: "/api/symbols", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(String(buffer: response.body).contains("\"message\""), "\(body)")
                }
            }
            try await client.execute(uri: "/api/symbols/GOOG", method: .delete) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/symbols/goog", method: .delete) { #expect($0.status == .badRequest) }
            #expect(Visible(engine.store.current) == before)
            try await client.execute(uri: "/api/symbols/AAPL", method: .delete) { #expect($0.status == .ok) }
            #expect(engine.store.current.quotes.map(\.symbol) == ["MSFT", "IBM"])
        }
    }

    @Test("chat posts: bad user names and texts get 400; a good one is accepted for posting")
    func chat() async throws {
        try await withDashboard { client, engine in
            let before = Visible(engine.store.current)
            for body in [
                #"{"user": "a b", "text": "hi"}"#, #"{"user": "", "text": "hi"}"#, #"{"user": "ann", "text": ""}"#,
                #"{"user": "ann", "text": "one\u001ftwo"}"#, #"{"user": "ann"}"#,
            ] {
                try await client.execute(uri: "/api/chat", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest, "\(body): \(String(buffer: response.body))")
                }
            }
            #expect(Visible(engine.store.current) == before)
            try await client.execute(uri: "/api/chat", method: .post, body: ByteBuffer(string: #"{"user": "ann", "text": "<b>hi</b>"}"#)) {
                #expect($0.status == .accepted)
            }
        }
    }

    @Test("deals: bad counts and CSV get 400 naming the line, no workers gets 409, an oversized body 413; none starts a batch")
    func deals() async throws {
        try await withDashboard { client, engine in
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"count": 0}"#, .badRequest, "count must be from 1"),
                (#"{"count": 10001}"#, .badRequest, "count must be from 1"),
                (#"{"count": 5, "csv": "AAPL,BUY,1,2"}"#, .badRequest, "either"),
                ("{}", .badRequest, "either"),
                (#"{"csv": "AAPL,BUY,1,2\nMSFT,HOLD,1,2"}"#, .badRequest, "line 2: action must be BUY or SELL"),
                (#"{"csv": "aapl,BUY,1,2"}"#, .badRequest, "line 1: symbol 'aapl'"),
                (#"{"csv": "\n\n"}"#, .badRequest, "no orders"),
                (#"{"count": 5}"#, .conflict, "no live price"),
                (#"{"csv": "AAPL,BUY,100,189.25"}"#, .conflict, "no valuz worker is connected"),
            ]
            for (body, status, message) in cases {
                try await client.execute(uri: "/api/deals", method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(body)")
                    #expect(String(buffer: response.body).contains(message), "\(body): \(String(buffer: response.body))")
                }
            }
            let oversized = #"{"csv": ""# + String(repeating: "AAPL,BUY,1,2\n", count: 6000) + #""}"#
            try await client.execute(uri: "/api/deals", method: .post, body: ByteBuffer(string: oversized)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("over 64 KiB"))
            }
            #expect(engine.store.current.batch == nil)
        }
    }
}
