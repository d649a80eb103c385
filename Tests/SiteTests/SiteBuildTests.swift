import Foundation
import LessonScript
import Notebook
import Testing
@testable import Site
import NotebookTestSupport

/// The golden files beside this test file.
private let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/goldens")

/// Builds the fixture lessons (copied to a temporary folder) with the fake kernel.
struct Fixture {
    let root: URL
    var lessons: URL { root.appendingPathComponent("lessons") }
    var output: URL { root.appendingPathComponent("output") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/lessons")
        try FileManager.default.copyItem(at: source, to: lessons)
    }

    func build(output: URL? = nil, write: Bool = true, katex: String = "/usr/share/javascript/katex") -> (SiteBuilder.Report, [String]) {
        var log: [String] = []
        let options = SiteBuilder.Options(lessons: lessons.path, output: (output ?? self.output).path, write: write,
                                          katexDirectory: katex)
        let report = SiteBuilder(options: options, log: { log.append($0) }, makeKernel: { FakeKernel(file: $0.path) }).build()
        return (report, log)
    }

    func edit(_ lesson: String, _ change: (String) -> String) throws {
        let url = lessons.appendingPathComponent(lesson)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ path: String, in folder: URL? = nil) -> String? {
        try? String(contentsOf: (folder ?? output).appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file under `folder`, relative, sorted.
    func files(in folder: URL? = nil) -> [String] {
        let base = (folder ?? output).path
        let all = FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []
        return all.filter { var d: ObjCBool = false; _ = FileManager.default.fileExists(atPath: base + "/" + $0, isDirectory: &d); return !d.boolValue }.sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite struct SiteBuildTests {
    @Test func buildsEveryFileInOrder() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (report, log) = fixture.build()
        #expect(report.succeeded)
        let files = fixture.files()
        #expect(files == [
            ".attnbook-manifest", ".attnbook.lock",
            "01-why.html", "01-why.json", "01-why.md",
            "02-one-step.html", "02-one-step.json", "02-one-step.md",
            "02-one-step/alpha2-bars.svg", "02-one-step/step-alpha-2.svg", "02-one-step/step-alpha.svg",
            "03-later.html", "03-later.json", "03-later.md", "03-later/step-alpha-lines.svg",
            "assets/attnbook.css", "assets/attnbook.js",
        ] + (FileManager.default.fileExists(atPath: SearchIndex.lunrPath) ? ["assets/lunr.min.js"] : []) + [
            "assets/search-index.js",
            "assets/search/01-why.js", "assets/search/02-one-step.js", "assets/search/03-later.js", "assets/search/reference.js",
            "index.html", "index.md", "reference.html", "reference.md",
        ])
        // Math is typeset at build time: no KaTeX is copied in, the pages carry MathML.
        if MathTypesetter.findNode() != nil, FileManager.default.fileExists(atPath: "/usr/share/javascript/katex/katex.js") {
            let page = try #require(fixture.read("01-why.html"))
            #expect(page.contains("<span class=\"math inline\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><msub><mi>α</mi>"))
            #expect(!page.contains("\\("))
        }
        // `order: 0` puts 03-later first; then by the number prefix. Each entry shows the lesson's
        // own number, not its position.
        let index = try #require(fixture.read("index.md"))
        #expect(index.contains("- 0\\. [A lesson ordered first](03-later.md)"))
        #expect(index.contains("- 1\\. [Why attention](01-why.md) — The fixed-context bottleneck, in numbers."))
        #expect(index.contains("- 2\\. [One decoder step, every number](02-one-step.md)"))
        let html = try #require(fixture.read("index.html"))
        let positions = ["03-later.html", "01-why.html", "02-one-step.html"].map { html.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        // Navigation follows the same order.
        let middle = try #require(fixture.read("01-why.html"))
        #expect(middle.contains("rel=\"prev\" href=\"03-later.html\""))
        #expect(middle.contains("rel=\"next\" href=\"02-one-step.html\""))
        #expect(try #require(fixture.read("01-why.md")).hasSuffix("[← A lesson ordered first](03-later.md) · [Contents](index.md) · [One decoder step, every number →](02-one-step.md)\n"))
        // The surprising `order:` is a located warning, then the progress lines.
        #expect(log.map { $0.replacingOccurrences(of: #"\d+ ms"#, with: "N ms", options: .regularExpression) }
                == ["\(fixture.lessons.path)/03-later.md:4:1: warning: `order: 0` differs from the number 3 in the file name, so the site's order differs from the folder's\norder: 0\n^\nfix: rename the file to `00-…` or remove `order:`",
                    "[1/3] 03-later  N ms", "[2/3] 01-why  N ms", "[3/3] 02-one-step  N ms"])
    }

    @Test func brokenLessonKeepsItsOldOutputAndOthersStillBuild() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        #expect(fixture.build().0.succeeded)
        let before = fixture.files().map { ($0, fixture.read($0)) }
        let oldDate = try FileManager.default.attributesOfItem(atPath: fixture.output.appendingPathComponent("02-one-step.html").path)[.modificationDate] as? Date

        try fixture.edit("02-one-step.md") { $0.replacingOccurrences(of: "bars\n", with: "bars\nfail\n") }
        try fixture.edit("01-why.md") { $0.replacingOccurrences(of: "text the context never changes", with: "text the context stays put") }
        let (report, log) = fixture.build()
        #expect(!report.succeeded)
        #expect(report.failed == [fixture.lessons.appendingPathComponent("02-one-step.md").path])
        #expect(log.contains("\(fixture.lessons.path)/02-one-step.md:23:1: error: cell failed on purpose\nfail\n^"))
        #expect(log.contains { $0.hasPrefix("[1/3] 03-later") })
        #expect(log.contains { $0.hasPrefix("[2/3] 01-why") })
        #expect(!log.contains { $0.hasPrefix("[3/3]") })
        // The broken lesson's pages and figures are untouched, byte for byte.
        for (path, text) in before where path.hasPrefix("02-one-step") {
            #expect(fixture.read(path) == text, "\(path) changed")
        }
        let newDate = try FileManager.default.attributesOfItem(atPath: fixture.output.appendingPathComponent("02-one-step.html").path)[.modificationDate] as? Date
        #expect(oldDate == newDate)
        // The others were rebuilt.
        #expect(try #require(fixture.read("01-why.html")).contains("the context stays put"))
        // No temporary files anywhere.
        #expect(!fixture.files().contains { $0.contains(".tmp-") })
    }

