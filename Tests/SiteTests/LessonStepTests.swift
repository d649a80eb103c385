import Foundation
import LessonScript
import Notebook
import Testing
@testable import Site
import NotebookTestSupport

/// The per-lesson units of `SiteBuilder`, used the way a `watch` loop would: rebuild one lesson,
/// write it, keep everything else.
@Suite struct LessonStepTests {
    func builder(_ fixture: Fixture, output: URL? = nil, jobs: Int = 1) -> SiteBuilder {
        let options = SiteBuilder.Options(lessons: fixture.lessons.path, output: (output ?? fixture.output).path, jobs: jobs)
        return SiteBuilder(options: options, log: { _ in }, makeKernel: { FakeKernel(file: $0.path) })
    }

    @Test func oneLessonBuiltAloneGivesTheBytesOfTheFullBuild() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        let builder = builder(fixture)
        let loaded = try builder.loadLessons()
        #expect(loaded.lessons.map(\.slug) == ["03-later", "01-why", "02-one-step"])
        #expect(loaded.failures.isEmpty && loaded.fileCount == 3)
        #expect(loaded.warnings.map(\.id) == ["lesson-order-differs"])  // 03-later has `order: 0`
        let k = try #require(loaded.index(of: "01-why"))
        let navigation = loaded.navigation(at: k)
        #expect(navigation.previous?.slug == "03-later" && navigation.next?.slug == "02-one-step")
        let files = try builder.buildLesson(loaded.lessons[k], navigation: navigation).get()
        #expect(files.map(\.path).sorted() == ["01-why.html", "01-why.json", "01-why.md"])
        for file in files {
            #expect(FileManager.default.contents(atPath: fixture.output.appendingPathComponent(file.path).path) == file.contents, "\(file.path)")
        }
        // The index and the reference, alone, are the full build's too.
        for file in try builder.buildIndex(loaded.lessons) + builder.buildReference(loaded.lessons) {
            #expect(FileManager.default.contents(atPath: fixture.output.appendingPathComponent(file.path).path) == file.contents, "\(file.path)")
        }
    }

    @Test func rebuildingOneEditedLessonWritesOnlyItsChangedPagesAndMatchesAFullBuild() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        try fixture.edit("01-why.md") { $0.replacingOccurrences(of: "at every step.", with: "at every single step.") }

        // Rebuild 01-why alone and write it; everything else stays as the last build left it.
        let builder = builder(fixture)
        let loaded = try builder.loadLessons()
        let k = try #require(loaded.index(of: "01-why"))
        let files = try builder.buildLesson(loaded.lessons[k], navigation: loaded.navigation(at: k)).get()
        let writer = builder.makeWriter()
        try writer.begin()
        let changed = try writer.write(files, owner: SiteBuilder.owner(ofLesson: "01-why"))
        for other in loaded.lessons where other.slug != "01-why" { writer.keep(owner: SiteBuilder.owner(ofLesson: other.slug)) }
        // The site's own files as they were; the search reads the pages as written, so it follows
        // the edited page's change: that page's search file alone (the list names no text).
        writer.keep(owner: SiteBuilder.siteOwner)
        let before = writer.changedPaths.count
        _ = try builder.writeSearchIndex(loaded.lessons, writer: writer)
        #expect(Array(writer.changedPaths[before...]) == ["assets/search/01-why.js"])
        try writer.finish()
        // Prose only: the JSON (values) is unchanged, so only the two pages were rewritten.
        #expect(changed.sorted() == ["01-why.html", "01-why.md"])
        #expect(fixture.read("01-why.md")?.contains("at every single step.") == true)

        // The same bytes as a full build of the edited lessons in a fresh folder.
        let fresh = fixture.root.appendingPathComponent("fresh")
        #expect(fixture.build(output: fresh).0.succeeded)
        #expect(fixture.files() == fixture.files(in: fresh))
        for path in fixture.files() where path != ".attnbook.lock" {
            #expect(fixture.read(path) == fixture.read(path, in: fresh), "\(path)")
        }
    }

    @Test func aFailingLessonIsAFailureOfItsStageWithItsDiagnostics() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("02-one-step.md") { $0.replacingOccurrences(of: "bars\n", with: "bars\nfail\n") }
        try fixture.edit("03-later.md") { $0.replacingOccurrences(of: "title:", with: "titel:") }
        let builder = builder(fixture)
        let loaded = try builder.loadLessons()
        #expect(loaded.lessons.map(\.slug) == ["01-why", "02-one-step"])
        #expect(loaded.failures.map(\.stage) == [.parse])
        #expect(loaded.failures.first?.path.hasSuffix("/03-later.md") == true)
        #expect(loaded.failures.first?.diagnostics.isEmpty == false)
        let k = try #require(loaded.index(of: "02-one-step"))
        switch builder.buildLesson(loaded.lessons[k], navigation: loaded.navigation(at: k)) {
        case .success: Issue.record("a cell that fails must fail the lesson")
        case .failure(let failure):
            #expect(failure.stage == .run)
            #expect(failure.diagnostics.map(\.message) == ["cell failed on purpose"])
            #expect(failure.diagnostics.first?.location.line == 23)
        }
    }

    @Test func aMissingLessonsFolderIsASiteError() {
        let options = SiteBuilder.Options(lessons: "/nonexistent/attnbook-lessons", output: "/tmp/unused")
        let builder = SiteBuilder(options: options, log: { _ in })
        #expect(throws: SiteError.self) { try builder.loadLessons() }
    }

    @Test func unchangedLessonsAreKnownByTheirFrontMatterAndDiagnosticsStillPointAtTheirLine() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        try fixture.edit("01-why.md") { $0 + "\nMore prose after the first build.\n" }
        let loaded = try builder(fixture).loadLessons()
        let bySlug = Dictionary(uniqueKeysWithValues: loaded.lessons.map { ($0.slug, $0) })
        #expect(bySlug["01-why"]?.isHeaderOnly == false)     // changed: parsed
        #expect(bySlug["02-one-step"]?.isHeaderOnly == true)  // unchanged: from .attnbook/lessons.tsv
        #expect(bySlug["02-one-step"]?.frontMatter == (try LessonLoader.load(fixture.lessons.appendingPathComponent("02-one-step.md").path)).frontMatter)
        // 03-later's `order: 0` warning still points at its line, with the line shown.
        let warning = try #require(loaded.warnings.first)
        #expect(warning.location.line > 1 && warning.sourceLine?.hasPrefix("order:") == true)
    }

    @Test func theSiteIsTheSameForOneJobAndForManyAndTheLogKeepsLessonOrder() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        // A failing lesson in the middle, so the order of failures and progress lines is tested too.
        try fixture.edit("01-why.md") { $0.replacingOccurrences(of: "let c = 0.5\n", with: "let c = 0.5\nfail\n") }
        var logs: [[String]] = []
        var folders: [URL] = []
        for jobs in [1, 4, 3] {
            let output = fixture.root.appendingPathComponent("out-\(jobs)")
            var log: [String] = []
            let options = SiteBuilder.Options(lessons: fixture.lessons.path, output: output.path, jobs: jobs)
            let report = SiteBuilder(options: options, log: { log.append($0) }, makeKernel: { FakeKernel(file: $0.path) }).build()
            #expect(report.built == ["03-later", "02-one-step"])
            logs.append(log.map { $0.replacingOccurrences(of: #"\d+ ms"#, with: "N ms", options: .regularExpression) })
            folders.append(output)
        }
        #expect(logs[0] == logs[1] && logs[0] == logs[2])
        #expect(logs[0].filter { $0.hasPrefix("[") } == ["[1/3] 03-later  N ms", "[3/3] 02-one-step  N ms"])
        // The search's files among them: the list and one per page that exists (01-why never built).
        #expect(fixture.files(in: folders[0]).filter { $0.hasPrefix("assets/search") }
                == ["assets/search-index.js", "assets/search/02-one-step.js", "assets/search/03-later.js", "assets/search/reference.js"])
        for folder in folders.dropFirst() {
            #expect(fixture.files(in: folder) == fixture.files(in: folders[0]))
            for path in fixture.files(in: folder) { #expect(fixture.read(path, in: folder) == fixture.read(path, in: folders[0]), "\(path)") }
        }
    }
}
