import AttentionEngine
import Foundation
import LessonScript
import Testing
@testable import Notebook
import NotebookTestSupport

/// Contrast of heatmap labels, whole numbers in tables, and the `.md` page's tables and fences.
@Suite struct ReaderFixesTests {
    /// WCAG contrast of two `#rrggbb` colours, computed here from the definition.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            var h = hex.dropFirst()
            if h.count == 3 { h = Substring(h.map { "\($0)\($0)" }.joined()) }
            let v = Int(h, radix: 16)!
            let channels = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map { c -> Double in
                let s = Double(c) / 255
                return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func everyHeatmapLabelMeetsAAContrast() throws {
        // 101 weights from 0 to 1 cover the whole scale, the mid-greens where white text failed.
        let values = (0..<11).map { i in (0..<10).map { j in min(1, Double(i * 10 + j) / 100) } }
        let h = HeatmapOutput(title: "α", rowLabels: (0..<11).map { "r\($0)" }, columnLabels: (0..<10).map { "c\($0)" },
                              values: values, precision: 2, name: "α")
        let svg = HeatmapRenderer.render(h, id: "c")
        let cell = try Regex(#"<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="(#[0-9a-f]{6})"[^>]*><title>[^<]*</title></rect>\n<text [^>]*fill="(#[0-9a-f]{3,6})"[^>]*>"#)
        let pairs = svg.matches(of: cell).map { (String($0.output[1].substring!), String($0.output[2].substring!)) }
        #expect(pairs.count == 110)
        let worst = pairs.map { Self.contrast($0.0, $0.1) }.min() ?? 0
        #expect(worst >= 4.5)
        // The old rule (white until luma 0.5) put white on #27ad81 at 2.88 : 1; now it is black.
        #expect(Self.contrast("#27ad81", "#fff") < 3)
        #expect(Viridis.textColor(5.0 / 8) == "#000")
    }

    @Test func wholeNumberColumnsHaveNoDecimals() {
        let t = TableOutput(caption: "ops", columnLabels: ["global", "ratio"], rowLabels: ["S=8", "S=16"],
                            values: [[154, 1.0519], [314, 0.5]], precision: 4)
        #expect(t.columnDigits == [0, 4])
        let html = HTMLRenderer.renderTable(t)
        #expect(html.contains("<td>154</td><td>1.0519</td>") && html.contains("<td>314</td><td>0.5000</td>"))
        #expect(MarkdownRenderer.renderTable(t).contains("| **S=8** | 154 | 1.0519 |"))
        #expect(ValueFormatter.inline(.vector(Vector([154, 119])), precision: 4) == "[154, 119]")
    }

    @Test func pipesInMathAreEscapedOnlyOnTableRows() {
        let pieces: [RenderedPiece] = [
            .markdown("Outside a table $"), .math("|x|", display: false), .markdown(" stays.\n\n| op | math |\n| --- | :-: |\n| abs | "),
            .math("|x|", display: false), .markdown(" |\n| norm | "), .math("\\|v\\|", display: false), .markdown(" |\n\nAfter: "),
            .math("|y|", display: false), .markdown(".\n"),
        ]
        #expect(MarkdownRenderer.mathOnTableRows(pieces) == [3, 5])
        #expect(MarkdownRenderer.isDelimiterRow("| --- | :-: |") && MarkdownRenderer.isDelimiterRow("---|---"))
        #expect(!MarkdownRenderer.isDelimiterRow("a | b") && !MarkdownRenderer.isDelimiterRow("---"))
    }

    /// The byte-level short cuts of `mathOnTableRows` and `markdownEscaped` against the
    /// character-by-character readings they stand for, on text built from the awkward pieces:
    /// a lone CR before a line feed, a `|` or `$` with a combining mark (another character).
    @Test func byteShortCutsAgreeWithTheCharacterReadings() {
        func rowsByCharacter(_ pieces: [RenderedPiece]) -> Set<Int> {
            var skeleton = "", line = 0
            var mathLines: [(Int, Int)] = []
            for (k, piece) in pieces.enumerated() {
                switch piece {
                case .markdown(let m): skeleton += m; line += m.filter { $0 == "\n" }.count
                case .math: skeleton += "M"; mathLines.append((k, line))
                case .value: skeleton += "V"
                }
            }
            let lines = skeleton.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var table: Set<Int> = []
            for i in lines.indices.dropFirst() where MarkdownRenderer.isDelimiterRow(lines[i]) && lines[i - 1].contains(Character("|")) {
                table.insert(i - 1)
                var j = i + 1
                while j < lines.count, !lines[j].trimmingWhitespace.isEmpty { table.insert(j); j += 1 }
            }
            return Set(mathLines.filter { table.contains($0.1) }.map(\.0))
        }
        func escapedByCharacter(_ text: String) -> String {
            text.map { "\\`*_[]<>|~$&".contains($0) ? "\\" + String($0) : String($0) }.joined()
        }
        let bits = ["a", " ", "|", "|\u{301}", "-", " --- ", ":-:", "\n", "\r", "\r\n", "$", "α", "机", "*", "\\", "\t"]
        var seed: UInt64 = 0x5eed
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<3000 {
            var pieces: [RenderedPiece] = []
            for _ in 0..<(1 + next(6)) {
                if next(3) == 0 { pieces.append(next(4) == 0 ? .value("v") : .math("x", display: false)) }
                else { pieces.append(.markdown((0..<(1 + next(12))).map { _ in bits[next(bits.count)] }.joined())) }
            }
            #expect(MarkdownRenderer.mathOnTableRows(pieces) == rowsByCharacter(pieces), "\(pieces)")
            let text = (0..<next(10)).map { _ in bits[next(bits.count)] }.joined()
            #expect(text.markdownEscaped == escapedByCharacter(text), "\(text.debugDescription)")
        }
    }

    @Test func markdownPageEscapesTableMathAndFencesCodeAsAttn() throws {
        let source = """
        ---
        title: Pipes
        ---

        | name | formula |
        | --- | --- |
        | abs | $|x|$ |

        Prose $|y|$.

        ```attn
        let x = 1
        ```
        """
        let lesson = try LessonParser.parse(source, path: "lessons/01-p.md")
        let md = MarkdownRenderer.render(try NotebookRunner.run(lesson, kernel: FakeKernel(file: lesson.path)))
        #expect(md.contains("| abs | $\\|x\\|$ |"))
        #expect(md.contains("Prose $|y|$."))
        #expect(md.contains("```attn\nlet x = 1\n```"))
        #expect(!md.contains("```swift"))
        // A GFM parser (cmark-gfm with its table extension, as GitHub uses) keeps the math in one cell.
        let html = CommonMarkConverter.render(md).html
        #expect(html.contains("<td>$|x|$</td>"))
        #expect(!html.contains("<td>$</td>"))
    }
}
