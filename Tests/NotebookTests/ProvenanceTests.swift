import Foundation
import LessonScript
import Testing
@testable import Notebook

/// Every table and figure records where it came from (DESIGN §8): lesson, cell, line, the
/// expression, the binding and the field — and the HTML page carries it for linking.
@Suite struct ProvenanceTests {
    static let lesson = """
        ---
        title: T
        ---

        Text.

        ```attn
        let h = [[1, 0], [0, 1]] rows: tokens("我 爱")
        let step = attend(query: [1, 0], keys: h, score: .dot)
        ```

        More text.

        ```attn
        show step.alpha
        show step
        heatmap step.alpha
        bars step.alpha
        ```
        """

    @Test func outputsKnowTheirLessonCellLineExpressionBindingAndField() throws {
        let parsed = try LessonParser.parse(Self.lesson, path: "lessons/03-t.md")
        let document = try NotebookRunner.run(parsed, kernel: Session(file: parsed.path))
        guard case .cell(let cell) = document.blocks.last else { Issue.record("no cell"); return }
        var origins: [Provenance] = []
        for output in cell.outputs {
            switch output {
            case .table(let t): origins.append(try #require(t.provenance))
            case .figure(let f): origins.append(try #require(f.heatmap?.provenance ?? f.bars?.provenance))
            default: break
            }
        }
        // show step.alpha; show step (e, alpha, a); heatmap; bars.
        #expect(origins.map(\.expression) == ["step.alpha", "step", "step", "step", "step.alpha", "step.alpha"])
        #expect(origins.map(\.field) == ["alpha", "e", "alpha", "a", "alpha", "alpha"])
        #expect(origins.allSatisfy { $0.binding == "step" && $0.lesson == "03-t" && $0.cell == 2 })
        #expect(origins.map(\.location.line) == [15, 16, 16, 16, 17, 18])
        let html = HTMLRenderer.render(document).body
        #expect(html.contains(#"<table class="numbers" data-expression="step.alpha" data-binding="step" data-field="alpha" data-line="15">"#))
        #expect(html.contains(#"<figure class="output figure heatmap" data-expression="step.alpha" data-binding="step" data-field="alpha" data-line="17">"#))
    }
}
