import Foundation
import Notebook
import Testing
@testable import Site

/// The edit an author makes most: lines of prose added or removed above or between cells. It moves
/// every cell below it and changes none, so no cell runs again, and the site is a clean build's
/// bytes, with the new line numbers in the HTML and JSON (DESIGN §9).
@Suite(.serialized) struct CellCacheLineTests {
    typealias Project = CellCacheTests.Project

    func expectSame(_ a: [String: Data], _ b: [String: Data], _ context: String) {
        #expect(a.keys.sorted() == b.keys.sorted(), "\(context): different files")
        for (path, data) in a where b[path] != data { Issue.record("\(context): \(path) differs") }
    }

    /// Where the `n`-th (0-based) occurrence of `marker` is in `text`.
    static func nth(_ n: Int, of marker: String, in text: String) -> Range<String.Index>? {
        var from = text.startIndex
        var found: Range<String.Index>?
        for _ in 0...n {
            found = text.range(of: marker, range: from..<text.endIndex)
            guard let f = found else { return nil }
            from = f.upperBound
        }
        return found
    }

    /// `text` with `insert` put before the `n`-th (0-based) occurrence of `marker`.
    static func inserting(_ insert: String, before n: Int, of marker: String, in text: String) -> String {
        guard let found = nth(n, of: marker, in: text) else { Issue.record("no \(n)-th \(marker)"); return text }
        var text = text
        text.insert(contentsOf: insert, at: found.lowerBound)
        return text
    }

    /// The `line` of every cell in a built lesson's JSON.
    static func jsonLines(_ site: [String: Data], _ slug: String) throws -> [Int] {
        let object = try JSONSerialization.jsonObject(with: site["\(slug).json"] ?? Data()) as? [String: Any]
        let cells = try #require(object?["cells"] as? [[String: Any]])
        return cells.compactMap { $0["line"] as? Int }
    }

