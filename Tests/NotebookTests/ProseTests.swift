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
        // Each carries what it shows, for the page script to link it: a plain name is its own path.
        #expect(out.contains("x is <span class=\"value\" data-expression=\"x\" data-line=\"11\">0.00</span> and y is <span class=\"value\" data-expression=\"y\" data-line=\"11\">3.14</span>."))
        #expect(MarkdownRenderer.render(doc).contains("x is 0.00 and y is 3.14."))
    }

    @Test func wholeNumbersInProseHaveNoDecimals() throws {
        let doc = try runSample("---\ntitle: T\n---\n\n```attn\nlet n = 2\nlet m = -3\nlet w = 0.5\n```\n\n{= n } words, {= m }, {= w }.\n")
        #expect(MarkdownRenderer.render(doc).contains("2 words, −3, 0.5000."))
    }

    @Test func boundsAfterWithinOrAtMostAreRoundedOutward() throws {
        // 0.000847 to 4 digits is 0.0008, which "within" would make false; 0.0009 is a true bound.
        let doc = try runSample("""
        ---
        title: T
        ---

        ```attn
        let x = 0.000847
        let y = 0.000741
        let z = 0.02
        ```

        plain {= x }, within {= x }, at most
        {= y }, at least {= x }, (less than {= y }), without {= x }, within {= z }.
        """)
        let md = MarkdownRenderer.render(doc)
        #expect(md.contains("plain 0.0008, within 0.0009, at most\n0.0008, at least 0.0008, (less than 0.0008), without 0.0008, within 0.0200."))
    }

    @Test func directedRoundingKeepsValuesAlreadyAtThePrecision() {
        // 0.07 × 100 is 7.000000000000001 in doubles: it must stay 0.07, not become 0.08.
        #expect(ValueFormatter.directed(0.07, precision: 2, bound: .upper) == 0.07)
        #expect(ValueFormatter.directed(0.0712, precision: 2, bound: .upper) == 0.08)
        #expect(ValueFormatter.directed(0.0788, precision: 2, bound: .lower) == 0.07)
        #expect(ValueFormatter.directed(-0.0712, precision: 2, bound: .upper) == -0.07)
        #expect(ValueFormatter.bound(after: "all within") == .upper)
        #expect(ValueFormatter.bound(after: "differs by at most ") == .upper)
        #expect(ValueFormatter.bound(after: "at least\n") == .lower)
        #expect(ValueFormatter.bound(after: "it sits without") == nil)
        #expect(ValueFormatter.bound(after: "the most") == nil)
    }

    /// `bound(after:)` reads only the tail of the text; the whole text, lower-cased and split,
    /// must give the same answer (long paragraphs, separators of every kind, capitals, non-ASCII).
    @Test func theBoundReadFromTheTailIsTheWholeTextsBound() {
        func whole(_ text: String) -> ValueFormatter.Bound? {
            let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == "*" || $0 == "_" })
            func endsWith(_ phrase: String) -> Bool {
                let p = phrase.split(separator: " ")
                return words.count >= p.count && Array(words.suffix(p.count)) == p
            }
            if ValueFormatter.upperPhrases.contains(where: endsWith) { return .upper }
            if ValueFormatter.lowerPhrases.contains(where: endsWith) { return .lower }
            return nil
        }
        let bits = ["at", "most", "least", "no", "more", "less", "than", "within", "Within", "AT", "MOST", "below", "Σ", "α",
                    " ", "  ", "\n", "\t", "(", "*", "_", "**", "\u{00A0}", "\u{3000}", "e\u{301}", " \u{301}", "x"]
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        var bounds = 0
        for _ in 0..<5000 {
            let text = (0..<next(14)).map { _ in bits[next(bits.count)] }.joined(separator: next(3) == 0 ? "" : " ")
            let expected = whole(text)
            if expected != nil { bounds += 1 }
            #expect(ValueFormatter.bound(after: text) == expected, "\(text.debugDescription)")
        }
        #expect(bounds > 100)  // (the cases hold phrases, not only noise)
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
