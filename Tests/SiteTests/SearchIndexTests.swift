import Foundation
import LessonScript
import Testing
@testable import Site

/// The search data: sections cut at the headings, plain text without figures or number tables,
/// a script that is valid JavaScript and safe inside a page.
@Suite struct SearchIndexTests {
    static let page = SearchIndex.Page(href: "02-x.html", title: "One step", html: """
        <html><nav>Lessons 机器 sidebar</nav><article>
        <h1 class="title">One step</h1>
        <p class="summary">Scores &amp; weights.</p>
        <p>Intro with <span class="math inline"><math><mi>α</mi><annotation encoding="application/x-tex">\\alpha</annotation></math></span>.</p>
        <h2 id="the-inputs">The inputs</h2>
        <p>我 爱 <strong>机器</strong> 学习</p>
        <pre class="code"><code><span class="tok-keyword">let</span> h = tokens(&quot;我&quot;)</code></pre>
        <div class="output table-scroll"><table class="numbers"><tr><td>0.2000</td></tr></table></div>
        <h3 id="step-1-scores">Step 1: <span class="math inline"><math><mi>e</mi></math></span> scores</h3>
        <figure><svg><text>0.4709</text></svg><figcaption>α · SVG file</figcaption></figure>
        </article></html>
        """)

    @Test func sectionsFollowTheHeadings() {
        let sections = SearchIndex.sections(of: Self.page)
        #expect(sections == [
            SearchIndex.Section(anchor: "", heading: "One step", text: "Scores & weights. Intro with α."),
            SearchIndex.Section(anchor: "the-inputs", heading: "The inputs", text: "我 爱 机器 学习 let h = tokens(\"我\")"),
            SearchIndex.Section(anchor: "step-1-scores", heading: "Step 1: e scores", text: "α · SVG file"),
        ])
    }

    static let odd = SearchIndex.Page(href: "r.html", title: "A </script> \"q\"\u{2028}", html: "<article><h1>x</h1><p>t</p></article>")

    @Test func theScriptsAreDeterministicAndSafe() throws {
        let (files, _) = SearchIndex.files(for: [Self.page, Self.odd])
        #expect(files.map(\.path).filter { $0 != "assets/lunr.min.js" } == ["assets/search-index.js", "assets/search/02-x.js", "assets/search/r.js"])
        // The list: pages, titles and search files, no text.
        let list = String(decoding: try #require(files.first { $0.path == "assets/search-index.js" }).contents, as: UTF8.self)
        #expect(list == "window.attnbookSearch = {\"pages\":[\n{\"u\":\"02-x.html\",\"t\":\"One step\",\"f\":\"search\\/02-x.js\"},\n"
                + "{\"u\":\"r.html\",\"t\":\"A <\\/script> \\\"q\\\"\\u2028\",\"f\":\"search\\/r.js\"}\n]};\n")
        // A page's file: its sections, a line each, under its page's name.
        let page = String(decoding: try #require(files.first { $0.path == "assets/search/02-x.js" }).contents, as: UTF8.self)
        #expect(page.hasPrefix("(window.attnbookSearchPages = window.attnbookSearchPages || {})[\"02-x.html\"] = [\n{\"a\":\"\",\"h\":\"One step\","))
        #expect(page.contains("\n{\"a\":\"the-inputs\",\"h\":\"The inputs\",\"x\":\"我 爱 机器 学习 let h = tokens(\\\"我\\\")\"},\n"))
        #expect(page.hasSuffix("}\n];\n"))
        for file in files where file.path != "assets/lunr.min.js" {
            #expect(!String(decoding: file.contents, as: UTF8.self).contains("</script>"))
        }
        // The same pages give the same bytes.
        #expect(SearchIndex.files(for: [Self.page, Self.odd]).files == files)
        // The parts after `= ` are JSON.
        let json = try #require(page.range(of: "] = ").map { page[$0.upperBound...].dropLast(2) })
        let sections = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]]
        #expect(sections?.count == 3)
        #expect(sections?.last == ["a": "step-1-scores", "h": "Step 1: e scores", "x": "α · SVG file"])
        // A page without text still registers itself (with no sections), so the search waits for no file in vain.
        let empty = String(decoding: SearchIndex.pageFile(href: "e.html", entries: []).contents, as: UTF8.self)
        #expect(empty == "(window.attnbookSearchPages = window.attnbookSearchPages || {})[\"e.html\"] = [\n];\n")
    }

    /// Block elements (case folded, with attributes or self-closing) separate text; inline ones,
    /// near misses and names too long to be a block element do not.
    @Test func blockTagsAreKnownByTheirNameAlone() {
        for tag in ["<p>", "</P>", "<br/>", "<BR>", "<td class=\"x\">", "<h6 id=\"a\">", "<FigCaption>", "</blockquote>", "<summary>"] {
            #expect(SearchIndex.isBlockTag(Array(tag.utf8)[...]), "\(tag)")
        }
        for tag in ["<b>", "<span>", "<h7>", "<bra>", "<blockquotes>", "<figcaptions>", "<mi>", "<a href=\"p\">", "</strong>", "<>"] {
            #expect(!SearchIndex.isBlockTag(Array(tag.utf8)[...]), "\(tag)")
        }
    }

    /// A stacked prose table's headings repeated in its cells (`ProseTables`) are not searched twice.
    @Test func repeatedTableHeadingsAreNotText() {
        let html = "<table class=\"stacked\"><thead><tr><th>step</th><th>in words</th></tr></thead><tbody><tr>"
            + "<td><b class=\"label\">step</b>1</td><td><b class=\"label\">in <em>words</em></b>the <b>first</b></td></tr></tbody></table>"
        #expect(SearchIndex.plainText(Array(html.utf8)[...]) == "step in words 1 the first")
    }

    /// The one-pass escaping gives the bytes of `JSONWriter.string` with every `/` escaped after it.
    @Test func jsonIsJSONWriterWithSlashesEscaped() {
        func twoPasses(_ s: String) -> String {
            var literal: [UInt8] = []
            JSONWriter.string(s, into: &literal)
            return String(decoding: literal.flatMap { $0 == UInt8(ascii: "/") ? [UInt8(ascii: "\\"), $0] : [$0] }, as: UTF8.self)
        }
        let samples = ["", "plain", "a/b", "</script>", "\"q\" \\ \n\r\t\u{0}\u{1}\u{1f}\u{7f} end", "\u{2028}x\u{2029}",
                       "near \u{2027}\u{202A}\u{2030}\u{20AC}—…", "我 爱 机器 学习 α·β", "ends with \u{2028}", "\u{2029}", "/"]
            + SearchIndex.sections(of: Self.page).flatMap { [$0.heading, $0.text] } + [Self.odd.title]
        for sample in samples {
            #expect(SearchIndex.json(sample) == twoPasses(sample), "\(sample.debugDescription)")
        }
    }

    /// The scripts run in a JavaScript engine (node, as the build's math does) and leave what the
    /// page script reads: the list, and each page's sections under its file name, as
    /// `SearchIndex.sections` cut them.
    @Test func theScriptsRunAndRegisterEveryPage() throws {
        guard let node = MathTypesetter.findNode() else {
            Issue.record("node is not installed (apt: nodejs); the search files were not run")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = SearchIndex.files(for: [Self.page, Self.odd]).files.filter { $0.path != "assets/lunr.min.js" }
        let paths = try files.enumerated().map { k, file in
            let url = folder.appendingPathComponent("\(k).js")
            try file.contents.write(to: url)
            return url.path
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", """
            const fs = require("fs"), vm = require("vm"), context = { window: {} };
            vm.createContext(context);
            for (const f of process.argv.slice(1)) vm.runInContext(fs.readFileSync(f, "utf8"), context);
            process.stdout.write(JSON.stringify(context.window));
            """] + paths
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let window = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let pages = (window["attnbookSearch"] as? [String: Any])?["pages"] as? [[String: String]]
        #expect(pages == [["u": "02-x.html", "t": "One step", "f": "search/02-x.js"],
                          ["u": "r.html", "t": "A </script> \"q\"\u{2028}", "f": "search/r.js"]])
        let registered = try #require(window["attnbookSearchPages"] as? [String: [[String: String]]])
        #expect(registered.keys.sorted() == ["02-x.html", "r.html"])
        for page in [Self.page, Self.odd] {
            let expected = SearchIndex.sections(of: page).map { ["a": $0.anchor, "h": $0.heading, "x": $0.text] }
            #expect(registered[page.href] == expected)
        }
    }
}
