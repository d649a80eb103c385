import FlyingFox
import Foundation
import Testing
@testable import Server

/// Stamps, validators and the versioned addresses a served page links its assets by.
@Suite struct AssetVersionsTests {
    func site() throws -> String {
        let root = NSTemporaryDirectory() + "attnbook-assets-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/assets", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try Data("body{}".utf8).write(to: URL(fileURLWithPath: root + "/assets/a.css"))
        try Data("1;".utf8).write(to: URL(fileURLWithPath: root + "/assets/a.js"))
        return root
    }

    func request(_ path: String, query: String = "", ifNoneMatch: String? = nil) -> HTTPRequest {
        var headers: HTTPHeaders = [:]
        if let ifNoneMatch { headers[.ifNoneMatch] = ifNoneMatch }
        return HTTPRequest(method: .GET, version: .http11, target: HTTPRequest.Target(path: path, query: query),
                           headers: headers, body: HTTPBodySequence())
    }

    @Test func theTagFollowsTheFile() throws {
        let root = try site()
        let first = try #require(FileValidator.tag(of: root + "/assets/a.css"))
        #expect(first.hasPrefix("\"") && first.hasSuffix("\""))
        #expect(FileValidator.tag(of: root + "/assets/a.css") == first)
        try Data("body{color:red}".utf8).write(to: URL(fileURLWithPath: root + "/assets/a.css"))
        #expect(FileValidator.tag(of: root + "/assets/a.css") != first)
        #expect(FileValidator.tag(of: root + "/assets/none.css") == nil)
    }

    @Test func ifNoneMatchLists() {
        #expect(FileValidator.matches("\"x\"", tag: "\"x\""))
        #expect(FileValidator.matches("\"y\", W/\"x\"", tag: "\"x\""))
        #expect(FileValidator.matches("*", tag: "\"x\""))
        #expect(!FileValidator.matches("\"y\"", tag: "\"x\""))
        #expect(!FileValidator.matches("x", tag: "\"x\""))
        #expect(!FileValidator.matches(nil, tag: "\"x\""))
    }

    @Test func theHeadsAssetsGetTheirStamp() throws {
        let root = try site()
        let css = AssetVersions.bare(try #require(FileValidator.tag(of: root + "/assets/a.css")))
        let js = AssetVersions.bare(try #require(FileValidator.tag(of: root + "/assets/a.js")))
        let html = """
        <html><head><link rel="stylesheet" href="assets/a.css"><script defer src="assets/a.js"></script>
        <link rel="icon" href="assets/none.css"><script src="https://example.org/a.js"></script>
        <link rel="stylesheet" href="assets/a.css?x=1"></head>
        <body><a href="assets/a.css">the body is left alone</a></body></html>
        """
        let out = String(decoding: AssetVersions.stamp(Data(html.utf8), requestPath: "/01-a.html", root: root), as: UTF8.self)
        // Only existing local files without a query, and only in the head.
        #expect(out == """
        <html><head><link rel="stylesheet" href="assets/a.css?v=\(css)"><script defer src="assets/a.js?v=\(js)"></script>
        <link rel="icon" href="assets/none.css"><script src="https://example.org/a.js"></script>
        <link rel="stylesheet" href="assets/a.css?x=1"></head>
        <body><a href="assets/a.css">the body is left alone</a></body></html>
        """)
        // From a folder, by a relative or a root-relative path; `..` out of the root names nothing.
        let nested = "<head><link href=\"../assets/a.css\"><link href=\"/assets/a.css\"><link href=\"../../a.css\"></head>"
        let stamped = String(decoding: AssetVersions.stamp(Data(nested.utf8), requestPath: "/sub/page.html", root: root), as: UTF8.self)
        #expect(stamped == "<head><link href=\"../assets/a.css?v=\(css)\"><link href=\"/assets/a.css?v=\(css)\"><link href=\"../../a.css\"></head>")
        // No head: unchanged.
        #expect(AssetVersions.stamp(Data("<p>bare".utf8), requestPath: "/x.html", root: root) == Data("<p>bare".utf8))
    }

    @Test func theServerAnswersByVersionAndValidator() async throws {
        let root = try site()
        let handler = PreviewHandler(root: root, hub: ReloadHub())
        let tag = try #require(FileValidator.tag(of: root + "/assets/a.css"))
        let plain = try await handler.handleRequest(request("/assets/a.css"))
        #expect(plain.statusCode == .ok)
        #expect(plain.headers[.cacheControl] == "no-cache")
        #expect(plain.headers[.eTag] == tag)
        let again = try await handler.handleRequest(request("/assets/a.css", ifNoneMatch: tag))
        #expect(again.statusCode == .notModified)
        #expect(try await again.bodyData.isEmpty)
        let current = try await handler.handleRequest(request("/assets/a.css", query: "v=" + AssetVersions.bare(tag)))
        #expect(current.headers[.cacheControl] == "max-age=31536000, immutable")
        #expect(try await current.bodyData == Data("body{}".utf8))
        // An old stamp is no promise: asked for again next time.
        let old = try await handler.handleRequest(request("/assets/a.css", query: "v=0-0-0-0"))
        #expect(old.headers[.cacheControl] == "no-cache")
        try Data("<html><head><link rel=\"stylesheet\" href=\"assets/a.css\"></head><body></body></html>".utf8)
            .write(to: URL(fileURLWithPath: root + "/p.html"))
        let page = String(decoding: try await handler.handleRequest(request("/p.html")).bodyData, as: UTF8.self)
        #expect(page.contains("href=\"assets/a.css?v=\(AssetVersions.bare(tag))\""))
    }
}
