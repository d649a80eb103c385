import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `attnbook serve`: the output folder, read-only, with the live-reload script
/// added to HTML responses and the event stream at `LiveReloadScript.eventsPath`.
public final class PreviewServer: Sendable {
    public enum StartError: Error, CustomStringConvertible {
        case portInUse(host: String, port: UInt16)
        case badHost(String)
        case other(String)

        public var description: String {
            switch self {
            case .portInUse(let host, let port):
                return "error: port \(port) on \(host) is already in use; stop the other server or pick a free port with --port N"
            case .badHost(let host):
                return "error: cannot listen on `\(host)`: give an IPv4 or IPv6 address, e.g. --host 127.0.0.1 or --host ::1"
            case .other(let message):
                return "error: cannot start the server: \(message)"
            }
        }
    }

    public let root: String
    public let host: String
    public let port: UInt16
    public let hub: ReloadHub
    private let server: HTTPServer

    /// - Parameters:
    ///   - root: the output folder.
    ///   - host: the address to bind; `localhost` means `127.0.0.1`.
    ///   - port: the TCP port (0 lets the system choose; see `boundPort`).
    public init(root: String, host: String = "127.0.0.1", port: UInt16 = 8000, hub: ReloadHub = ReloadHub()) throws(StartError) {
        self.root = root
        self.host = host == "localhost" ? "127.0.0.1" : host
        self.port = port
        self.hub = hub
        let address: any SocketAddress
        do {
            address = self.host.contains(":") ? try sockaddr_in6.inet6(ip6: self.host, port: port)
                                              : try sockaddr_in.inet(ip4: self.host, port: port)
        } catch {
            throw .badHost(host)
        }
        let handler = PreviewHandler(root: root, hub: hub)
        server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 30,
                                                             pool: NoDelayPool(base: HTTPServer.defaultPool()), logger: .disabled),
                            handler: handler)
    }

    /// Starts listening and serving in the background; returns once the socket listens, or throws
    /// (a busy port among the reasons).
    public func start() async throws(StartError) {
        let server = self.server
        let failure = Failure()
        Task {
            do { try await server.run() } catch { await failure.set(error) }
        }
        // A keep-alive comment every 15 s finds the event streams whose pages closed.
        let hub = self.hub
        Task {
            while true {
                try? await Task.sleep(for: .seconds(15))
                guard await server.isListening else { return }  // stopped
                await hub.heartbeat()
            }
        }
        for _ in 0..<500 {
            if await server.isListening { return }
            if let error = await failure.error { throw map(error) }
            try? await Task.sleep(for: .milliseconds(10))
        }
        throw .other("the server did not start listening within 5 s")
    }

    /// The port the socket is bound to (the chosen one when `port` was 0).
    public var boundPort: UInt16 {
        get async {
            guard let address = await server.listeningAddress else { return port }
            switch address {
            case .ip4(_, let port), .ip6(_, let port): return port
            default: return port
            }
        }
    }

    public func stop() async {
        await server.stop(timeout: 1)
    }

    private func map(_ error: any Error) -> StartError {
        if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE { return .portInUse(host: host, port: port) }
        if case SocketError.failed(_, let code, let message) = error, code == EADDRNOTAVAIL {
            return .other("`\(host)` is not an address of this machine (\(message))")
        }
        return .other(error.localizedDescription)
    }

    private actor Failure {
        var error: (any Error)?
        func set(_ error: any Error) { self.error = error }
    }
}

/// Answers one request: the event stream, a file of the output folder, a redirect or a 404.
struct PreviewHandler: HTTPHandler {
    let root: String
    let hub: ReloadHub

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET, HEAD", .cacheControl: "no-store"] as HTTPHeaders)
        }
        let path = request.target.path()
        if path == LiveReloadScript.eventsPath {
            let stream = await hub.subscribe()
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"] as HTTPHeaders,
                                body: HTTPBodySequence(from: EventStreamBody(stream: stream)))
        }
        switch SafePath.resolve(path, root: root) {
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: location, .cacheControl: "no-store"] as HTTPHeaders)
        case .notFound:
            return Self.notFound(path)
        case .file(let file):
            let type = ContentType.of(file)
            let page = type.hasPrefix("text/html")
            // A preview: a page is never kept (it changes with every edit and carries the script);
            // anything else is kept but asked for again on every load (`FileValidator`), except
            // under the versioned address a served page links it by (`AssetVersions`).
            let tag = page ? nil : FileValidator.tag(of: file)
            let cache = tag.map { AssetVersions.cacheControl(query: request.target.query(), tag: $0) } ?? "no-store"
            if let tag, FileValidator.matches(request.headers[.ifNoneMatch], tag: tag) {
                return HTTPResponse(statusCode: .notModified, headers: [.eTag: tag, .cacheControl: cache] as HTTPHeaders)
            }
            guard var data = FileManager.default.contents(atPath: file) else { return Self.notFound(path) }
            if page { data = LiveReloadScript.inject(into: AssetVersions.stamp(data, requestPath: path, root: root)) }
            var headers: HTTPHeaders = [.contentType: type, .cacheControl: cache, .contentLength: String(data.count)]
            if let tag { headers[.eTag] = tag }
            return HTTPResponse(statusCode: .ok, headers: headers, body: request.method == .HEAD ? Data() : data)
        }
    }

    /// A small page saying what was not found, and a way back to the table of contents; with the
    /// live-reload script, so a page that is missing because its lesson has not built yet shows
    /// why, and appears by itself once it builds.
    static func notFound(_ path: String) -> HTTPResponse {
        let shown = (path.removingPercentEncoding ?? path)
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let html = """
        <!doctype html>
        <html lang="en" data-attnbook-missing><head><meta charset="utf-8"><title>Not found</title></head>
        <body><h1>Not found</h1><p>Nothing at <code>\(shown)</code> in the site.</p>
        <p><a href="/">The table of contents</a></p></body></html>

        """
        return HTTPResponse(statusCode: .notFound,
                            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"] as HTTPHeaders,
                            body: LiveReloadScript.inject(into: Data(html.utf8)))
    }
}
