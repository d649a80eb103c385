import FlyingFox
import Foundation
import Testing
@testable import Server

/// The request handler as the server calls it, and the server's start-up errors on a real socket.
@Suite struct PreviewServerTests {
    func site() throws -> String {
        let root = NSTemporaryDirectory() + "attnbook-preview-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/assets", withIntermediateDirectories: true)
        try Data("<html><body><p>lesson</p></body></html>\n".utf8).write(to: URL(fileURLWithPath: root + "/01-a.html"))
        try Data("<html><body>index</body></html>\n".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        try Data("svg".utf8).write(to: URL(fileURLWithPath: root + "/assets/x.svg"))
        return root
    }

    func request(_ path: String, method: HTTPMethod = .GET) -> HTTPRequest {
        HTTPRequest(method: method, version: .http11, target: HTTPRequest.Target(path: path, query: ""),
                    headers: [:], body: HTTPBodySequence())
    }

    @Test func servesPagesWithTheScriptAndNoStore() async throws {
        let handler = PreviewHandler(root: try site(), hub: ReloadHub())
        let page = try await handler.handleRequest(request("/01-a.html"))
        #expect(page.statusCode == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(page.headers[.cacheControl] == "no-store")
        let body = String(decoding: try await page.bodyData, as: UTF8.self)
        #expect(body.hasPrefix("<html><body><p>lesson</p><script>"))
        #expect(body.contains(LiveReloadScript.eventsPath))
        #expect(page.headers[.contentLength] == String(body.utf8.count))

        let svg = try await handler.handleRequest(request("/assets/x.svg"))
        #expect(svg.headers[.contentType] == "image/svg+xml; charset=utf-8")
        #expect(try await svg.bodyData == Data("svg".utf8))

        let head = try await handler.handleRequest(request("/01-a.html", method: .HEAD))
        #expect(try await head.bodyData.isEmpty)
        #expect(head.headers[.contentLength] == String(body.utf8.count))
    }

    @Test func refusesAndRedirects() async throws {
        let handler = PreviewHandler(root: try site(), hub: ReloadHub())
        for path in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/nothing.html"] {
            let response = try await handler.handleRequest(request(path))
            #expect(response.statusCode == .notFound, "\(path)")
            let body = String(decoding: try await response.bodyData, as: UTF8.self)
            #expect(body.contains("Not found") && !body.contains("root:"))
            // It listens too, so it turns into the page once that builds.
            #expect(body.contains(LiveReloadScript.eventsPath) && body.contains("data-attnbook-missing"))
        }
        let folder = try await handler.handleRequest(request("/assets"))
        #expect(folder.statusCode == .movedPermanently)
        #expect(folder.headers[.location] == "/assets/")
        #expect(try await handler.handleRequest(request("/", method: .POST)).statusCode == .methodNotAllowed)
        // The 404 page names the path, escaped.
        let xss = try await handler.handleRequest(request("/%3Cscript%3E.html"))
        let shown = String(decoding: try await xss.bodyData, as: UTF8.self)
        #expect(shown.contains("<code>/&lt;script&gt;.html</code>") && !shown.contains("<script>.html"))
    }

    @Test func theEventStreamIsOpenEnded() async throws {
        let hub = ReloadHub()
        let handler = PreviewHandler(root: try site(), hub: hub)
        let events = try await handler.handleRequest(request(LiveReloadScript.eventsPath))
        #expect(events.headers[.contentType] == "text/event-stream; charset=utf-8")
        guard case .httpBody(let body) = events.payload else { Issue.record("not a body"); return }
        #expect(body.count == nil)  // no length: sent chunked, as events come
        // Each event is one HTTP chunk: its length in hex, CRLF, the bytes, CRLF.
        func chunk(_ text: String) -> String { String(text.utf8.count, radix: 16, uppercase: true) + "\r\n" + text + "\r\n" }
        var chunks = body.makeAsyncIterator()
        let hello = try await chunks.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(hello == chunk("retry: 300\n: attnbook live reload\n\n"))
        await hub.publish(.built(changed: ["01-a.html"]))
        let built = try await chunks.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(built == chunk("event: built\ndata: {\"changed\":[\"01-a.html\"]}\n\n"))
    }

    /// Real sockets: a second server on a taken port says so, in words that name --port.
    @Test func aBusyPortIsNamed() async throws {
        let root = try site()
        let first = try PreviewServer(root: root, host: "127.0.0.1", port: 0)
        try await first.start()
        let port = await first.boundPort
        #expect(port != 0)
        let second = try PreviewServer(root: root, host: "127.0.0.1", port: port)
        await #expect(throws: PreviewServer.StartError.self) { try await second.start() }
        do { try await second.start() } catch {
            #expect(error.description.contains("port \(port) on 127.0.0.1 is already in use"))
            #expect(error.description.contains("--port"))
        }
        await first.stop()
        #expect(throws: PreviewServer.StartError.self) { try PreviewServer(root: root, host: "not-an-address", port: 8000) }
    }
}
