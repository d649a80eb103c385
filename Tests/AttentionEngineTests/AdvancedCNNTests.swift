import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedCNNTests {
    @Test func abcnnEntryByHand() throws {
        // ‖(1, 2) − (4, 6)‖ = √(9 + 16) = 5, so A = 1/(1 + 5) = 1/6.
        let t = try ABCNN.matchMatrix(try Matrix([[1, 2], [0, 0]]), try Matrix([[4, 6], [1, 2]]))
        #expect(abs(t.A[0, 0] - 1.0 / 6) < 1e-15)
        #expect(t.A[0, 1] == 1)                     // identical units
        #expect(abs(t.A[1, 1] - 1 / (1 + sqrt(5))) < 1e-15)
        let worked = t.explain(0, 0)
        #expect(worked.lines[0].substituted == "√((\(factor: 1) − \(factor: 4))² + (\(factor: 2) − \(factor: 6))²)")
        #expect(close(worked.lines[0].result.numbers, [5]) && close(worked.lines[1].result.numbers, [1.0 / 6]))
    }

    @Test func abcnn1FeatureMaps() throws {
        let X0 = try Matrix([[1, 2], [0, 0], [1, 1]]), X1 = try Matrix([[4, 6], [1, 2]])
        let W0 = try Matrix([[1, 0], [0, 1]]), W1 = try Matrix([[1, 1, 1], [1, 0, 0]])   // W0: d × s1, W1: d × s0
        let t = try ABCNN.abcnn1(X0, X1, W0: W0, W1: W1)
        let A = Ref.nested(t.match.A)
        // F0 = W0 Aᵀ: with W0 = I, F0 = Aᵀ (d × s0).
        #expect(Ref.close(t.featureMap0, (0..<2).map { j in (0..<3).map { i in A[i][j] } }))
        // F1 = W1 A: row 0 sums A's columns, row 1 is A's row 0.
        #expect(Ref.close(t.featureMap1, [[A[0][0] + A[1][0] + A[2][0], A[0][1] + A[1][1] + A[2][1]], A[0]]))
        #expect(throws: EngineError.self) { try ABCNN.abcnn1(X0, X1, W0: W1, W1: W0) }
    }

    @Test func wideConvolutionByHand() throws {
        // w = 2, d0 = 1, d1 = 1, W = [1, 2], b = 0: windows over [0, 1, 2, 0] → tanh(2), tanh(1 + 4), tanh(2).
        let conv = try WideConvolution(width: 2, W: try Matrix([[1, 2]]))
        let t = try conv.apply(try Matrix([[1], [2]]))
        #expect(t.windows.rows == 3)
        #expect(Ref.close(t.preActivation.column(0).values, [2, 5, 2]))
        #expect(Ref.close(t.output.column(0).values, [tanh(2), tanh(5), tanh(2)]))
        #expect(throws: EngineError.self) { try WideConvolution(width: 0, W: try Matrix([[1]])) }
    }

    @Test func abcnn2PoolsWithRowAndColumnSums() throws {
        let C0 = try Matrix([[1, 0], [0, 1], [1, 1]]), C1 = try Matrix([[1, 0], [2, 2], [0, 0]])   // s + w − 1 = 3, w = 2
        let t = try ABCNN.abcnn2(C0, C1, width: 2)
        func a(_ x: [Double], _ y: [Double]) -> Double {
            var s = 0.0
            for k in 0..<x.count { s += (x[k] - y[k]) * (x[k] - y[k]) }
            return 1 / (1 + s.squareRoot())
        }
        let rows0 = Ref.nested(C0), rows1 = Ref.nested(C1)
        let a0 = rows0.map { x in rows1.reduce(0) { $0 + a(x, $1) } }
        let a1 = rows1.map { y in rows0.reduce(0) { $0 + a($1, y) } }
        #expect(Ref.close(t.weights0.values, a0, 1e-12) && Ref.close(t.weights1.values, a1, 1e-12))
        var pooled0: [[Double]] = [[0, 0], [0, 0]]
        for j in 0..<2 { for c in 0..<2 { pooled0[j][c] = a0[j] * rows0[j][c] + a0[j + 1] * rows0[j + 1][c] } }
        #expect(Ref.close(t.pooled0, pooled0, 1e-12))
        #expect(t.pooled1.rows == 2)
    }

    @Test func attentivePoolingBesideMaxPooling() throws {
        let Q = try Matrix([[1, 0], [0, 1]]), A = try Matrix([[1, 1], [-1, 0], [0, 2]])
        let U = Ref.identity(2)
        let t = try AttentivePooling.pool(question: Q, answer: A, U: U)
        // G = tanh(Q Aᵀ) = tanh([[1, −1, 0], [1, 0, 2]]).
        let G = [[1.0, -1, 0], [1, 0, 2]].map { $0.map { tanh($0) } }
        #expect(Ref.close(t.G, G, 1e-12))
        #expect(Ref.close(t.rowMax.values, [tanh(1), tanh(2)], 1e-12))
        #expect(Ref.close(t.columnMax.values, [tanh(1), 0, tanh(2)], 1e-12))
        let sq = Ref.softmax([tanh(1), tanh(2)])
        #expect(Ref.close(t.questionVector.values, [sq[0], sq[1]], 1e-12))
        #expect(t.answerMaxPool.values == [1, 2])
        #expect(throws: EngineError.self) { try AttentivePooling.pool(question: Q, answer: A, U: Ref.identity(3)) }
    }
}

@Suite struct AdvancedABCNN1PipelineTests {
    @Test func attentionFeatureMapIsASecondChannel() throws {
        // x (2 × 1) and F (2 × 1), w = 2: windows [x_{i−1}, x_i, F_{i−1}, F_i] over zero padding.
        let x = try Matrix([[1], [2]]), F = try Matrix([[10], [20]])
        let conv = try WideConvolution(width: 2, W: try Matrix([[1, 1, 0.5, 0.25]]))
        let t = try conv.apply(channels: [x, F])
        #expect(Ref.close(t.windows, [[0, 1, 0, 10], [1, 2, 10, 20], [2, 0, 20, 0]]))
        let expected: [Double] = [3.5, 13, 12]   // 0+1+0+2.5, 1+2+5+5, 2+0+10+0
        #expect(Ref.close(t.preActivation.column(0).values, expected))
        #expect(throws: EngineError.self) { try conv.apply(channels: [x, try Matrix([[1]])]) }
        #expect(throws: EngineError.self) { try conv.apply(x) }
    }
}
