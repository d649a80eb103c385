import Foundation
import Testing
@testable import Preview
@testable import Server

@Suite struct FileSnapshotTests {
    @Test func seesAddedChangedAndRemovedFiles() throws {
        let folder = NSTemporaryDirectory() + "attnbook-snapshot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try Data("one".utf8).write(to: URL(fileURLWithPath: folder + "/01-a.md"))
        try Data("two".utf8).write(to: URL(fileURLWithPath: folder + "/sub/b.css"))
        try Data("swap".utf8).write(to: URL(fileURLWithPath: folder + "/.01-a.md.swp"))
        let first = FileSnapshot(of: [folder, folder + "/missing"])
        #expect(first.files.keys.sorted() == [folder + "/01-a.md", folder + "/sub/b.css"])
        #expect(FileSnapshot(of: [folder]).changes(since: first).isEmpty)

        // Same size, so only the modification time can tell: set it explicitly.
        try Data("ONE".utf8).write(to: URL(fileURLWithPath: folder + "/01-a.md"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000)],
                                              ofItemAtPath: folder + "/01-a.md")
        try FileManager.default.removeItem(atPath: folder + "/sub/b.css")
        try Data("three".utf8).write(to: URL(fileURLWithPath: folder + "/02-c.md"))
        let second = FileSnapshot(of: [folder])
        #expect(second.changes(since: first) == [folder + "/01-a.md", folder + "/02-c.md", folder + "/sub/b.css"])
    }

    /// The idle poll's cheap check sees every kind of change the full read sees.
    @Test func isCurrentUntilSomethingChanges() throws {
        let folder = NSTemporaryDirectory() + "attnbook-current-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let file = folder + "/sub/01-a.md"
        try Data("one".utf8).write(to: URL(fileURLWithPath: file))
        let later = folder + "/later"
        var seen = FileSnapshot(of: [folder, later])
        #expect(seen.folders.keys.sorted() == [folder, later, folder + "/sub"])
        #expect(seen.isCurrent())
        // Saved over in place, same size: only the file's time tells.
        try Data("ONE".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 2_000)], ofItemAtPath: file)
        #expect(!seen.isCurrent())
        seen = FileSnapshot(of: [folder, later])
        #expect(seen.isCurrent())
        // A new file, even a hidden one, moves its folder's stamp; the full read then finds what changed.
        try Data("swap".utf8).write(to: URL(fileURLWithPath: folder + "/sub/.01-a.md.swp"))
        #expect(!seen.isCurrent())
        let withSwap = FileSnapshot(of: [folder, later])
        #expect(withSwap.changes(since: seen).isEmpty)
        #expect(withSwap.isCurrent())
        // Removed, and a watched folder that appears.
        try FileManager.default.removeItem(atPath: file)
        #expect(!withSwap.isCurrent())
        let removed = FileSnapshot(of: [folder, later])
        #expect(removed.isCurrent())
        try FileManager.default.createDirectory(atPath: later, withIntermediateDirectories: true)
        #expect(!removed.isCurrent())
    }
}
