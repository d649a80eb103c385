import Foundation
import LessonScript
import NotebookTestSupport
import Testing
@testable import Notebook

@Suite struct ProseTests {
    func html(_ prose: String) throws -> String {
        HTMLRenderer.render(try runSample("---\ntitle: T\n---\n\n" + prose)).body
    }

    @Test(arguments: [
        "$a_{t,i}$ and $b_{j}$",
        "$x_1 * y_2$ and $x_3 * y_4$",
        "see $\\alpha_{t}$ then _real emphasis_ and $\\beta_{t}$",
        "$$a_{1} + b_{2}$$ and $$c_{3}$$",
        "inline math may wrap: $a_{i} +\nb_{j}$ at a soft line break",
    ])
    func mathNeverBecomesEmphasis(prose: String) throws {
        let out = try html(prose)
        let withoutRealEmphasis = out.replacingOccurrences(of: "<em>real emphasis</em>", with: "")
        #expect(!withoutRealEmphasis.contains("<em>"))
        #expect(out.contains("math inline") || out.contains("math display"))
    }

    @Test func aBlankLineEndsInlineMath() throws {
        // "$5 … \n\n … $" is two paragraphs with dollars in them, not one math span.
        let out = try html("costs $5 and_a\n\nthen b_c$ later")
        #expect(!out.contains("math inline"))
    }

    @Test func mathSurvivesUnchangedIntoMarkdown() throws {
        let md = MarkdownRenderer.render(try runSample("---\ntitle: T\n---\n\n$a_{t,i}$ and $b_{j}$ and $$x_1 * y_2$$\n"))
        #expect(md.contains("$a_{t,i}$ and $b_{j}$ and $$x_1 * y_2$$"))
    }

    @Test func dollarsInCodeAndPricesStayText() throws {
        let out = try html("`let $x_1$ = 2` costs $5 and $6.\n\n```python\nprint('$a_b$')\n```\n")
        #expect(out.contains("<code>let $x_1$ = 2</code>"))
        #expect(out.contains("costs $5 and $6."))
        #expect(out.contains("print(&#39;$a_b$&#39;)") || out.contains("print('$a_b$')"))
        #expect(!out.contains("math inline"))
    }

    @Test func rawHTMLInProseIsFiltered() throws {
        let out = try html("Hi <script>alert(\"x\")</script> <img src=x onerror=alert(1)> there.\n")
        #expect(!out.contains("<script>"))
        #expect(!out.contains("<img"))
        #expect(out.contains("raw HTML omitted"))
    }

    @Test func inlineValueIsFormattedWithLessonPrecision() throws {
        let doc = try runSample("---\ntitle: T\nprecision: 2\n---\n\n```attn\nlet x = -0.0001\nlet y = 3.14159\n```\n\nx is {= x } and y is {=y}.\n")
        let out = HTMLRenderer.render(doc).body
        #expect(out.contains("x is <span class=\"value\">0.00</span> and y is <span class=\"value\">3.14</span>."))
        #expect(MarkdownRenderer.render(doc).contains("x is 0.00 and y is 3.14."))
    }

    @Test func wholeNumbersInProseHaveNoDecimals() throws {
        let doc = try runSample("---\ntitle: T\n---\n\n```attn\nlet n = 2\nlet m = -3\nlet w = 0.5\n```\n\n{= n } words, {= m }, {= w }.\n")
        #expect(MarkdownRenderer.render(doc).contains("2 words, −3, 0.5000."))
    }

    @Test func inlineValueErrorIsLocatedAtTheExpression() throws {
        let source = "---\ntitle: T\n---\n\nText\nthe value {= nope } here\n"
        #expect {
            try runSample(source, path: "lessons/x.md")
        } throws: { error in
            guard let e = error as? LessonError, let d = e.diagnostics.first else { return false }
            return DiagnosticFormatter.format(d) == "lessons/x.md:6:14: error: unknown name `nope`\nthe value {= nope } here\n             ^\n"
        }
    }

    @Test func escapingInHTMLAndSVG() throws {
        let nasty = "<script>\"&"
        let doc = try runSample("---\ntitle: \"\(nasty.replacingOccurrences(of: "\"", with: "\\\""))\"\n---\n\n```attn\nheatmap 8 8\ntext <script>\"&\n```\n")
        #expect(doc.frontMatter.title == nasty)
        let body = HTMLRenderer.render(doc).body
        #expect(!body.contains("<script>"))
        #expect(body.contains("&lt;script&gt;&quot;&amp;"))
        let svg = HeatmapRenderer.render(Samples.heatmap(rows: 8, cols: 8), id: "x")
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;&amp;&quot;"))
        #expect(MarkdownRenderer.render(doc).hasPrefix("# \\<script\\>\"\\&\n"))
    }
}

@Test func manyMathSpansKeepTheirPlaces() throws {
    let spans = (0..<13).map { "$x_{\($0)}$" }.joined(separator: " ")
    let doc = try runSample("---\ntitle: T\n---\n\n" + spans + "\n")
    let body = HTMLRenderer.render(doc).body
    let expected = (0..<13).map { "<span class=\"math inline\">\\(x_{\($0)}\\)</span>" }.joined(separator: " ")
    #expect(body == "<p>\(expected)</p>\n")
    #expect(MarkdownRenderer.render(doc).hasSuffix(spans + "\n"))
}

@Test(arguments: [
    ("a $ b", "<p>a $ b</p>\n"),
    ("cost $5 and $ 6", "<p>cost $5 and $ 6</p>\n"),
    ("escaped \\$x_1$ stays", "<p>escaped $x_1$ stays</p>\n"),
    ("open {= never closed", "<p>open {= never closed</p>\n"),
    ("``a ` $x$ ``", "<p><code>a ` $x$ </code></p>\n"),
    ("`unclosed $x_1$", "<p>`unclosed <span class=\"math inline\">\\(x_1\\)</span></p>\n"),
    ("$a<b & c>d$", "<p><span class=\"math inline\">\\(a&lt;b &amp; c&gt;d\\)</span></p>\n"),
])
func proseEdgeCases(prose: String, html: String) throws {
    #expect(HTMLRenderer.render(try runSample("---\ntitle: T\n---\n\n" + prose + "\n")).body == html)
}

@Test func degenerateFiguresDoNotCrash() {
    let empty = HeatmapOutput(title: "", rowLabels: [], columnLabels: [], values: [], precision: 2, name: "e")
    #expect(HeatmapRenderer.render(empty, id: "e").hasPrefix("<svg"))
    let odd = HeatmapOutput(title: "x", rowLabels: ["a"], columnLabels: [], values: [[.nan, .infinity, 3, 3]], precision: 2, name: "o")
    #expect(HeatmapRenderer.render(odd, id: "o").contains("NaN"))
    #expect(AttentionLinesRenderer.render(odd).hasPrefix("<svg"))
    #expect(BarsRenderer.render(BarsOutput(title: "b", labels: [], values: [-1, 2, .nan], precision: 1, name: "b")).contains("−1.0"))
}
