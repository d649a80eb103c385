import Foundation
import Testing
@testable import Site

/// Files written from another thread before the build's thread records them (`WriteAhead`).
@Suite struct WriteAheadTests {
    let fm = FileManager.default

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "write-ahead-" + UUID().uuidString
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func read(_ path: String) -> String? { fm.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

    /// A whole build of `files` (owner "a") into `root`, as a previous build.
    func built(_ files: [SiteFile], in root: String) throws {
        let writer = OutputWriter(root: root, enabled: true)
        try writer.begin()
        try writer.write(files, owner: "a")
        try writer.finish()
    }

    func manifest(_ root: String) -> OutputManifest {
        OutputManifest(parsing: fm.contents(atPath: root + "/" + OutputManifest.fileName) ?? Data())
    }

    @Test func aFileWrittenAheadIsRecordedOnceAndNotWrittenAgain() throws {
        let root = try folder()
        defer { try? fm.removeItem(atPath: root) }
        let writer = OutputWriter(root: root, enabled: true)
        try writer.begin()
        let ahead = try #require(writer.ahead)
        let page = SiteFile(path: "a.md", text: "# A\n").hashed()
        ahead.write([page], owner: "a")
        #expect(read(root + "/a.md") == "# A\n")
        let inode = try #require(fm.attributesOfItem(atPath: root + "/a.md")[.systemFileNumber] as? Int)
        // The build's thread hands the same bytes over: recorded, reported changed, not written again.
        #expect(try writer.write([page], owner: "a") == ["a.md"])
        #expect(try fm.attributesOfItem(atPath: root + "/a.md")[.systemFileNumber] as? Int == inode)
        try writer.finish()
        #expect(writer.changedPaths == ["a.md"])
        #expect(manifest(root).entries["a.md"] == .init(kind: .file, hash: OutputManifest.hash(Data("# A\n".utf8)), owner: "a"))
    }

    @Test func otherBytesFromTheBuildsThreadWin() throws {
        let root = try folder()
        defer { try? fm.removeItem(atPath: root) }
        let writer = OutputWriter(root: root, enabled: true)
        try writer.begin()
        writer.ahead?.write([SiteFile(path: "a.md", text: "early")], owner: "a")
        #expect(try writer.write([SiteFile(path: "a.md", text: "final")], owner: "a") == ["a.md"])
        try writer.finish()
        #expect(read(root + "/a.md") == "final")
        #expect(manifest(root).entries["a.md"]?.hash == OutputManifest.hash(Data("final".utf8)))
    }

    @Test func unchangedBytesAreNotRewrittenAndNotReported() throws {
        let root = try folder()
        defer { try? fm.removeItem(atPath: root) }
        try built([SiteFile(path: "a.md", text: "same")], in: root)
        let inode = try #require(fm.attributesOfItem(atPath: root + "/a.md")[.systemFileNumber] as? Int)
        let second = OutputWriter(root: root, enabled: true)
        try second.begin()
        second.ahead?.write([SiteFile(path: "a.md", text: "same")], owner: "a")
        #expect(try second.write([SiteFile(path: "a.md", text: "same")], owner: "a") == [])
        try second.finish()
        #expect(second.changedPaths == [])
        #expect(try fm.attributesOfItem(atPath: root + "/a.md")[.systemFileNumber] as? Int == inode)
    }

    @Test func aFileEditedByHandSinceTheLastBuildIsPutBack() throws {
        let root = try folder()
        defer { try? fm.removeItem(atPath: root) }
        try built([SiteFile(path: "a.md", text: "built")], in: root)
        try "edited".write(toFile: root + "/a.md", atomically: false, encoding: .utf8)
        let second = OutputWriter(root: root, enabled: true)
        try second.begin()
        second.ahead?.write([SiteFile(path: "a.md", text: "built")], owner: "a")
        #expect(read(root + "/a.md") == "built")
        #expect(try second.write([SiteFile(path: "a.md", text: "built")], owner: "a") == ["a.md"])
        try second.finish()
    }

    @Test func linksAndMissingFoldersAreLeftToTheWriter() throws {
        let root = try folder()
        let outside = try folder()
        defer { try? fm.removeItem(atPath: root); try? fm.removeItem(atPath: outside) }
        try fm.createSymbolicLink(atPath: root + "/linked.md", withDestinationPath: outside + "/target.md")
        try fm.createSymbolicLink(atPath: root + "/figures", withDestinationPath: outside)
        let writer = OutputWriter(root: root, enabled: true)
        try writer.begin()
        let ahead = try #require(writer.ahead)
        ahead.write([SiteFile(path: "linked.md", text: "x"), SiteFile(path: "figures/f.svg", text: "<svg/>"),
                     SiteFile(path: "new/f.svg", text: "<svg/>")], owner: "a")
        #expect(!fm.fileExists(atPath: outside + "/target.md"))
        #expect(!fm.fileExists(atPath: outside + "/f.svg"))
        #expect(!fm.fileExists(atPath: root + "/new"))
        #expect(ahead.leftovers().isEmpty)
        // The writer makes the missing folder, and refuses the link as before.
        #expect(try writer.write([SiteFile(path: "new/f.svg", text: "<svg/>")], owner: "a") == ["new/f.svg"])
        #expect(throws: OutputError.self) { try writer.write([SiteFile(path: "linked.md", text: "x")], owner: "a") }
        try writer.finish()
    }

    @Test func aFileWrittenForALessonThatFailedLaterIsStillInTheManifest() throws {
        let root = try folder()
        defer { try? fm.removeItem(atPath: root) }
        try built([SiteFile(path: "a.md", text: "old"), SiteFile(path: "a.html", text: "old page")], in: root)
        // The Markdown went ahead; the page then could not be written, so the lesson's files are kept.
        let second = OutputWriter(root: root, enabled: true)
        try second.begin()
        second.ahead?.write([SiteFile(path: "a.md", text: "new")], owner: "a")
        second.keep(owner: "a")
        try second.finish()
        #expect(second.changedPaths == ["a.md"])
        let entries = manifest(root).entries
        #expect(entries["a.md"]?.hash == OutputManifest.hash(Data("new".utf8)))
        #expect(entries["a.html"]?.hash == OutputManifest.hash(Data("old page".utf8)))
        // So the next build that drops the lesson still removes it (its bytes are the recorded ones).
        let third = OutputWriter(root: root, enabled: true)
        try third.begin()
        try third.finish()
        #expect(!fm.fileExists(atPath: root + "/a.md"))
        #expect(!fm.fileExists(atPath: root + "/a.html"))
    }
}
