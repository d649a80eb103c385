import Foundation
import Testing
@testable import AttentionEngine

/// Every mechanism refuses bad shapes with an `EngineError` that names the parameter and both shapes.
@Suite struct AdvancedErrorTests {
    let m34 = Matrix.random(rows: 3, cols: 4, seed: 1)
    let m25 = Matrix.random(rows: 2, cols: 5, seed: 2)

    func expectShapeError(_ parameter: String, _ shapes: [String], _ body: () throws -> Void,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("expected an EngineError about \(parameter)", sourceLocation: sourceLocation)
        } catch let error as EngineError {
            #expect(error.parameter == parameter, "\(error)", sourceLocation: sourceLocation)
            for s in shapes { #expect(error.message.contains(s), "\(error.message) should name \(s)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyMechanismNamesParameterAndShapes() throws {
        expectShapeError("Wk", ["3×4", "2×5"]) { _ = try QKVAttention(Wq: m34, Wk: m25, Wv: m34) }
        expectShapeError("value", ["3×4", "2×5"]) {
            _ = try MultiHeadAttention(heads: 1, Wq: .random(rows: 4, cols: 4, seed: 3), Wk: .random(rows: 4, cols: 4, seed: 4),
                                       Wv: .random(rows: 4, cols: 4, seed: 5), Wo: .random(rows: 4, cols: 4, seed: 6))
                .attend(query: m34, key: m34, value: m25)
        }
        expectShapeError("in_proj_weight", ["3×4", "12×4"]) {
            _ = try MultiHeadAttention(torchInProjWeight: m34, inProjBias: nil, outProjWeight: m34, outProjBias: nil, heads: 1)
        }
        expectShapeError("values", ["4", "2×5"]) { _ = try HardAttention.argmax(weights: Vector([0.25, 0.25, 0.25, 0.25]), values: m25) }
        expectShapeError("noise", ["2", "3"]) {
            _ = try HardAttention.gumbelSoftmax(probabilities: Vector([0.2, 0.3, 0.5]), temperature: 1, noise: .uniforms([0.5, 0.5]))
        }
        expectShapeError("vp", ["3", "2×4"]) {
            _ = try LocalAttention.attend(query: Vector([1, 2, 3, 4]), keys: m34, halfWidth: 1,
                                          position: .predictive(Wp: .random(rows: 2, cols: 4, seed: 7), vp: Vector([1, 2, 3])))
        }
        expectShapeError("scores", ["2", "3×4"]) {
            _ = try LocalAttention.attend(scores: Vector([1, 2]), values: m34, halfWidth: 1, position: .monotonic(t: 0))
        }
        expectShapeError("context", ["5", "3×4"]) { _ = try AttentionPooling(W: m34, context: Vector([1, 2, 3, 4, 5])) }
        expectShapeError("document", ["3×4", "2×5"]) {
            let layer = try AttentionPooling(W: m34, context: Vector([1, 2, 3]))
            _ = try HierarchicalAttention(word: layer, sentence: layer).encode([m34, m25])
        }
        expectShapeError("X1", ["3×4", "2×5"]) { _ = try ABCNN.matchMatrix(m34, m25) }
        expectShapeError("W0", ["2×5", "3×3"]) { _ = try ABCNN.abcnn1(m34, m34, W0: m25, W1: m34) }
        expectShapeError("W", ["3×4", "2×5"]) { _ = try WideConvolution(width: 1, W: m25).apply(m34) }
        expectShapeError("answer", ["3×4", "2×5"]) { _ = try AttentivePooling.pool(question: m34, answer: m25, U: m34) }
        expectShapeError("w", ["5", "3×4"]) { _ = try SentencePooling.pool(states: m34, w: Vector([1, 2, 3, 4, 5])) }
        expectShapeError("gamma", ["3×4", "5"]) { _ = try LayerNorm(size: 5).apply(m34) }
        expectShapeError("W2", ["3×4", "2×5"]) { _ = try FeedForward(W1: m34, W2: m25) }
    }

    @Test func badParametersNameTheParameter() {
        expectShapeError("temperature", ["−1"]) { _ = try HardAttention.gumbelSoftmax(probabilities: Vector([1]), temperature: -1, noise: .none) }
        expectShapeError("halfWidth", ["−2"]) { _ = try LocalAttention.attend(query: Vector([1, 2, 3, 4]), keys: m34, halfWidth: -2, position: .monotonic(t: 0)) }
        expectShapeError("heads", ["3×4"]) { _ = try MultiHeadAttention(heads: 2, Wq: m34, Wk: m34, Wv: m34, Wo: m34) }
        expectShapeError("width", ["0"]) { _ = try ABCNN.abcnn2(m34, m34, width: 0) }
        expectShapeError("epsilon", ["0"]) { _ = try LayerNorm(gamma: Vector([1]), beta: Vector([0]), epsilon: 0) }
    }

    @Test func convolutionAndAttentivePoolingExplainOneEntry() throws {
        let t = try WideConvolution(width: 2, W: try Matrix([[1, 2]]), b: Vector([0.5])).apply(try Matrix([[1], [2]]))
        // Window 1 holds rows 1 and 2 of the padded input [0; 1; 2; 0]: W·c + b = 1×1 + 2×2 + 0.5 = 5.5.
        let worked = t.explain(window: 1, feature: 0)
        #expect(worked.lines[0].substituted == "\(factor: 1)×\(factor: 1) + \(factor: 2)×\(factor: 2) + \(factor: 0.5)")
        #expect(worked.lines[0].result == "\(num: 5.5)" && worked.lines[1].symbolic == "tanh(\(num: 5.5))")
        #expect(Ref.close(worked.lines[1].result.numbers, [tanh(5.5)]))
        // G = tanh(Q U Aᵀ) = [tanh 1; tanh 1]: question word 0's row maximum is tanh 1 = 0.7616.
        let p = try AttentivePooling.pool(question: try Matrix([[1, 0], [0, 1]]), answer: try Matrix([[1, 1]]), U: Ref.identity(2))
        let max = p.explainQuestionWeight(0).lines[0]
        #expect(max.substituted.skeleton == "max(#)" && Ref.close(max.substituted.numbers, [tanh(1)]))
    }
}
