import LessonScript
import Testing
@testable import Notebook

// Figure file names are the notebook's choice, made from what the script says a figure shows (the
// expression as written): one slug, a kind suffix, a counter for repeats.

@Test func figureFilesAreNamedAfterTheExpressionAndNeverRepeat() {
    var names = FigureNames()
    func heatmap(_ expression: String) -> Output {
        .heatmap(HeatmapOutput(title: "", rowLabels: ["a"], columnLabels: ["b"], values: [[1]], precision: 4, name: expression))
    }
    func file(_ output: CellOutput) -> String? { if case .figure(let f) = output { return f.file } else { return nil } }
    #expect(file(names.output(for: heatmap("softmax([0, 0])"))) == "softmax-0-0.svg")
    #expect(file(names.output(for: heatmap("dec.alignment"))) == "dec-alignment.svg")
    #expect(file(names.output(for: heatmap("dec.alignment"))) == "dec-alignment-2.svg")
    #expect(file(names.output(for: .attentionLines(HeatmapOutput(title: "", rowLabels: ["a"], columnLabels: ["b"], values: [[1]],
                                                                 precision: 4, name: "dec.alignment")))) == "dec-alignment-lines.svg")
    #expect(file(names.output(for: heatmap("“”"))) == "figure.svg")   // nothing to name it after
    #expect(FigureNames.stem(String(repeating: "a", count: 50)).count == 40)
}
