import Foundation
import LessonScript
import Testing
@testable import Notebook
import NotebookTestSupport

/// The golden files beside this test file.
private let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

/// A lesson using every feature, run with the fake kernel.
let sampleLesson = """
---
title: One step, every number
summary: Scores, weights & the context.
precision: 4
---

Prose with $a_{t,i}$ and $$\\sum_i \\alpha_{t,i} = 1$$ and a [link](https://example.org).

## Scores $e_{t,i}$

```attn
let x = 0.41234
table
explain
```

The value is {= x }, shown with four digits.

### Figures

```attn hide-code
heatmap 1 4
lines
bars
```

```attn expect-error
fail
```

```attn hide-output
text hidden
```

| plain | table |
| --- | --- |
| 1 | 2 |
"""

func runSample(_ source: String = sampleLesson, path: String = "lessons/02-one-step.md") throws -> NotebookDocument {
    let lesson = try LessonParser.parse(source, path: path)
    return try NotebookRunner.run(lesson, kernel: FakeKernel(file: path))
}

@Suite struct RendererGoldenTests {
    @Test func htmlBody() throws {
        let page = HTMLRenderer.render(try runSample())
        assertGolden(page.body, "one-step.body.html", in: goldens)
        #expect(page.contents.map(\.anchor) == ["scores-e-t-i", "figures"])
    }

    @Test func markdown() throws {
        assertGolden(MarkdownRenderer.render(try runSample()), "one-step.md", in: goldens)
    }

    @Test func json() throws {
        assertGolden(JSONRenderer.render(try runSample()), "one-step.json", in: goldens)
    }

    @Test(arguments: [(1, 4), (8, 8), (64, 64), (3, 12)])
    func heatmapSVG(rows: Int, cols: Int) {
        assertGolden(HeatmapRenderer.render(Samples.heatmap(rows: rows, cols: cols), id: "h"), "heatmap-\(rows)x\(cols).svg", in: goldens)
    }

    @Test func attentionLinesSVG() {
        assertGolden(AttentionLinesRenderer.render(Samples.heatmap(rows: 3, cols: 4)), "lines-3x4.svg", in: goldens)
    }

    @Test func attentionLinesDrawNoLineForAnExactZero() {
        // Lesson 14's tree: a word has weight exactly 0 for a sentence it is not in, so no edge;
        // a tiny weight is still an edge, drawn faint.
        let tree = HeatmapOutput(title: "tree", rowLabels: ["s0", "s1"], columnLabels: ["a", "b", "c"],
                                 values: [[0.6, 0.4, 0], [0, 0, 1e-6]], precision: 4, name: "tree")
        let svg = AttentionLinesRenderer.render(tree)
        #expect(svg.components(separatedBy: "<line data-i=").count - 1 == 3)
        // Each line names its source position, as the missing lines leave gaps: a, b for s0; c for s1.
        #expect(["0", "1", "2"].map { svg.components(separatedBy: "<line data-i=\"\($0)\"").count - 1 } == [1, 1, 1])
        #expect(svg.contains("tree[a → s0] = 0.6000") && svg.contains("tree[c → s1] = 0.0000"))
        #expect(!svg.contains("tree[c → s0]") && !svg.contains("tree[a → s1]"))
    }

    @Test func barsSVG() {
        assertGolden(BarsRenderer.render(Samples.bars), "bars-4.svg", in: goldens)
    }

    /// A loss curve: 6 epochs, labelled axes, a dot per epoch with its numbers, the `<desc>` listing them.
    @Test func lineChartSVG() {
        let chart = LineChartOutput(title: "Training loss per epoch", xLabel: "epoch", yLabel: "loss",
                                    x: [1, 2, 3, 4, 5, 6], seriesNames: [], values: [[2.87, 1.69, 0.87, 0.39, 0.12, 0.05]],
                                    precision: 4, name: "loss")
        let svg = LineChartRenderer.render(chart)
        assertGolden(svg, "line-chart-6.svg", in: goldens)
        #expect(svg.contains("role=\"img\"") && svg.contains("<title>Training loss per epoch</title>") && svg.contains("<desc>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 6)
        #expect(svg.contains("epoch 3: loss = 0.8700"))
    }

    /// Two series get a legend and two colours; ticks are round numbers (0, 2, 4… for 1–9).
    @Test func lineChartTwoSeriesAndTicks() {
        let chart = LineChartOutput(title: "t", xLabel: "x", yLabel: "y", x: [0, 1, 2], seriesNames: ["a", "b"],
                                    values: [[1, 2, 4], [1, 3, 9]], precision: 2, name: "t")
        let svg = LineChartRenderer.render(chart)
        #expect(svg.contains(">a</text>") && svg.contains(">b</text>"))
        #expect(LineChartRenderer.ticks(from: 0, to: 9).values == [0, 2, 4, 6, 8, 10])
        // 2.87 / 5 = 0.574: the next step of the form 1, 2 or 5 × 10ᵏ is 1.
        #expect(LineChartRenderer.ticks(from: 0, to: 2.87).values == [0, 1, 2, 3])
    }
}

@Test func exactZerosInAHeatmapPrintAsZero() {
    let h = HeatmapOutput(title: "band", rowLabels: ["a"], columnLabels: ["x", "y", "z"], values: [[0.6, 0.00001, 0]],
                          precision: 4, name: "band")
    let svg = HeatmapRenderer.render(h, id: "b")
    #expect(svg.contains(">0.6000<") && svg.contains(">0.0000<"))   // a small weight keeps its digits
    #expect(svg.contains(">0<"))                                     // an exact zero is just 0
}