    @Test func staleFiguresGoOnlyWhenTheLessonBuilds() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        _ = fixture.build()
        #expect(fixture.read("02-one-step/step-alpha-2.svg") != nil)
        try fixture.edit("02-one-step.md") { $0.replacingOccurrences(of: "heatmap 1 4\n", with: "fail\n") }
        _ = fixture.build()
        #expect(fixture.read("02-one-step/step-alpha-2.svg") != nil)
        try fixture.edit("02-one-step.md") { $0.replacingOccurrences(of: "fail\n", with: "") }
        #expect(fixture.build().0.succeeded)
        #expect(fixture.read("02-one-step/step-alpha-2.svg") == nil)
        #expect(fixture.read("02-one-step/step-alpha.svg") != nil)
    }

    @Test func pagesOfADeletedLessonGoButOtherFilesStay() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        _ = fixture.build()
        try "mine".write(to: fixture.output.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: fixture.lessons.appendingPathComponent("03-later.md"))
        #expect(fixture.build().0.succeeded)
        let files = fixture.files()
        #expect(!files.contains { $0.hasPrefix("03-later") })
        #expect(files.contains("notes.txt") && files.contains("01-why.html") && files.contains("02-one-step/step-alpha.svg"))
        #expect(!(try #require(fixture.read("index.html"))).contains("03-later"))
        // Its search file goes through the manifest too, and the list no longer names it.
        #expect(!files.contains("assets/search/03-later.js"))
        #expect(files.contains("assets/search/01-why.js"))
        #expect(!(try #require(fixture.read("assets/search-index.js"))).contains("03-later"))
    }

    @Test func anEditRewritesOnlyThatPagesSearchFile() throws {
        // A one-shot build each time (the cache in `.attnbook/`), then one builder that builds
        // again in the same process (`serve`, `watch`).
        for warm in [false, true] {
            let fixture = try Fixture()
            defer { fixture.remove() }
            var log: [String] = []
            var options = SiteBuilder.Options(lessons: fixture.lessons.path, output: fixture.output.path)
            options.buildsAgain = warm
            let kept = SiteBuilder(options: options, log: { log.append($0) }, makeKernel: { FakeKernel(file: $0.path) })
            func build() -> SiteBuilder.Report {
                warm ? kept.build() : SiteBuilder(options: options, log: { log.append($0) }, makeKernel: { FakeKernel(file: $0.path) }).build()
            }
            #expect(build().succeeded)
            let list = try #require(fixture.read("assets/search-index.js"))
            let others = ["02-one-step", "03-later", "reference"].map { fixture.read("assets/search/\($0).js") }

            for marker in 1...2 {
                try fixture.edit("01-why.md") { $0 + "\nLive edit marker \(marker).\n" }
                let report = build()
                #expect(report.succeeded)
                // The page and its search file; no other search file, not the list, not lunr.
                #expect(report.changedFiles.filter { $0.hasPrefix("assets/") } == ["assets/search/01-why.js"], "warm: \(warm)")
                #expect(fixture.read("assets/search-index.js") == list)
                #expect(["02-one-step", "03-later", "reference"].map { fixture.read("assets/search/\($0).js") } == others)
                #expect(try #require(fixture.read("assets/search/01-why.js")).contains("Live edit marker \(marker)."))
            }
            // Nothing changed: nothing written.
            #expect(build().changedFiles.isEmpty)

            // A new title changes the list (and the pages whose sidebar shows it).
            try fixture.edit("02-one-step.md") { $0.replacingOccurrences(of: "title: One decoder step, every number", with: "title: One decoder step") }
            let retitled = build()
            #expect(retitled.changedFiles.contains("assets/search-index.js"))
            #expect(retitled.changedFiles.contains("assets/search/02-one-step.js"))
            #expect(try #require(fixture.read("assets/search-index.js")).contains("\"t\":\"One decoder step\""))

            // The same bytes as a full build of the edited lessons into a fresh folder.
            let fresh = fixture.root.appendingPathComponent("fresh")
            #expect(fixture.build(output: fresh).0.succeeded)
            #expect(fixture.files() == fixture.files(in: fresh))
            for path in fixture.files() where path != ".attnbook.lock" {
                #expect(fixture.read(path) == fixture.read(path, in: fresh), "\(path)")
            }
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let other = fixture.root.appendingPathComponent("other")
        _ = fixture.build()
        _ = fixture.build(output: other)
        #expect(fixture.files() == fixture.files(in: other))
        for path in fixture.files() {
            let a = FileManager.default.contents(atPath: fixture.output.appendingPathComponent(path).path)
            let b = FileManager.default.contents(atPath: other.appendingPathComponent(path).path)
            #expect(a == b, "\(path) differs")
        }
    }

    @Test func checkWritesNothing() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (report, _) = fixture.build(write: false)
        #expect(report.succeeded)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".attnbook").path))   // nor the math cache
        try fixture.edit("01-why.md") { $0.replacingOccurrences(of: "title: Why attention\n", with: "") }
        let (broken, log) = fixture.build(write: false)
        #expect(!broken.succeeded)
        #expect(log.first == "\(fixture.lessons.path)/01-why.md:1:1: error: front matter needs a `title`, found none\n---\n^\nfix: add `title: …` between the `---` lines")
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
    }

    @Test func missingKaTeXIsReportedOnceAndTheBuildGoesOn() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let (report, log) = fixture.build(katex: fixture.root.appendingPathComponent("no-katex").path)
        #expect(report.succeeded)
        #expect(log.filter { $0.hasPrefix("note: KaTeX not found") }.count == 1)
        // The TeX stays readable.
        #expect(try #require(fixture.read("02-one-step.html")).contains("<span class=\"math display\">\\[e_{t,i} = s_{t-1}^\\top h_i\\]</span>"))
    }

    @Test func escapingInPagesAndFigures() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("01-why.md") {
            $0.replacingOccurrences(of: "title: Why attention", with: "title: \"Why <script>alert(1)</script> & \\\"quotes\\\"\"")
              .replacingOccurrences(of: "One context", with: "<script>alert(2)</script> One context")
        }
        _ = fixture.build()
        let page = try #require(fixture.read("01-why.html"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("Why &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        let index = try #require(fixture.read("index.html"))
        #expect(!index.contains("<script>alert"))
    }
}

