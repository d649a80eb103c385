import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedQKVTests {
    let X = Matrix.random(rows: 4, cols: 6, seed: 11)
    let Wq = Matrix.random(rows: 6, cols: 6, seed: 12)
    let Wk = Matrix.random(rows: 6, cols: 6, seed: 13)
    let Wv = Matrix.random(rows: 6, cols: 6, seed: 14)

    @Test func projectionIsXWTransposePlusBias() throws {
        let b = Vector([0.5, -1, 0, 2, 0.1, 0.2])
        let got = try Projection.apply(X, weight: Wq, bias: b)
        #expect(Ref.close(got, Ref.linear(Ref.nested(X), Ref.nested(Wq), b.values)))
    }

    @Test func selfAttentionMatchesEngineAttendAllOnProjections() throws {
        let att = try QKVAttention(Wq: Wq, Wk: Wk, Wv: Wv)
        let trace = try att.selfAttend(X)
        let Q = try Matrix(Ref.linear(Ref.nested(X), Ref.nested(Wq)))
        let K = try Matrix(Ref.linear(Ref.nested(X), Ref.nested(Wk)))
        let V = try Matrix(Ref.linear(Ref.nested(X), Ref.nested(Wv)))
        let reference = try Attention.attendAll(queries: Q, keys: K, values: V, score: .scaledDot)
        #expect(Ref.close(trace.weights, reference.alpha, 1e-12))
        #expect(Ref.close(trace.output, reference.a, 1e-12))
    }

    @Test func causalMaskRowZeroAttendsOnlyToItselfAndZerosBeyondTheDiagonal() throws {
        let att = try QKVAttention(Wq: Wq, Wk: Wk, Wv: Wv)
        let w = try att.selfAttend(X, mask: AttentionMask.causal(4)).weights
        #expect(w[0, 0] == 1)
        for i in 0..<4 {
            for j in (i + 1)..<4 where j < 4 { #expect(w[i, j] == 0) }
            #expect(abs(w.row(i).values.reduce(0, +) - 1) < 1e-12)
        }
        // Row 2 is the softmax of its first three scores only.
        let q = Ref.linear([X.row(2).values], Ref.nested(Wq))[0]
        let K = Ref.linear(Ref.nested(X), Ref.nested(Wk))
        let e = (0..<3).map { j in zip(q, K[j]).reduce(0) { $0 + $1.0 * $1.1 } / sqrt(6) }
        #expect(Ref.close(Array(w.row(2).values[0..<3]), Ref.softmax(e), 1e-12))
    }

    @Test func paddingMaskGivesExactZerosAndFullyMaskedRowIsAnError() throws {
        let mask = try AttentionMask.padding(queries: 4, keys: 4, validKeys: 2)
        let w = try ScaledDotProduct.attend(queries: X, keys: X, mask: mask).weights
        for i in 0..<4 { #expect(w[i, 2] == 0 && w[i, 3] == 0) }
        let none = Array(repeating: [false, false, false, false], count: 4)
        #expect(throws: EngineError.self) { try ScaledDotProduct.attend(queries: X, keys: X, mask: none) }
        #expect(throws: EngineError.self) { try AttentionMask.padding(queries: 2, keys: 4, validKeys: 0) }
    }

    @Test func shapeErrorsNameBothShapes() throws {
        let bad = Matrix.random(rows: 3, cols: 5, seed: 1)
        do {
            _ = try ScaledDotProduct.attend(queries: X, keys: bad)
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.message.contains("4×6") && error.message.contains("3×5"))
            #expect(error.parameter == "keys")
        }
        do {
            _ = try Projection.apply(X, weight: bad, parameter: "Wq")
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.message.contains("4×6") && error.message.contains("3×5") && error.parameter == "Wq")
        }
        do {
            _ = try ScaledDotProduct.attend(queries: X, keys: X, mask: AttentionMask.causal(3))
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.message.contains("3×3") && error.message.contains("4×4") && error.parameter == "mask")
        }
    }

    @Test func explainScoreShowsTheDivisionBySqrtDk() throws {
        let t = try ScaledDotProduct.attend(queries: try Matrix([[1, 2]]), keys: try Matrix([[3, 4], [0, 1]]))
        let lines = t.explainScore(query: 0, key: 0).lines
        #expect(lines[0].substituted == "\(factor: 1)×\(factor: 3) + \(factor: 2)×\(factor: 4)" && lines[0].result == "\(num: 11)")
        #expect(lines[1].substituted.skeleton == "# / #" && Ref.close(lines[1].substituted.numbers, [11, sqrt(2)]))
        #expect(Ref.close(lines[1].result.numbers, [11 / sqrt(2)]))
    }
}
