import Foundation
import Testing
@testable import Site

/// The search index's per-page entries kept between builds (`.attnbook/search.tsv`).
@Suite struct SearchSectionsTests {
    static let page = """
        <html><title>T</title><article><h1>T</h1><p>Intro &amp; more.</p>
        <h2 id="a">First</h2><p>机器 学习 / a</p><h3 id="b">Second</h3><p>two</p></article></html>
        """

    private func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("search-sections-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func entriesAreTheSectionsOfThePageAndAreReadBackWithoutThePage() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let expected = SearchIndex.sections(of: SearchIndex.Page(href: "", title: "T", html: Self.page)).map(SearchIndex.entry)
        #expect(expected.count == 3)
        let first = SearchSections(directory: dir)
        #expect(first.entries(hash: 42, title: "T", read: { Self.page }) == expected)
        #expect(first.entries(hash: 7, title: "Empty", read: { "<article><h1>E</h1></article>" }) == [])
        first.save()
        // A new process: the entries come from the file; the page is not read.
        let second = SearchSections(directory: dir)
        #expect(second.entries(hash: 42, title: "T", read: { Issue.record("page read again"); return nil }) == expected)
        #expect(second.entries(hash: 7, title: "Empty", read: { Issue.record("page read again"); return nil }) == [])
        // Another hash is another page: read.
        var read = false
        _ = second.entries(hash: 43, title: "T", read: { read = true; return Self.page })
        #expect(read)
    }

    @Test func aFileCutAtAnyByteOrChangedAnywhereIsDroppedWhole() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sections = SearchSections(directory: dir)
        _ = sections.entries(hash: 42, title: "T", read: { Self.page })
        _ = sections.entries(hash: 9, title: "U", read: { Self.page.replacingOccurrences(of: "two", with: "three") })
        sections.save()
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/search.tsv"))
        #expect(SearchSections.parse(data).count == 2)
        // Cut after every byte, line ends included: never a partial map.
        for n in 0..<data.count {
            #expect(SearchSections.parse(data.prefix(n)).isEmpty, "cut at \(n)")
        }
        // Any single byte changed: dropped.
        for n in stride(from: 0, to: data.count, by: 7) {
            var bad = data
            bad[n] ^= 0x01
            #expect(SearchSections.parse(bad).isEmpty, "byte \(n) flipped")
        }
    }

    @Test func savingKeepsOnlyThePagesThisBuildUsed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sections = SearchSections(directory: dir)
        _ = sections.entries(hash: 1, title: "T", read: { Self.page })
        _ = sections.entries(hash: 2, title: "T", read: { Self.page })
        sections.save()
        _ = sections.entries(hash: 2, title: "T", read: { nil })
        sections.save()
        let kept = SearchSections.parse(try Data(contentsOf: URL(fileURLWithPath: dir + "/search.tsv")))
        #expect(Array(kept.keys) == [2])
    }
}
