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
}
