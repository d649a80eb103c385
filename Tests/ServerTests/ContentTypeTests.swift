import Testing
@testable import Server

@Suite struct ContentTypeTests {
    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("/01-why/step-alpha.svg", "image/svg+xml; charset=utf-8"),
        ("assets/attnbook.css", "text/css; charset=utf-8"),
        ("assets/attnbook.js", "text/javascript; charset=utf-8"),
        ("01-why.json", "application/json; charset=utf-8"),
        ("01-why.md", "text/markdown; charset=utf-8"),
        ("assets/fonts/KaTeX_Main-Regular.woff2", "font/woff2"),
        ("assets/fonts/KaTeX_Main-Regular.woff", "font/woff"),
        ("assets/fonts/KaTeX_Main-Regular.ttf", "font/ttf"),
        ("PAGE.HTML", "text/html; charset=utf-8"),
        ("figure.png", "image/png"),
        ("no-extension", "application/octet-stream"),
        (".hidden", "application/octet-stream"),
        ("archive.tar.gz", "application/octet-stream"),
    ])
    func byExtension(_ path: String, _ expected: String) {
        #expect(ContentType.of(path) == expected)
    }
}
