import Foundation
import Testing
@testable import Server

/// Only files under the output folder are served, whatever the request path says.
@Suite struct SafePathTests {
    /// A scratch site beside a secret it must never serve: `root/` and `root/../secret.txt`.
    struct Site {
        let base: String
        var root: String { base + "/site" }
        init() throws {
            base = NSTemporaryDirectory() + "attnbook-safepath-" + UUID().uuidString
            let fm = FileManager.default
            try fm.createDirectory(atPath: base + "/site/assets", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: base + "/site/01-lesson", withIntermediateDirectories: true)
            try Data("page".utf8).write(to: URL(fileURLWithPath: base + "/site/index.html"))
            try Data("lesson".utf8).write(to: URL(fileURLWithPath: base + "/site/01-lesson.html"))
            try Data("svg".utf8).write(to: URL(fileURLWithPath: base + "/site/01-lesson/step alpha.svg"))
            try Data("css".utf8).write(to: URL(fileURLWithPath: base + "/site/assets/index.html"))
            try Data("lock".utf8).write(to: URL(fileURLWithPath: base + "/site/.attnbook.lock"))
            try Data("secret".utf8).write(to: URL(fileURLWithPath: base + "/secret.txt"))
            try fm.createSymbolicLink(atPath: base + "/site/escape.txt", withDestinationPath: base + "/secret.txt")
            try fm.createSymbolicLink(atPath: base + "/site/outside", withDestinationPath: base)
            try fm.createSymbolicLink(atPath: base + "/site/inside.html", withDestinationPath: base + "/site/01-lesson.html")
        }
        func real(_ relative: String) -> String { SafePath.realPath(root + "/" + relative)! }
    }

    @Test func servesFilesAndIndexes() throws {
        let site = try Site()
        #expect(SafePath.resolve("/", root: site.root) == .file(site.real("index.html")))
        #expect(SafePath.resolve("/01-lesson.html", root: site.root) == .file(site.real("01-lesson.html")))
        #expect(SafePath.resolve("/01-lesson/step%20alpha.svg", root: site.root) == .file(site.real("01-lesson/step alpha.svg")))
        #expect(SafePath.resolve("/assets/", root: site.root) == .file(site.real("assets/index.html")))
        // A folder without its slash is sent to the slash, so its page's relative links work.
        #expect(SafePath.resolve("/assets", root: site.root) == .redirect("/assets/"))
        // A folder without an index.html is not listed.
        #expect(SafePath.resolve("/01-lesson/", root: site.root) == .notFound)
        #expect(SafePath.resolve("/missing.html", root: site.root) == .notFound)
        // A symlink that stays inside the folder is fine.
        #expect(SafePath.resolve("/inside.html", root: site.root) == .file(site.real("01-lesson.html")))
        // So is a detour out and back in: what counts is where the file really is.
        #expect(SafePath.resolve("/outside/site/index.html", root: site.root) == .file(site.real("index.html")))
    }

    @Test(arguments: [
        "/../secret.txt", "/../../etc/passwd", "/01-lesson/../../secret.txt",
        "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e%2e%2fsecret.txt", "/01-lesson/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt", "/%00index.html", "/index.html%00.txt",
        "secret.txt", "../secret.txt", "//etc/passwd", "/etc/passwd",
        "/escape.txt", "/outside/secret.txt",
        "/.attnbook.lock", "/%2eattnbook.lock", "/%zz",
    ])
    func refusesEverythingOutside(_ path: String) throws {
        let site = try Site()
        let result = SafePath.resolve(path, root: site.root)
        #expect(result == .notFound, "\(path) resolved to \(result)")
    }

    @Test func aMissingRootServesNothing() {
        #expect(SafePath.resolve("/", root: "/nonexistent-attnbook-root") == .notFound)
    }
}
