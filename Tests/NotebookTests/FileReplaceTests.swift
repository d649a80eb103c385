import Foundation
import Notebook
import Testing

/// `FileReplace.move`: a written temporary file put in place of a file.
@Suite struct FileReplaceTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("file-replace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
    func read(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

    @Test func replacesAFileAndLeavesNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("old", dir + "/page.html")
        // A reader holding the old file open keeps reading the old bytes.
        let old = try FileHandle(forReadingFrom: URL(fileURLWithPath: dir + "/page.html"))
        defer { try? old.close() }
        try write("new bytes", dir + "/.tmp-page.html")
        #expect(FileReplace.move(dir + "/.tmp-page.html", to: dir + "/page.html"))
        #expect(read(dir + "/page.html") == "new bytes")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["page.html"])
        #expect(String(decoding: old.readDataToEndOfFile(), as: UTF8.self) == "old")
    }

    @Test func movesWhenNothingIsThereYet() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("first", dir + "/.tmp-a")
        #expect(FileReplace.move(dir + "/.tmp-a", to: dir + "/a"))
        #expect(read(dir + "/a") == "first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["a"])
    }

    @Test func aFolderInTheWayIsNotSwappedAway() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/page.html", withIntermediateDirectories: false)
        try write("inside", dir + "/page.html/kept")
        try write("new", dir + "/.tmp-page.html")
        #expect(!FileReplace.move(dir + "/.tmp-page.html", to: dir + "/page.html"))
        #expect(read(dir + "/page.html/kept") == "inside")
        #expect(read(dir + "/.tmp-page.html") == "new")  // left for the caller
    }

    @Test func aLinkIsReplacedItselfAndItsTargetKept() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try write("target", dir + "/target")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/target")
        try write("new", dir + "/.tmp-link")
        #expect(FileReplace.move(dir + "/.tmp-link", to: dir + "/link"))
        #expect(read(dir + "/link") == "new" && read(dir + "/target") == "target")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link")) == nil)
    }
}
