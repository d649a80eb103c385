import Foundation
import LessonScript
import NotebookTestSupport
import Testing
@testable import Notebook

/// Lessons written as an attacker would: each must give a located error or a safe page, never a
/// crash, a blow-up or a forged page.
@Suite struct HostileInputTests {
    func diagnostics(_ source: String) -> [String] {
        do {
            _ = try LessonParser.parse(source, path: "lessons/x.md")
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        }
    }

    @Test func aYAMLAliasBombInTheFrontMatterIsNotExpanded() {
        // "Billion laughs": nine levels of nine aliases, 9⁹ strings if anything expanded it.
        var yaml = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for k in 1...9 {
            yaml += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        // As an unknown key: ignored, never walked.
        #expect(diagnostics("---\ntitle: T\n" + yaml + "---\n").isEmpty)
        // As a value the lesson reads: a located error, not a walk.
        #expect(diagnostics("---\n" + yaml + "title: *a9\n---\n")
                == ["12:1 `title` must be non-empty text, found a list or mapping"])
    }

    @Test func deeplyNestedYAMLIsAnErrorOrIgnoredNotAStackOverflow() {
        let deep = String(repeating: "[", count: 7_000) + String(repeating: "]", count: 7_000)
        #expect(diagnostics("---\ntitle: T\nx: \(deep)\n---\n").isEmpty)
        let tooBig = String(repeating: "[", count: 20_000)
        #expect(diagnostics("---\ntitle: T\nx: \(tooBig)\n---\n")
                == ["1:1 front matter is 20012 bytes; at most 16384 are read (it holds a title, a summary and a few numbers)"])
    }

    @Test(arguments: [
        ("---\ntitle: [a, b]\n---\n", "2:1 `title` must be non-empty text, found a list or mapping"),
        ("---\ntitle: T\norder: 1.5\n---\n", "3:8 `order` must be a whole number, found `1.5`"),
        ("---\ntitle: T\nbudget: 17\n---\n", "3:9 `budget` must be a whole number from 1 to 16, found `17`"),
        ("---\ntitle: T\n? [x]\n: y\n---\n", "3:3 front matter keys must be plain words like `title`"),
        ("---\ntitle: \"\"\n---\n", "2:8 `title` must be non-empty text"),
    ])
    func frontMatterValuesAreChecked(source: String, expected: String) {
        #expect(diagnostics(source) == [expected])
    }

    @Test func theBudgetKeyRaisesTheScriptBudget() throws {
        let lesson = try LessonParser.parse("---\ntitle: T\nbudget: 3\n---\n", path: "x.md")
        #expect(lesson.frontMatter.budget == 3)
        #expect(Budget.scaled(lesson.frontMatter.budget) == Budget(entries: 3 * Budget.standard.entries, work: 3 * Budget.standard.work))
    }

    @Test func proseCannotForgeAPlaceholder() throws {
        // The old placeholder text, in prose and in a script string, stays as written.
        let doc = try runSample("---\ntitle: T\n---\n\nMath $x_1$ then attnbookphm0z and attnbookphc0z.\n\n```attn\ntext attnbookphm0z\n```\n")
        let html = HTMLRenderer.render(doc).body
        #expect(html.contains("then attnbookphm0z and attnbookphc0z."))
        #expect(html.contains("<span class=\"math inline\">\\(x_1\\)</span>"))
        #expect(html.components(separatedBy: "x_1").count == 2)
        let md = MarkdownRenderer.render(doc)
        #expect(md.contains("Math $x_1$ then attnbookphm0z and attnbookphc0z."))
    }

    @Test func rawHTMLAndScriptLinksInProseAreInertInTheMarkdownPage() throws {
        let prose = """
            Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">.

            <div onclick="alert(3)">block</div>

            [click](javascript:alert(4)) and ![pic](JaVaScRiPt:alert(5)) and [ok](https://example.org) and $a<b$ and $x <script>$.
            """
        let doc = try runSample("---\ntitle: T\n---\n\n" + prose + "\n")
        let md = MarkdownRenderer.render(doc)
        // Parse the page as GitHub would: no raw HTML and no script link survive.
        let html = CommonMarkConverter.render(md).html
        for bad in ["<script", "<img src=x", "<div", "\" onerror", "\" onclick", "javascript:", "JaVaScRiPt:"] {
            #expect(!html.contains(bad), "\(bad) survived: \(md)")
        }
        #expect(md.contains("[ok](https://example.org)"))
        #expect(md.contains("[click]() and ![pic]()"))
        #expect(md.contains("$a\\lt b$") && md.contains("$x \\lt script>$"))
        // Prose without such markup comes back exactly as written.
        let plain = try runSample("---\ntitle: T\n---\n\nPlain *prose* with `code`, $a_{i}$ and a [link](https://x.org).\n")
        #expect(MarkdownRenderer.render(plain).contains("Plain *prose* with `code`, $a_{i}$ and a [link](https://x.org)."))
    }

    @Test func summariesAndTitlesCannotInjectMarkdown() throws {
        let doc = try runSample("---\ntitle: \"# Big <b>\"\nsummary: \"line one\\n# heading [x](javascript:y)\"\n---\n\nText.\n")
        let md = MarkdownRenderer.render(doc)
        #expect(md.hasPrefix("# \\# Big \\<b\\>\n\n*line one # heading \\[x\\](javascript:y)*\n"))
    }

    @Test func manyUnclosedDollarsAndBackticksScanInOnePass() throws {
        // The shapes that used to rescan the rest of the line from every opener; the result must
        // still follow the rules (only the last `$a$` pair closes).
        let prose = Prose(text: String(repeating: "$a ", count: 2000) + "$b$ " + String(repeating: "``x` ", count: 2000) + "{= x\n", firstLine: 5)
        let pieces = ProseScanner.scan(prose, file: "x.md")
        let math = pieces.compactMap { if case .math(let m, _) = $0 { m } else { nil } }
        #expect(math == ["a $b"] || math.count == 1)
        #expect(!pieces.contains { if case .value = $0 { true } else { false } })
    }
}
