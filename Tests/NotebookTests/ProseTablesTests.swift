import Testing
@testable import Notebook

/// Prose tables labelled for a phone (`ProseTables`), on cmark-gfm's own output.
@Suite struct ProseTablesTests {
    @Test func aTableOfThreeColumnsIsStackedWithEachCellLabelled() {
        let html = CommonMarkConverter.render("""
            | step | *formula* | in words |
            |---:|---|---|
            | 1 | x | the first |
            | 2 | y | the second |

            After.
            """).html
        let out = ProseTables.label(html)
        #expect(out.contains("<table class=\"stacked\">"))
        // Every body cell starts with its column's heading, markup and alignment kept.
        #expect(out.contains("<td align=\"right\"><b class=\"label\">step</b>1</td>"))
        #expect(out.contains("<td><b class=\"label\"><em>formula</em></b>x</td>"))
        #expect(out.contains("<td><b class=\"label\">in words</b>the second</td>"))
        #expect(out.components(separatedBy: "<b class=\"label\">").count - 1 == 6)
        // The headings themselves and what follows the table are as they were.
        #expect(out.contains("<th align=\"right\">step</th>"))
        #expect(out.hasSuffix("<p>After.</p>\n"))
    }

    @Test func narrowTablesAndOtherHTMLAreLeftAlone() {
        let two = CommonMarkConverter.render("| a | b |\n|---|---|\n| 1 | 2 |\n").html
        #expect(ProseTables.label(two) == two)
        let plain = "<p>No table here: <code>&lt;table&gt;</code></p>\n"
        #expect(ProseTables.label(plain) == plain)
        // Two tables: the narrow one kept, the wide one after it stacked.
        let both = CommonMarkConverter.render("| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n").html
        let out = ProseTables.label(both)
        #expect(out.components(separatedBy: "<table>").count == 2 && out.contains("<table class=\"stacked\">"))
        #expect(out.contains("<td><b class=\"label\">c</b>3</td>"))
    }
}
