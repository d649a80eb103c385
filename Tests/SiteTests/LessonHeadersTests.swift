import Foundation
import Notebook
import Testing
@testable import Site

/// Lessons' front matter kept by content hash (`.attnbook/lessons.tsv`).
@Suite struct LessonHeadersTests {
    @Test func frontMatterComesBackForTheSameBytesOnlyAndACutFileIsDropped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-headers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var odd = FrontMatter(title: "Tabs\tand\nlines \\ 机器", summary: "=starts with equals", order: 7, precision: 2)
        odd.budget = 3
        let plain = FrontMatter(title: "Plain")
        let first = LessonHeaders(directory: dir)
        first.record(odd, at: "lessons/07-odd\tname.md", hash: "h1")
        first.record(plain, at: "lessons/01-plain.md", hash: "h2")
        first.save()
        let second = LessonHeaders(directory: dir)
        #expect(second.frontMatter(at: "lessons/07-odd\tname.md", hash: "h1") == odd)
        #expect(second.frontMatter(at: "lessons/01-plain.md", hash: "h2") == plain)
        #expect(second.frontMatter(at: "lessons/01-plain.md", hash: "other bytes") == nil)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/lessons.tsv"))
        for n in 0..<data.count { #expect(LessonHeaders.parse(data.prefix(n)).isEmpty, "cut at \(n)") }
    }
}
