import Foundation
import Testing
@testable import Site

/// `OutputFolderStamps.look`: which folders are recorded as holding all their files.
@Suite struct OutputFolderStampsTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("folder-stamps-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/lesson/deeper", withIntermediateDirectories: true)
        for name in ["page.html", "lesson/a.svg", "lesson/deeper/b.svg"] {
            try Data(name.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }
        return path
    }

    func manifest(_ paths: [String]) -> OutputManifest {
        var manifest = OutputManifest()
        for path in paths { manifest.entries[path] = .init(kind: .file, hash: 1, owner: "x") }
        return manifest
    }

    /// Waits until changes made now are older than `settle`.
    func settle() { Thread.sleep(forTimeInterval: Double(OutputFolderStamps.settle) / 1e9 + 0.03) }

    @Test func foldersWhoseFilesAreAllThereAreRecordedOnceSettled() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let all = manifest(["page.html", "lesson/a.svg", "lesson/deeper/b.svg"])
        // Just written: too fresh to tell a later change from this one by the folders' times.
        #expect(OutputFolderStamps.look(all, root: root).isEmpty)
        settle()
        let found = OutputFolderStamps.look(all, root: root)
        #expect(Set(found.keys) == ["", "lesson", "lesson/deeper"])
        #expect(found["lesson"] == OutputFolderStamps.Stamp(root + "/lesson"))
        // Removing a file moves its folder's stamp.
        try FileManager.default.removeItem(atPath: root + "/lesson/a.svg")
        #expect(OutputFolderStamps.Stamp(root + "/lesson") != found["lesson"])
        settle()
        // A folder missing a file of the manifest is not recorded; the others are.
        #expect(Set(OutputFolderStamps.look(all, root: root).keys) == ["", "lesson/deeper"])
    }

    @Test func aFolderThatIsALinkOrAFileInItsPlaceIsNotRecorded() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.moveItem(atPath: root + "/lesson", toPath: root + "/elsewhere")
        try FileManager.default.createSymbolicLink(atPath: root + "/lesson", withDestinationPath: root + "/elsewhere")
        try FileManager.default.removeItem(atPath: root + "/page.html")
        try FileManager.default.createDirectory(atPath: root + "/page.html", withIntermediateDirectories: false)
        settle()
        let found = OutputFolderStamps.look(manifest(["page.html", "lesson/a.svg", "lesson/deeper/b.svg"]), root: root)
        #expect(found["lesson"] == nil && found[""] == nil)
        #expect(OutputFolderStamps.Stamp(root + "/lesson") == nil)
    }

    @Test func eachOwnersFoldersAreListedOnce() {
        var manifest = OutputManifest()
        for (path, owner) in [("a.html", "a"), ("a.md", "a"), ("a/f.svg", "a"), ("a/g.svg", "a"), ("a/deep/h.svg", "a"),
                              ("assets/search/a.js", ":search/a"), ("b.html", "b")] {
            manifest.entries[path] = .init(kind: .file, hash: 1, owner: owner)
        }
        manifest.entries["a"] = .init(kind: .dir, hash: 0, owner: "a")
        manifest.entries["c"] = .init(kind: .dir, hash: 0, owner: "c")
        #expect(OutputFolderStamps.ownerFolders(manifest) == ["a": ["", "a", "a/deep"], ":search/a": ["assets/search"], "b": [""]])
    }

    @Test func stampsSpeakOnlyForTheManifestTheyWereTakenFor() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        settle()
        let stamps = OutputFolderStamps()
        let first = manifest(["page.html", "lesson/a.svg"])
        stamps.verify(first, root: root)
        #expect(stamps.stamps(for: first) == nil)  // not before the writes have settled
        var known: [String: OutputFolderStamps.Stamp]?
        for _ in 0..<200 where known == nil {
            Thread.sleep(forTimeInterval: 0.01)
            known = stamps.stamps(for: first)?.stamps
        }
        #expect(known?.isEmpty == false)
        #expect(stamps.stamps(for: first)?.ownerFolders == ["x": ["", "lesson"]])
        #expect(stamps.stamps(for: manifest(["page.html", "lesson/a.svg", "lesson/new.svg"])) == nil)
    }
}
