import Foundation
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

    @Test func theScriptIsDeterministicAndSafe() throws {
        let (files, _) = SearchIndex.files(for: [Self.page, SearchIndex.Page(href: "r.html", title: "A </script> \"q\"\u{2028}", html: "<article><h1>x</h1><p>t</p></article>")])
        let script = try #require(files.first { $0.path == "assets/search-index.js" }).contents
        let text = String(decoding: script, as: UTF8.self)
        #expect(text.hasPrefix("window.attnbookSearch = {\"pages\":[\n{\"u\":\"02-x.html\",\"t\":\"One step\"},\n{\"u\":\"r.html\",\"t\":\"A <\\/script> \\\"q\\\"\\u2028\"}\n],\"sections\":[\n"))
        #expect(text.contains("{\"p\":0,\"a\":\"the-inputs\",\"h\":\"The inputs\",\"x\":\"我 爱 机器 学习 let h = tokens(\\\"我\\\")\"}"))
        #expect(!text.contains("</script>"))
        // The same pages give the same bytes.
        #expect(SearchIndex.files(for: [Self.page]).files.first?.contents == SearchIndex.files(for: [Self.page]).files.first?.contents)
        // The part after `=` is JSON.
        let json = try #require(text.range(of: "= ").map { text[$0.upperBound...].dropLast(2) })
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["sections"] as? [Any])?.count == 4)
    }
}
