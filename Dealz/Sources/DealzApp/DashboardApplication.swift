import ExampleSystems
import Foundation
import Hummingbird
import NIOCore

/// The dashboard's HTTP side: the page and its script and style, the state as JSON, the state's
/// changes as server-sent events, and the requests that change what dealz does.
///
/// | Method and path            | Body                                  | Answer                           |
/// |----------------------------|---------------------------------------|----------------------------------|
/// | `GET /`, `/app.js`, `/app.css` |                                   | the page                         |
/// | `GET /api/state`           |                                       | ``DashboardState`` as JSON       |
/// | `GET /api/events`          |                                       | `event: state` per change (SSE); `?once` ends after the first |
/// | `POST /api/symbols`        | `{"symbol": "AAPL"}`                  | 200; 400 for a bad symbol        |
/// | `DELETE /api/symbols/AAPL` |                                       | 200; 404 if not shown            |
/// | `POST /api/chat`           | `{"user": "ann", "text": "hi"}`       | 202; 400 for a bad user or text  |
/// | `POST /api/deals`          | `{"count": 500}` or `{"csv": "..."}`  | 202; 400 bad CSV; 409 busy or no workers |
///
/// Bodies over ``maximumBodySize`` get 413. Errors come as `{"error": {"message": ...}}`.
public enum DashboardApplication {
    /// The largest request body dealz reads (a pasted CSV of about a thousand orders).
    public static let maximumBodySize = 64 * 1024
    /// The largest random batch.
    public static let maximumDeals = 10_000

    /// The routes, for a server or for tests.
    public static func router(engine: DealzEngine) throws -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(SecurityHeaders())
        let files = try PublicFiles()
        for (path, file) in files.byPath {
            router.get(RouterPath(path)) { _, _ in
                Response(status: .ok, headers: [.contentType: file.contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
            }
        }

        router.get("/api/state") { _, _ in try json(engine.store.current) }

        router.get("/api/events") { request, _ -> Response in
            let once = request.uri.queryParameters["once"] != nil
            let changes = engine.store.changes()
            let body = ResponseBody { writer in
                let encoder = JSONEncoder()
                for await state in changes {
                    let data = try encoder.encode(state)
                    try await writer.write(ByteBuffer(string: "event: state\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"))
                    if once { break }
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
        }

        router.post("/api/symbols") { request, context -> Response in
            let body = try await decode(SymbolBody.self, from: request)
            if let problem = DealzValidation.problem(withSymbol: body.symbol) { throw HTTPError(.badRequest, message: problem) }
            return try answer(await engine.perform(.follow(body.symbol)), status: .ok)
        }

        router.delete("/api/symbols/:symbol") { _, context -> Response in
            let symbol = try context.parameters.require("symbol")
            if let problem = DealzValidation.problem(withSymbol: symbol) { throw HTTPError(.badRequest, message: problem) }
            return try answer(await engine.perform(.forget(symbol)), status: .ok)
        }

        router.post("/api/chat") { request, _ -> Response in
            let body = try await decode(ChatBody.self, from: request)
            if let problem = DealzValidation.problem(withMessage: body.text, from: body.user) {
                throw HTTPError(.badRequest, message: problem)
            }
            return try answer(await engine.perform(.post(user: body.user, text: body.text)), status: .accepted)
        }

        router.post("/api/deals") { request, _ -> Response in
            let body = try await decode(DealsBody.self, from: request)
            switch (body.count, body.csv) {
            case (let count?, nil):
                guard (1...maximumDeals).contains(count) else {
                    throw HTTPError(.badRequest, message: "count must be from 1 to \(maximumDeals), not \(count)")
                }
                return try answer(await engine.perform(.randomDeals(count: count)), status: .accepted)
            case (nil, let csv?):
                let orders: [Order]
                do { orders = try OrderFile.parse(csv) } catch { throw HTTPError(.badRequest, message: "CSV \(error)") }
                guard !orders.isEmpty else { throw HTTPError(.badRequest, message: "the CSV has no orders") }
                return try answer(await engine.perform(.deals(orders)), status: .accepted)
            default:
                throw HTTPError(.badRequest, message: "give either \"count\" or \"csv\"")
            }
        }
        return router
    }

    /// The server on `host:port`.
    public static func application(engine: DealzEngine, host: String, port: Int) throws -> some ApplicationProtocol {
        Application(
            router: try router(engine: engine),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "dealz"))
    }

    private struct SymbolBody: Decodable { let symbol: String }
    private struct ChatBody: Decodable {
        let user: String
        let text: String
    }
    private struct DealsBody: Decodable {
        let count: Int?
        let csv: String?
    }
    private struct Detail: Encodable { let detail: String }

    /// The body of `request` as `T`, read up to ``maximumBodySize`` (413 beyond), 400 if it is
    /// not that JSON.
    private static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maximumBodySize) } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "the body is over \(maximumBodySize / 1024) KiB")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: "the body is not the JSON expected: \(describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case .dataCorrupted(let context): context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        @unknown default: "\(error)"
        }
    }

    private static func answer(_ answer: DealzAnswer, status: HTTPResponse.Status) throws -> Response {
        switch answer {
        case .accepted(let detail):
            var response = try json(Detail(detail: detail))
            response.status = status
            return response
        case .refused(let code, let message):
            throw HTTPError(HTTPResponse.Status(code: code), message: message)
        }
    }

    private static func json(_ value: some Encodable) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The page's files, read once from the bundle.
struct PublicFiles {
    struct File {
        let bytes: [UInt8]
        let contentType: String
    }

    let byPath: [String: File]

    init() throws {
        let types = ["index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"]
        var byPath: [String: File] = [:]
        for (name, type) in types {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Public") else {
                throw HTTPError(.internalServerError, message: "dealz was built without Public/\(name)")
            }
            byPath[name == "index.html" ? "/" : "/" + name] = File(bytes: Array(try Data(contentsOf: url)), contentType: type)
        }
        self.byPath = byPath
    }
}

/// Headers that keep the page's own script the only one that runs: text from chat can never
/// become markup that runs, even if the page had a bug that inserted it as HTML.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
