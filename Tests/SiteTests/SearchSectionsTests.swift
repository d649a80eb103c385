import Foundation
import Testing
@testable import Site

/// The search index's per-page entries kept between builds (`.attnbook/search/<hash>.tsv`).
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
        #expect(first.entries(hash: 42, title: "T", read: { Data(Self.page.utf8) }) == expected)
        #expect(first.entries(hash: 7, title: "Empty", read: { Data("<article><h1>E</h1></article>".utf8) }) == [])
        first.save()
        // A new process: the entries come from the files; the page is not read.
        let second = SearchSections(directory: dir)
        #expect(second.entries(hash: 42, title: "T", read: { Issue.record("page read again"); return nil }) == expected)
        #expect(second.entries(hash: 7, title: "Empty", read: { Issue.record("page read again"); return nil }) == [])
        // Another hash is another page: read.
        var read = false
        _ = second.entries(hash: 43, title: "T", read: { read = true; return Data(Self.page.utf8) })
        #expect(read)
    }

    /// In a process that builds again, sections are taken from the last cut by their bytes; every
    /// page of the committed site, edited the ways an author edits, cuts as it does from scratch.
    @Test func sectionsRememberedBetweenBuildsGiveTheEntriesOfACutFromScratch() throws {
        let site = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("output").path
        let pages = try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 10)
        let sections = SearchSections(directory: nil, remembersSections: true)
        var hash: UInt64 = 0
        func check(_ html: String, title: String) {
            hash += 1
            let fresh = SearchIndex.sections(of: SearchIndex.Page(href: "", title: title, html: html)).map(SearchIndex.entry)
            #expect(sections.entries(hash: hash, title: title, read: { Data(html.utf8) }) == fresh)
        }
        for round in 0..<2 {
            for name in pages {
                let html = try String(contentsOfFile: site + "/" + name, encoding: .utf8)
                check(html, title: "Page \(name)")
                // A paragraph added in the first section and in a later one; a heading renamed; the title changed.
                if let p = html.range(of: "</p>") { check(html.replacingCharacters(in: p, with: "</p><p>Added \(round) &amp; more.</p>"), title: "Page \(name)") }
                if let p = html.range(of: "</p>", options: .backwards) { check(html.replacingCharacters(in: p, with: "</p><p>Late \(round).</p>"), title: "Page \(name)") }
                if let h = html.range(of: "</h2>") { check(html.replacingCharacters(in: h, with: " renamed</h2>"), title: "Page \(name)") }
                check(html, title: "Another title \(round)")
            }
            sections.save()
        }
    }

    @Test func aFileCutAtAnyByteOrChangedAnywhereIsNotUsed() throws {
        let expected = SearchIndex.sections(of: SearchIndex.Page(href: "", title: "T", html: Self.page)).map(SearchIndex.entry)
        let data = SearchSections.serialize(expected)
        #expect(SearchSections.parse(data) == expected)
        #expect(SearchSections.parse(SearchSections.serialize([])) == [])
        for n in 0..<data.count {
            #expect(SearchSections.parse(data.prefix(n)) == nil, "cut at \(n)")
        }
        for n in 0..<data.count {
            var bad = data
            bad[n] ^= 0x01
            #expect(SearchSections.parse(bad) == nil, "byte \(n) flipped")
        }
        // A damaged file on disk: the page is read again and the right entries come back.
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/search", withIntermediateDirectories: true)
        try Data(data.prefix(data.count - 3)).write(to: URL(fileURLWithPath: dir + "/search/2a.tsv"))
        var read = false
        #expect(SearchSections(directory: dir).entries(hash: 42, title: "T", read: { read = true; return Data(Self.page.utf8) }) == expected)
        #expect(read)
    }

    @Test func entriesCutByAnotherAttnbookAreCutAgain() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let expected = SearchIndex.sections(of: SearchIndex.Page(href: "", title: "T", html: Self.page)).map(SearchIndex.entry)
        let old = SearchSections(directory: dir, version: "attnbook 1")
        _ = old.entries(hash: 42, title: "T", read: { Data(Self.page.utf8) })
        old.save()
        // The same version reads the file; another one cuts the page again (and the right entries come back).
        #expect(SearchSections(directory: dir, version: "attnbook 1").entries(hash: 42, title: "T", read: { nil }) == expected)
        var read = false
        let new = SearchSections(directory: dir, version: "attnbook 2")
        #expect(new.entries(hash: 42, title: "T", read: { read = true; return Data(Self.page.utf8) }) == expected)
        #expect(read)
        #expect(SearchSections.parse(SearchSections.serialize(expected, version: "attnbook 1"), version: "attnbook 2") == nil)
        #expect(SearchSections.parse(SearchSections.serialize(expected, version: "attnbook 1"), version: "attnbook 1") == expected)
        // Saved again, the file is the new version's.
        new.save()
        #expect(SearchSections(directory: dir, version: "attnbook 2").entries(hash: 42, title: "T", read: { nil }) == expected)
    }

    @Test func savingKeepsOnlyThePagesThisBuildUsed() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sections = SearchSections(directory: dir)
        _ = sections.entries(hash: 1, title: "T", read: { Data(Self.page.utf8) })
        _ = sections.entries(hash: 2, title: "T", read: { Data(Self.page.utf8) })
        sections.save()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/search").sorted() == ["1.tsv", "2.tsv"])
        _ = sections.entries(hash: 2, title: "T", read: { nil })
        sections.save()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/search") == ["2.tsv"])
        // A page whose search file was kept is marked used without being read: its file stays.
        sections.keep(hash: 2)
        _ = sections.entries(hash: 3, title: "T", read: { Data(Self.page.utf8) })
        sections.save()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/search").sorted() == ["2.tsv", "3.tsv"])
        // A new object (a new process) finds them there, and drops what it did not use.
        let later = SearchSections(directory: dir)
        #expect(later.entries(hash: 3, title: "T", read: { nil }) != nil)
        later.save()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/search") == ["3.tsv"])
    }
}
