import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedTransformerTests {
    @Test func positionalEncodingByHand() throws {
        let pe = try PositionalEncoding.sinusoidal(positions: 3, dModel: 4)
        #expect(pe[0, 0] == 0 && pe[0, 1] == 1 && pe[0, 2] == 0 && pe[0, 3] == 1)   // sin 0, cos 0
        #expect(pe[1, 0] == sin(1.0) && pe[1, 1] == cos(1.0))                      // i = 0: pos / 10000⁰
        #expect(abs(pe[2, 2] - sin(2.0 / 100)) < 1e-15)                             // i = 1: 10000^(2/4) = 100
        #expect(abs(pe[2, 3] - cos(2.0 / 100)) < 1e-15)
        let pe10 = PositionalEncoding.explain(position: 1, column: 0, dModel: 4).lines[1]
        #expect(pe10.substituted == "sin(\(num: 1))" && pe10.result == "\(num: sin(1.0))")
        #expect(throws: EngineError.self) { try PositionalEncoding.sinusoidal(positions: 2, dModel: 0) }
    }

    @Test func layerNormRowsHaveMeanZeroAndVarianceOne() throws {
        let X = Matrix.random(rows: 3, cols: 5, scale: 4, seed: 71)
        let t = try LayerNorm(size: 5, epsilon: 1e-12).apply(X)
        for r in 0..<3 {
            let x = t.normalized.row(r).values
            let mean = x.reduce(0, +) / 5
            let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5
            #expect(abs(mean) < 1e-12 && abs(variance - 1) < 1e-9)
        }
        // γ, β applied after normalising; by hand for the row (1, 2, 3): μ = 2, σ² = 2/3.
        let ln = try LayerNorm(gamma: Vector([2, 1, 1]), beta: Vector([0.5, 0, 0]))
        let row = try ln.apply(try Matrix([[1, 2, 3]]))
        #expect(abs(row.output[0, 0] - (2 * (-1 / sqrt(2.0 / 3 + 1e-5)) + 0.5)) < 1e-12)
        let worked = row.explainRow(0, gamma: ln.gamma, beta: ln.beta)
        #expect(Ref.close(worked.lines[1].result.numbers, [2.0 / 3]))                   // σ²
        #expect(worked.lines[2].substituted.pieces.last == .text(")"))
        #expect(worked.lines[2].substituted.pieces.dropLast().last == .number(1e-5, .full))   // ε shown in full
        #expect(throws: EngineError.self) { try ln.apply(X) }
    }

    @Test func encoderLayerIsPostNormResidual() throws {
        let d = 4
        let X = try PositionalEncoding.sinusoidal(positions: 3, dModel: d).zip(Matrix.random(rows: 3, cols: d, seed: 72), "+", +)
        let mha = try MultiHeadAttention(heads: 2, Wq: .random(rows: d, cols: d, seed: 73), Wk: .random(rows: d, cols: d, seed: 74),
                                         Wv: .random(rows: d, cols: d, seed: 75), Wo: .random(rows: d, cols: d, seed: 76))
        let ffn = try FeedForward(W1: .random(rows: 8, cols: d, seed: 77), b1: .random(count: 8, seed: 78),
                                  W2: .random(rows: d, cols: 8, seed: 79), b2: .random(count: d, seed: 80))
        let layer = TransformerEncoderLayer(attention: mha, norm1: LayerNorm(size: d), feedForward: ffn, norm2: LayerNorm(size: d))
        let t = try layer.apply(X)
        let attention = try mha.selfAttend(X).output
        #expect(Ref.close(t.residual1, try X.zip(attention, "+", +)))
        // FFN by hand: max(0, z W1ᵀ + b1) W2ᵀ + b2.
        let z = Ref.nested(t.norm1.output)
        let hidden = Ref.linear(z, Ref.nested(ffn.W1), ffn.b1!.values).map { $0.map { max(0, $0) } }
        let f = Ref.linear(hidden, Ref.nested(ffn.W2), ffn.b2!.values)
        #expect(Ref.close(t.feedForward.output, f, 1e-12))
        #expect(Ref.close(t.output, try LayerNorm(size: d).apply(try Matrix(zip(z, f).map { zip($0, $1).map(+) })).output, 1e-12))
    }

    @Test func decoderLayerMasksTheFutureAndAttendsToTheEncoder() throws {
        let d = 4
        func mha(_ s: UInt64) throws -> MultiHeadAttention {
            try MultiHeadAttention(heads: 2, Wq: .random(rows: d, cols: d, seed: s), Wk: .random(rows: d, cols: d, seed: s + 1),
                                   Wv: .random(rows: d, cols: d, seed: s + 2), Wo: .random(rows: d, cols: d, seed: s + 3))
        }
        let ffn = try FeedForward(W1: .random(rows: 6, cols: d, seed: 90), W2: .random(rows: d, cols: 6, seed: 91))
        let layer = TransformerDecoderLayer(selfAttention: try mha(80), norm1: LayerNorm(size: d), crossAttention: try mha(85),
                                            norm2: LayerNorm(size: d), feedForward: ffn, norm3: LayerNorm(size: d))
        let memory = Matrix.random(rows: 5, cols: d, seed: 92), Y = Matrix.random(rows: 3, cols: d, seed: 93)
        let t = try layer.apply(Y, memory: memory)
        for head in t.selfAttention.heads { #expect(head.weights[0, 1] == 0 && head.weights[0, 2] == 0 && head.weights[1, 2] == 0) }
        #expect(t.crossAttention.meanWeights.cols == 5)
        #expect(t.output.rows == 3 && t.output.cols == d)
        // Changing a later decoder input leaves earlier outputs unchanged (causality end to end).
        var Y2 = Y
        Y2[2, 0] += 1
        let t2 = try layer.apply(Y2, memory: memory)
        #expect(Ref.close(t2.output.row(0).values, t.output.row(0).values, 1e-12))
        #expect(!Ref.close(t2.output.row(2).values, t.output.row(2).values, 1e-12))
    }
}
