import AttentionEngine
import Foundation
import LessonScript
import Notebook
import Testing
@testable import Site

/// The cell cache as an author meets it: real lessons, the real script session, builds into real
/// folders. Every incremental build must give the bytes of a clean build made in a fresh folder.
@Suite(.serialized) struct CellCacheTests {
    /// A project with three of the real lessons (`lessons/` of this repository).
    struct Project {
        let root: URL
        var lessons: URL { root.appendingPathComponent("lessons") }
        var output: URL { root.appendingPathComponent("output") }
        var cache: URL { root.appendingPathComponent(".attnbook") }

        init(_ names: [String] = ["01-why-attention.md", "02-one-decoder-step.md", "14-multi-head.md"]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-cache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("lessons")
            for name in names {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: lessons.appendingPathComponent(name))
            }
        }

        func build(into output: URL? = nil, cache: Bool = true, version: String? = nil) -> SiteBuilder.Report {
            var options = SiteBuilder.Options(lessons: lessons.path, output: (output ?? self.output).path)
            options.useCache = cache
            options.cacheVersion = version
            return SiteBuilder(options: options, log: { _ in }).build()
        }

        func edit(_ lesson: String, _ change: (String) -> String) throws {
            let url = lessons.appendingPathComponent(lesson)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }

        /// Every file of a built site, without the lock and with KaTeX left out (copied, not built).
        func site(_ folder: URL? = nil) -> [String: Data] {
            let base = (folder ?? output).path
            var out: [String: Data] = [:]
            for case let path as String in FileManager.default.enumerator(atPath: base)?.allObjects ?? []
            where !path.hasPrefix("assets/katex") && path != ".attnbook.lock" {
                var d: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &d), !d.boolValue {
                    out[path] = FileManager.default.contents(atPath: base + "/" + path)
                }
            }
            return out
        }

        /// What a clean build of the current lessons gives: no cache, an empty folder.
        func cleanSite() -> [String: Data] {
            let fresh = root.appendingPathComponent("fresh-\(UUID().uuidString)")
            let report = build(into: fresh, cache: false)
            #expect(report.succeeded)
            return site(fresh)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    func expectSame(_ a: [String: Data], _ b: [String: Data], _ context: String) {
        #expect(a.keys.sorted() == b.keys.sorted(), "\(context): different files")
        for (path, data) in a where b[path] != data { Issue.record("\(context): \(path) differs") }
    }

    @Test func aSecondBuildRunsNoCellAndGivesTheSameBytes() throws {
        let project = try Project()
        defer { project.remove() }
        let first = project.build()
        #expect(first.succeeded && first.cellsRun > 20 && first.cellsCached == 0)
        // Nothing changed: every lesson keeps its pages without running or rendering.
        let second = project.build()
        #expect(second.succeeded)
        #expect(second.lessonsUnchanged == 3 && second.cellsRun == 0 && second.cellsCached == 0)
        expectSame(project.site(), project.cleanSite(), "warm build")
        // Without the page fingerprints, every cell comes from the cell cache.
        try FileManager.default.removeItem(at: project.cache.appendingPathComponent("pages"))
        let third = project.build()
        #expect(third.lessonsUnchanged == 0 && third.cellsRun == 0 && third.cellsCached == first.cellsRun)
        expectSame(project.site(), project.cleanSite(), "warm build from the cell cache")
        // A page deleted from the output folder is built again.
        try FileManager.default.removeItem(at: project.output.appendingPathComponent("02-one-decoder-step.html"))
        let fourth = project.build()
        #expect(fourth.lessonsUnchanged == 2)
        expectSame(project.site(), project.cleanSite(), "after deleting a page")
        // So is one whose figure (in the lesson's folder) or whose search file was deleted.
        let figures = project.output.appendingPathComponent("14-multi-head")
        let figure = try #require(try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted().first)
        try FileManager.default.removeItem(at: figures.appendingPathComponent(figure))
        try FileManager.default.removeItem(at: project.output.appendingPathComponent("assets/search/01-why-attention.js"))
        let fifth = project.build()
        #expect(fifth.lessonsUnchanged == 2)
        expectSame(project.site(), project.cleanSite(), "after deleting a figure and a search file")
    }

    @Test func aProseEditRunsNoCell() throws {
        let project = try Project()
        defer { project.remove() }
        _ = project.build()
        try project.edit("02-one-decoder-step.md") { $0 + "\nA closing sentence added by the author.\n" }
        let report = project.build()
        #expect(report.cellsRun == 0)
        #expect(String(decoding: project.site()["02-one-decoder-step.html"] ?? Data(), as: UTF8.self).contains("A closing sentence added by the author."))
        expectSame(project.site(), project.cleanSite(), "after a prose edit")
    }

    /// One builder kept across builds, as `serve` and `watch` keep it: cells' renderings come
    /// back from `RenderMemo` after a prose edit, and are made again after a cell edit (for the
    /// cells from it on) and after a title change; every build gives a clean build's bytes.
    @Test func aBuilderThatBuildsAgainReusesCellRenderingsAndGivesTheSameBytes() throws {
        let project = try Project(["01-why-attention.md", "02-one-decoder-step.md"])
        defer { project.remove() }
        var options = SiteBuilder.Options(lessons: project.lessons.path, output: project.output.path)
        options.buildsAgain = true
        // Two threads on any machine: a rebuild of one lesson then renders its HTML beside its
        // Markdown and JSON and cuts its search entries meanwhile (`LessonPageRenderer.parallel`).
        options.jobs = 2
        let builder = SiteBuilder(options: options, log: { _ in })
        #expect(builder.build().succeeded)
        let lesson = "02-one-decoder-step.md"
        try project.edit(lesson) { $0 + "\nA sentence added by the author, with a value: {= 1 + 2 }.\n" }
        #expect(builder.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after a prose edit, one builder")
        // The memo holds the last rendering of the lesson: a piece per cell, figure and the JSON.
        let memo = builder.memory.renders.lesson("02-one-decoder-step")
        let cells = try LessonLoader.parse(Data(contentsOf: project.lessons.appendingPathComponent(lesson)), path: lesson)
            .blocks.filter { if case .cell = $0 { true } else { false } }.count
        #expect(memo.count > 2 * cells)
        // A cell edit (a binding added to the first cell) and a title change.
        try project.edit(lesson) { text in
            var text = text
            let fence = text.range(of: "```attn\n")!
            text.insert(contentsOf: "let addedByTheTest = 7\n", at: fence.upperBound)
            return text
        }
        #expect(builder.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after a cell edit, one builder")
        try project.edit(lesson) { $0.replacingOccurrences(of: "title: One decoder step, every number", with: "title: A step, retitled") }
        #expect(builder.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after a title change, one builder")
    }

    /// A builder that builds again answers "is every file of this lesson still there?" from the
    /// output folders' stamps (`OutputFolderStamps`) once the last build's writes have settled; a
    /// file deleted after that still makes its lesson build again.
    @Test func aBuilderThatBuildsAgainSeesAFileDeletedFromTheOutput() throws {
        let project = try Project()
        defer { project.remove() }
        var options = SiteBuilder.Options(lessons: project.lessons.path, output: project.output.path)
        options.buildsAgain = true
        let builder = SiteBuilder(options: options, log: { _ in })
        #expect(builder.build().succeeded)
        func settled() throws -> [String: OutputFolderStamps.Stamp] {
            let stamps = try #require(builder.memory.outputFolders)
            let manifest = OutputManifest(parsing: try Data(contentsOf: project.output.appendingPathComponent(OutputManifest.fileName)))
            for _ in 0..<200 {
                if let known = stamps.stamps(for: manifest)?.stamps, !known.isEmpty { return known }
                Thread.sleep(forTimeInterval: 0.01)
            }
            Issue.record("the output folders were not recorded")
            return [:]
        }
        // Every folder holding a file of the build is recorded: the output folder, the lessons'
        // figure folders and the search files'.
        let known = try settled()
        #expect(Set(known.keys).isSuperset(of: ["", "14-multi-head", "assets", "assets/search"]))
        let warm = builder.build()
        #expect(warm.lessonsUnchanged == 3)
        _ = try settled()
        let figures = project.output.appendingPathComponent("14-multi-head")
        let figure = try #require(try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted().first)
        try FileManager.default.removeItem(at: figures.appendingPathComponent(figure))
        let afterFigure = builder.build()
        #expect(afterFigure.lessonsUnchanged == 2)
        expectSame(project.site(), project.cleanSite(), "after deleting a figure, one builder")
        _ = try settled()
        try FileManager.default.removeItem(at: project.output.appendingPathComponent("assets/search/01-why-attention.js"))
        try FileManager.default.removeItem(at: project.output.appendingPathComponent("02-one-decoder-step.md"))
        let afterTwo = builder.build()
        // (The page's lesson builds again; a search file is written again on its own.)
        #expect(afterTwo.lessonsUnchanged == 2)
        expectSame(project.site(), project.cleanSite(), "after deleting a search file and a page, one builder")
    }

    /// One-shot builds store cells' renderings once a lesson is built again (`RenderMemoFile`), and
    /// a later prose edit takes them back; stored renderings that are damaged are made again.
    @Test func storedRenderingsGiveAProseEditTheBytesOfACleanBuild() throws {
        let project = try Project(["02-one-decoder-step.md"])
        defer { project.remove() }
        let renders = project.cache.appendingPathComponent("renders")
        let stored = renders.appendingPathComponent("02-one-decoder-step.tsv")
        #expect(project.build().succeeded)
        // A cold build stores them (the first edit after it reads them).
        #expect(FileManager.default.fileExists(atPath: stored.path))
        for k in 1...2 {
            try project.edit("02-one-decoder-step.md") { $0 + "\nSentence \(k), with a value {= 2 * 3 }.\n" }
            let report = project.build()
            #expect(report.succeeded && report.cellsRun == 0)
            #expect(FileManager.default.fileExists(atPath: stored.path))
            expectSame(project.site(), project.cleanSite(), "after prose edit \(k), renderings stored")
        }
        #expect((RenderMemoFile.read(stored.path)?.count ?? 0) > 10)
        // Random bytes, then a cut file, then one entry's text changed without its seal.
        var generator = SeededRandom(seed: 11)
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: stored)
        #expect(RenderMemoFile.read(stored.path) == nil)
        try project.edit("02-one-decoder-step.md") { $0 + "\nAfter random bytes.\n" }
        #expect(project.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after random bytes in the stored renderings")
        let whole = try Data(contentsOf: stored)
        try whole.prefix(whole.count / 2).write(to: stored)
        #expect(RenderMemoFile.read(stored.path) == nil)
        try project.edit("02-one-decoder-step.md") { $0 + "\nAfter a cut.\n" }
        #expect(project.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after cutting the stored renderings")
        var text = String(decoding: try Data(contentsOf: stored), as: UTF8.self)
        text = text.replacingOccurrences(of: "<table", with: "<tabel")
        try Data(text.utf8).write(to: stored)
        #expect(RenderMemoFile.read(stored.path) == nil)
        try project.edit("02-one-decoder-step.md") { $0 + "\nAfter an edit of the stored renderings.\n" }
        #expect(project.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after editing the stored renderings")
    }

    /// A prose edit of a lesson whose cells are as recorded is put together from the stored
    /// renderings without touching the cell cache (it runs no cell even with the cache damaged);
    /// an inline value it has not shown, or shows under other words, sends it the ordinary way.
    @Test func aProseEditIsPutTogetherFromTheStoredPageWithoutTheCellCache() throws {
        let project = try Project(["02-one-decoder-step.md"])
        defer { project.remove() }
        let lesson = "02-one-decoder-step.md"
        let cellFile = project.cache.appendingPathComponent("cells/02-one-decoder-step.json")
        #expect(project.build().succeeded)
        try project.edit(lesson) { $0 + "\nA first sentence.\n" }
        #expect(project.build().succeeded)
        // The cell cache damaged: a replayed page does not read it.
        try Data("not a cache".utf8).write(to: cellFile)
        try project.edit(lesson) { $0 + "\nA second sentence.\n" }
        var report = project.build()
        #expect(report.succeeded && report.cellsRun == 0 && report.cellsCached > 5)
        expectSame(project.site(), project.cleanSite(), "after a replayed prose edit")
        // A new inline value: the page is built the ordinary way (its cells run: the cache is damaged).
        try project.edit(lesson) { $0 + "\nThe weight is {= step.alpha[1] }.\n" }
        report = project.build()
        #expect(report.succeeded && report.cellsRun > 0)
        expectSame(project.site(), project.cleanSite(), "after a new inline value")
        // The same value under words that ask for a bound ("within" rounds outward), then moved
        // before the first cell: each is shown as a clean build shows it.
        try project.edit(lesson) { $0.replacingOccurrences(of: "The weight is {= step.alpha[1] }", with: "It is within {= step.alpha[1] }") }
        #expect(project.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after changing the words before a value")
        try project.edit(lesson) { text in
            var text = text.replacingOccurrences(of: "\nIt is within {= step.alpha[1] }.\n", with: "\n")
            let fence = text.range(of: "```attn")!
            text.insert(contentsOf: "Early: {= 1 + 1 }.\n\n", at: fence.lowerBound)
            return text
        }
        #expect(project.build().succeeded)
        expectSame(project.site(), project.cleanSite(), "after moving a value above the cells")
        try project.edit(lesson) { $0 + "\nA third sentence.\n" }
        report = project.build()
        #expect(report.succeeded && report.cellsRun == 0)
        expectSame(project.site(), project.cleanSite(), "after a second replayed prose edit")
        // A cell edit changes the page's skeleton: the cells run again.
        try project.edit(lesson) { text in
            var text = text
            text.insert(contentsOf: "let addedByTheTest = 7\n", at: text.range(of: "```attn\n")!.upperBound)
            return text
        }
        report = project.build()
        #expect(report.succeeded && report.cellsRun >= 1)
        expectSame(project.site(), project.cleanSite(), "after a cell edit")
    }

    @Test func aBuildIntoAnotherFolderDoesNotMakeThisOneLookCurrent() throws {
        let project = try Project(["01-why-attention.md"])
        defer { project.remove() }
        #expect(project.build().succeeded)
        try project.edit("01-why-attention.md") { $0 + "\nA sentence added after the first build.\n" }
        let elsewhere = project.root.appendingPathComponent("elsewhere")
        #expect(project.build(into: elsewhere).succeeded)
        // The edit is not in `output/` yet: its build must not be skipped.
        let report = project.build()
        #expect(report.lessonsUnchanged == 0)
        expectSame(project.site(), project.cleanSite(), "after a build into another folder")
    }

    @Test func aCellEditRerunsItAndTheCellsThatReadWhatItBound() throws {
        let project = try Project(["01-why-attention.md"])
        defer { project.remove() }
        let first = project.build()
        let total = first.cellsRun
        // Change a number in the first cell that binds something: later cells reading it re-run,
        // the rest come from the cache.
        let text = try String(contentsOf: project.lessons.appendingPathComponent("01-why-attention.md"), encoding: .utf8)
        let firstCell = try #require(text.range(of: "```attn"))
        let seed = try #require(text.range(of: "seed: ", range: firstCell.upperBound..<text.endIndex))
        let digit = text[seed.upperBound]
        try project.edit("01-why-attention.md") { t in
            var t = t
            t.replaceSubrange(seed.upperBound...seed.upperBound, with: digit == "9" ? "8" : "9")
            return t
        }
        let report = project.build()
        #expect(report.succeeded)
        #expect(report.cellsRun >= 1 && report.cellsRun + report.cellsCached == total)
        expectSame(project.site(), project.cleanSite(), "after a cell edit")
    }

    @Test func corruptTruncatedOrDeletedCacheFilesAreRecomputed() throws {
        let project = try Project()
        defer { project.remove() }
        _ = project.build()
        let cells = project.cache.appendingPathComponent("cells")
        let files = try FileManager.default.contentsOfDirectory(atPath: cells.path).sorted()
        #expect(files.count == 3)
        var generator = SeededRandom(seed: 7)
        // The build's other caches: page fingerprints, typeset math, search entries.
        let searchFiles = try FileManager.default.contentsOfDirectory(atPath: project.cache.appendingPathComponent("search").path).map { "search/" + $0 }
        #expect(searchFiles.count == 4)  // three lessons and the reference
        let pageFiles = try FileManager.default.contentsOfDirectory(atPath: project.cache.appendingPathComponent("pages").path).map { "pages/" + $0 }
        #expect(pageFiles.count == 1)
        let renderFiles = try FileManager.default.contentsOfDirectory(atPath: project.cache.appendingPathComponent("renders").path).map { "renders/" + $0 }
        #expect(renderFiles.count == 3)
        let others = ["lessons.tsv", "math-cache.tsv"] + pageFiles + searchFiles.sorted() + renderFiles.sorted()
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: project.cache.path)) == ["cells", "lessons.tsv", "math-cache.tsv", "pages", "renders", "search"])
        // Random bytes in every file.
        for url in files.map(cells.appendingPathComponent) + others.map(project.cache.appendingPathComponent) {
            let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(bytes).write(to: url)
        }
        var report = project.build()
        #expect(report.succeeded && report.cellsCached == 0)
        expectSame(project.site(), project.cleanSite(), "after random bytes")
        // Truncated in the middle of an entry.
        for url in files.map(cells.appendingPathComponent) + others.map(project.cache.appendingPathComponent) {
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)
        }
        report = project.build()
        #expect(report.succeeded && report.cellsCached == 0)
        expectSame(project.site(), project.cleanSite(), "after truncation")
        // Deleted.
        try FileManager.default.removeItem(at: project.cache)
        report = project.build()
        #expect(report.succeeded && report.cellsCached == 0)
        expectSame(project.site(), project.cleanSite(), "after deleting the cache")
    }

    @Test func anotherEngineVersionMissesEverything() throws {
        let project = try Project()
        defer { project.remove() }
        let first = project.build(version: "engine A")
        #expect(project.build(version: "engine A").cellsRun == 0)
        let other = project.build(version: "engine B")
        #expect(other.cellsCached == 0 && other.cellsRun == first.cellsRun)
        expectSame(project.site(), project.cleanSite(), "after a version change")
    }

    @Test func noCacheRunsEveryCellAndWritesNoCache() throws {
        let project = try Project(["01-why-attention.md"])
        defer { project.remove() }
        let report = project.build(cache: false)
        #expect(report.cellsCached == 0)
        #expect(!FileManager.default.fileExists(atPath: project.cache.path))
    }

    /// Every kind of value a lesson binds — all the trace types the builtins make — written to the
    /// cache and read back is equal, and explains itself the same.
    @Test func everyValueOfEveryLessonRoundTripsThroughTheCacheEqual() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons")
        var traces: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() where name.hasSuffix(".md") {
            let lesson = try LessonParser.parse(try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8), path: name)
            let session = Session(file: name, precision: lesson.frontMatter.precision)
            let document = try NotebookRunner.run(lesson, kernel: session)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for (binding, value) in document.bindings {
                let data = try encoder.encode(value)
                let back = try JSONDecoder().decode(Value.self, from: data)
                #expect(back == value, "\(name): \(binding)")
                // Traces and captions too (Record's == compares what pages show): byte-identical again.
                #expect(try encoder.encode(back) == data, "\(name): \(binding) re-encodes differently")
                if case .record(let a) = value, case .record(let b) = back { #expect(a.trace == b.trace && a.captions == b.captions) }
                collectTraces(value, into: &traces)
            }
        }
        // The lessons exercise most trace kinds; the rest are covered by the script fixtures.
        #expect(traces.count >= 12, "\(traces.sorted())")
    }

    func collectTraces(_ value: Value, into traces: inout Set<String>) {
        guard case .record(let r) = value else { return }
        if let t = r.trace { traces.insert(String(describing: t).prefix { $0 != "(" }.description) }
        for f in r.fields { collectTraces(f.value, into: &traces) }
    }
}
