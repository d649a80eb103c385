import AttentionEngine
import LessonScript
import Notebook

/// A stand-in for the script `Session`, so notebook tests don't wait on the interpreter.
/// Each line of a cell is one command:
/// `let NAME = NUMBER`, `table`, `heatmap R C`, `lines`, `bars`, `explain`, `text WORDS`, `fail`.
public final class FakeKernel: CellKernel {
    public let file: String
    public var bindings: [(name: String, value: Value)] = []
    public var bindingGenerations: [Int] = []

    public init(file: String) { self.file = file }

    public func run(_ source: String, firstLine: Int) -> CellResult {
        var outputs: [Output] = []
        for (k, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(separator: " ").map(String.init)
            switch words.first {
            case "let" where words.count == 4:
                let value = Value.number(Double(words[3]) ?? 0)
                if let i = bindings.firstIndex(where: { $0.name == words[1] }) {
                    bindings[i].value = value
                    bindingGenerations[i] += 1
                } else {
                    bindings.append((words[1], value))
                    bindingGenerations.append(1)
                }
            case "table": outputs.append(.table(Samples.table))
            case "wide":
                outputs.append(.table(TableOutput(caption: "h, the encoder states (12 × 10)", columnLabels: nil, rowLabels: (0..<12).map { "h\($0)" },
                                                  values: (0..<12).map { i in (0..<10).map { j in sin(Double(i * 10 + j)) } }, precision: 4)))
            case "heatmap": outputs.append(.heatmap(Samples.heatmap(rows: Int(words[1]) ?? 1, cols: Int(words[2]) ?? 4)))
            case "lines": outputs.append(.attentionLines(Samples.heatmap(rows: 3, cols: 4)))
            case "bars": outputs.append(.bars(Samples.bars))
            case "explain": outputs.append(.explanation(Samples.worked, precision: 4))
            case "text": outputs.append(.text(words.dropFirst().joined(separator: " ")))
            case "fail":
                return CellResult(outputs: outputs, diagnostics: [
                    Diagnostic(at: SourceLocation(file: file, line: firstLine + k, column: 1), id: "boom", "cell failed on purpose")])
            default: break
            }
        }
        return CellResult(outputs: outputs, diagnostics: [])
    }

    public func evaluate(_ expression: String, at location: SourceLocation) -> Result<Value, Diagnostic> {
        if let value = bindings.first(where: { $0.name == expression })?.value { return .success(value) }
        return .failure(Diagnostic(at: location, id: "unknown-name", "unknown name `\(expression)`"))
    }
}

/// Hand-built outputs with fixed numbers: deterministic goldens.
public enum Samples {
    public static let source = ["我", "爱", "机器", "学习"]
    public static let target = ["I", "love", "machine", "learning", "<script>&\"", "ok", "now", "end"]

    public static var table: TableOutput {
        TableOutput(caption: "α₂ = softmax(e₂)", columnLabels: source, rowLabels: ["e", "α"],
                    values: [[0.36, -0.0000001, 1.25, -0.5], [0.2612, 0.1823, 0.4001, 0.1564]], precision: 4)
    }

    /// Rows are softmax-like weights made from a fixed formula.
    public static func heatmap(rows: Int, cols: Int) -> HeatmapOutput {
        var values: [[Double]] = []
        for i in 0..<rows {
            let raw = (0..<cols).map { j in exp(-Double((i * cols / max(rows, 1) - j) * (i * cols / max(rows, 1) - j)) / 3) + 0.05 }
            let sum = raw.reduce(0, +)
            values.append(raw.map { $0 / sum })
        }
        let columnLabels = (0..<cols).map { j in cols <= 4 ? source[j % 4] : (j < 8 ? ["我", "爱", "机器", "学习", "注意力", "机制", "很", "有用"][j] : "w\(j)") }
        let rowLabels = (0..<rows).map { i in i < target.count ? target[i] : "t\(i)" }
        return HeatmapOutput(title: "α", rowLabels: rowLabels, columnLabels: columnLabels, values: values, precision: 4, name: "step.alpha")
    }

    public static var bars: BarsOutput {
        BarsOutput(title: "α₂", labels: source, values: [0.2612, 0.1823, 0.4001, 0.1564], precision: 4, name: "alpha2")
    }

    public static var worked: WorkedArithmetic {
        WorkedArithmetic(title: "e₂, the dot score of h₂ against s₀",
                         lines: [.init(lhs: "e₂", symbolic: "s·h₂", substituted: "\(factor: 0.5)×\(factor: 0.9) + \(factor: -0.1)×\(factor: 0) + \(factor: 0.3)×\(factor: -0.3)",
                                       result: "\(num: 0.36)")],
                         note: "No scaling: this is the plain dot score.")
    }
}

import Foundation