/// With `ATTNBOOK_DEMO_DIR` set, builds the fixture lessons there to look at in a browser.
@Test func demoSite() throws {
    guard let folder = ProcessInfo.processInfo.environment["ATTNBOOK_DEMO_DIR"] else { return }
    let fixture = try Fixture()
    defer { fixture.remove() }
    _ = fixture.build(output: URL(fileURLWithPath: folder))
}

@Test func lessonsCannotTakeTheSiteOwnNames() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    try "---\ntitle: Assets\n---\n".write(to: fixture.lessons.appendingPathComponent("assets.md"), atomically: true, encoding: .utf8)
    let (report, log) = fixture.build()
    #expect(!report.succeeded)
    #expect(log.contains { $0.contains("assets.md:1:1: error: a lesson cannot be called `assets.md`") })
    #expect(fixture.read("assets/attnbook.css") != nil)
}

@Test func aNumberUsedTwiceIsALocatedErrorAndTheOthersBuild() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    // 01-zeta.md comes after 01-why.md by name, so it is the one that loses number 1.
    try "---\ntitle: Zeta\n---\n\nText.\n".write(to: fixture.lessons.appendingPathComponent("01-zeta.md"), atomically: true, encoding: .utf8)
    let (report, log) = fixture.build()
    #expect(!report.succeeded)
    #expect(report.failed == [fixture.lessons.appendingPathComponent("01-zeta.md").path])
    #expect(log.contains { $0.hasPrefix("\(fixture.lessons.path)/01-zeta.md:1:1: error: lesson number 1 is taken by `01-why.md`") })
    #expect(fixture.read("01-zeta.html") == nil)
    #expect(fixture.read("01-why.html") != nil)
    #expect(!(try #require(fixture.read("index.md"))).contains("Zeta"))
}