    /// Every `data-line` of a built lesson's HTML page, in page order.
    static func dataLines(_ site: [String: Data], _ slug: String) -> [Int] {
        let html = String(decoding: site["\(slug).html"] ?? Data(), as: UTF8.self)
        return html.components(separatedBy: " data-line=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
    }

    /// Where each cell of a lesson file starts, as the parser finds it.
    static func cellLines(_ project: Project, _ name: String) throws -> [Int] {
        let lesson = try LessonParser.parse(String(contentsOf: project.lessons.appendingPathComponent(name), encoding: .utf8), path: name)
        return lesson.blocks.compactMap { if case .cell(let c) = $0 { c.firstLine } else { nil } }
    }

    /// A lesson that trains (`train(…)`), one with `explain` of named calls, and one with heatmaps
    /// of every head: lines added above the cells and between them, then lines removed.
    @Test func linesOfProseAddedOrRemovedRunNoCell() throws {
        let names = ["02-one-decoder-step.md", "09-learning-to-align.md", "14-multi-head.md"]
        let project = try Project(names)
        defer { project.remove() }
        let first = project.build()
        #expect(first.succeeded && first.cellsRun > 30)
        let before = try names.map { try Self.jsonLines(project.site(), String($0.dropLast(3))) }
        let beforeDataLines = Self.dataLines(project.site(), "02-one-decoder-step")
        #expect(beforeDataLines.count > 10)

        // Two lines above the first section, three between the third and fourth cells; without
        // the stored renderings, so the cells are taken from the cell cache and moved there.
        try FileManager.default.removeItem(at: project.cache.appendingPathComponent("renders"))
        for name in names {
            try project.edit(name) { text in
                let above = Self.inserting("\n\nAnother sentence.\n", before: 0, of: "\n## ", in: text)
                return Self.inserting("One more line of prose,\nand another.\n\n", before: 3, of: "```attn", in: above)
            }
        }
        var report = project.build()
        #expect(report.succeeded && report.cellsRun == 0 && report.cellsCached == first.cellsRun)
        var site = project.site()
        expectSame(site, project.cleanSite(), "after adding lines of prose")
        for (k, name) in names.enumerated() {
            let lines = try Self.jsonLines(site, String(name.dropLast(3)))
            #expect(lines == (try Self.cellLines(project, name)), "\(name): JSON lines")
            // Every cell moved by 3, from the fourth on by 6.
            #expect(lines == before[k].enumerated().map { i, line in line + (i < 3 ? 3 : 6) }, "\(name): moved lines")
        }
        // The page's provenance lines (outputs' and inline values') are the old ones moved the same way.
        let moved = beforeDataLines.map { $0 + ($0 < before[0][3] ? 3 : 6) }
        #expect(Self.dataLines(site, "02-one-decoder-step") == moved)

        // Lines removed: the added ones, and the first paragraph of each lesson's prose. With the
        // cell cache damaged: the pages are put together from the stored renderings, moved.
        for file in try FileManager.default.contentsOfDirectory(atPath: project.cache.appendingPathComponent("cells").path) {
            try Data("not a cache".utf8).write(to: project.cache.appendingPathComponent("cells/" + file))
        }
        for name in names {
            try project.edit(name) { text in
                var text = text.replacingOccurrences(of: "\n\nAnother sentence.\n", with: "")
                    .replacingOccurrences(of: "One more line of prose,\nand another.\n\n", with: "")
                let body = text.range(of: "\n---\n\n")!.upperBound
                let paragraph = text.range(of: "\n\n", range: body..<text.endIndex)!
                text.removeSubrange(body..<paragraph.upperBound)
                return text
            }
        }
        report = project.build()
        #expect(report.succeeded && report.cellsRun == 0 && report.cellsCached == first.cellsRun)
        site = project.site()
        expectSame(site, project.cleanSite(), "after removing lines of prose")
        for (k, name) in names.enumerated() {
            let lines = try Self.jsonLines(site, String(name.dropLast(3)))
            #expect(lines == (try Self.cellLines(project, name)), "\(name): JSON lines")
            #expect(zip(lines, before[k]).allSatisfy { $0 < $1 }, "\(name): every cell moved up")
        }
    }

    /// Lines added in the prose above a cell and inside the cell before it: that cell runs again
    /// (its source changed), the moved cells below it do not — the calls it binds moved inside it,
    /// and the cells reading them are keyed by their values, not where the calls are written.
    @Test func aCellMovedByAnEditOfTheCellAboveRunsNoCellButThatOne() throws {
        let name = "02-one-decoder-step.md"
        let project = try Project([name])
        defer { project.remove() }
        let first = project.build()
        #expect(first.succeeded)
        try project.edit(name) { text in
            var text = Self.inserting("A line above the fourth cell.\n\n", before: 3, of: "```attn", in: text)
            // Two lines at the end of the third cell, before its closing fence.
            let third = Self.nth(2, of: "```attn", in: text)!
            let close = text.range(of: "\n```\n", range: third.upperBound..<text.endIndex)!
            text.insert(contentsOf: "\n// A note from the author,\n// on two lines.", at: close.lowerBound)
            return text
        }
        let report = project.build()
        #expect(report.succeeded && report.cellsRun == 1 && report.cellsCached == first.cellsRun - 1)
        expectSame(project.site(), project.cleanSite(), "after lines inside a cell and above the next")
    }

    /// `explain` of a call bound in an earlier cell, `let v = w` of it, and an `explain` that fails
    /// and quotes the line of the call it cannot explain: with lines added above and between the
    /// cells, the explanations come from the cache and the error (a cell that reports one is never
    /// stored) names the call's new line, as a clean build does.
    @Test func explanationsOfCallsInEarlierCellsAfterTheyMoved() throws {
        let project = try Project([])
        defer { project.remove() }
        let name = "90-explained.md"
        let text = """
        ---
        title: Explained across cells
        ---

        Calls bound here, explained below.

        ```attn
        let w = softmax([1.0, 2.0, 3.0])
        let m = softmax([[1.0, 2.0], [3.0, 1.0]])
        heatmap m
        ```

        Between.

        ```attn
        explain w
        let v = w
        show v
        ```

        ```attn expect-error
        explain m
        ```

        """
        try text.write(to: project.lessons.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let first = project.build()
        #expect(first.succeeded && first.cellsRun == 3)
        let page = { String(decoding: project.site()["90-explained.html"] ?? Data(), as: UTF8.self) }
        #expect(page().contains("on line 9"))
        try project.edit(name) { text in
            let above = Self.inserting("Two added\nlines.\n\n", before: 0, of: "```attn", in: text)
            return Self.inserting("And four\nmore lines\nof prose.\n\n", before: 1, of: "```attn", in: above)
        }
        let report = project.build()
        #expect(report.succeeded && report.cellsRun == 1 && report.cellsCached == 2)
        #expect(page().contains("on line 12") && !page().contains("on line 9"))
        expectSame(project.site(), project.cleanSite(), "after moving calls explained below")
    }
}
