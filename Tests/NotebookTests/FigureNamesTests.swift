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

@Test func heatmapsOfWholeNumbersArePrintedWithoutDecimals() {
    var names = FigureNames()
    func digits(_ values: [[Double]]) -> Int? {
        let h = HeatmapOutput(title: "", rowLabels: ["a", "b"], columnLabels: ["x", "y"], values: values, precision: 4, name: "m")
        guard case .figure(let f) = names.output(for: .heatmap(h)) else { return nil }
        return f.heatmap?.precision
    }
    #expect(digits([[1, 0], [0, 1]]) == 0)        // a mask
    #expect(digits([[0.25, 0.75], [1, 0]]) == 4)  // weights keep the lesson's digits
}