@Test func aDuplicateFromOrderIsLocatedAtTheOrderLine() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    // 03-later's `order: 0` becomes `order: 2`, the number 02-one-step.md already has.
    try fixture.edit("03-later.md") { $0.replacingOccurrences(of: "order: 0", with: "order: 2") }
    let (report, log) = fixture.build()
    #expect(!report.succeeded)
    #expect(log.contains { $0.hasPrefix("\(fixture.lessons.path)/03-later.md:4:1: error: lesson number 2 is taken by `02-one-step.md`") })
}

@Test func anUnnumberedLessonIsALocatedError() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    try "---\ntitle: Loose\n---\n\nText.\n".write(to: fixture.lessons.appendingPathComponent("loose.md"), atomically: true, encoding: .utf8)
    let (report, log) = fixture.build()
    #expect(!report.succeeded)
    #expect(log.contains { $0.hasPrefix("\(fixture.lessons.path)/loose.md:1:1: error: the lesson `loose.md` has no number") && $0.contains("fix: start the file name with its number, like `NN-loose.md`") })
    #expect(fixture.read("loose.html") == nil)
    #expect(log.contains { $0.hasPrefix("[3/3] 02-one-step") })
}

@Test func aMatchingOrderIsNoWarning() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    try fixture.edit("03-later.md") { $0.replacingOccurrences(of: "order: 0", with: "order: 3") }
    let (report, log) = fixture.build()
    #expect(report.succeeded && report.diagnostics.isEmpty)
    #expect(!log.contains { $0.contains("warning") })
    #expect(try #require(fixture.read("index.md")).contains("- 3\\. [A lesson ordered first](03-later.md)"))
}

@Test func pagesMatchTheirGoldens() throws {
    let fixture = try Fixture()
    defer { fixture.remove() }
    _ = fixture.build()
    for page in ["index.html", "index.md", "01-why.html", "01-why.md", "01-why.json"] {
        assertGolden(try #require(fixture.read(page)), page, in: goldens)
    }
}
