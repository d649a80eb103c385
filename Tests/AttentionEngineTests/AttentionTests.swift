import Foundation
import Testing
@testable import AttentionEngine

@Test func attendWithDotByHand() throws {
    let step = try Attention.attend(query: s0, keys: h3, score: .dot)
    let alpha = naiveSoftmax([0.17, 0.36, 0.12])
    #expect(close(step.alpha.values, alpha))
    #expect(close(step.a.values, weightedSum(alpha, nested(h3))), "values default to keys")
    #expect(step.alpha.labels == ["我", "爱", "你"])
    #expect(close(step.alpha.values.reduce(0, +), 1))
}

@Test func valuesDifferentFromKeys() throws {
    // Scores from h, mixture of V: with e = [0, ln 2, ln 3] weights are 1/6, 2/6, 3/6.
    let keys = try Matrix([[0, 0], [log(2), 0], [log(3), 0]])
    let values = try Matrix([[6, 0, 1], [0, 6, 1], [0, 0, 1]], colLabels: ["x", "y", "one"])
    let step = try Attention.attend(query: Vector([1, 0]), keys: keys, values: values, score: .dot)
    // a = 1/6·[6,0,1] + 2/6·[0,6,1] + 3/6·[0,0,1] = [1, 2, 1]
    #expect(close(step.a.values, [1, 2, 1]))
    #expect(step.a.labels == ["x", "y", "one"])
    let bad = engineError { _ = try Attention.attend(query: Vector([1, 0]), keys: keys, values: Matrix(rows: 2, cols: 3), score: .dot) }
    #expect(bad?.message == "`values` must have one row per key: values are 2×3, keys are 3×2")
}

@Test func attendWithMaskAndTemperature() throws {
    let step = try Attention.attend(query: s0, keys: h3, score: .dot, mask: [true, false, true], temperature: 0.5)
    let w = naiveSoftmax([0.17 / 0.5, 0.12 / 0.5])
    #expect(close(step.alpha.values, [w[0], 0, w[1]]))
    #expect(step.alpha.values[1] == 0)
}

@Test func contextExplanationIsComponentByComponent() throws {
    let keys = try Matrix([[0, 0], [log(3), 0]])
    let step = try Attention.attend(query: Vector([1, 0]), keys: keys, values: try Matrix([[4, 0], [0, 8]]), score: .dot)
    // α = [0.25, 0.75]; a[0] = 0.25×4 + 0.75×0 = 1; a[1] = 0.25×0 + 0.75×8 = 6
    let lines = step.explainContext().lines
    #expect(lines[1].lhs == "a[0]" && lines[1].substituted.skeleton == "#×# + #×#" && lines[1].symbolic.isEmpty)
    #expect(close(lines[1].substituted.numbers, [0.25, 4, 0.75, 0]) && close(lines[1].result.numbers, [1]))
    #expect(lines[2].lhs == "a[1]" && close(lines[2].substituted.numbers, [0.25, 0, 0.75, 8]) && close(lines[2].result.numbers, [6]))
    // The terms are factors: a negative weight or value would be parenthesised by the renderer.
    #expect(lines[1].substituted.pieces.first == .number(step.alpha[0], .factor))
    #expect(close(step.explainWeights().lines.last?.result.numbers ?? [], [0.75]))
    #expect(lines[0].symbolic == "α₀v₀ + α₁v₁", "values differ from keys")
    let seq2seq = try Attention.attend(query: Vector([1, 0]), keys: keys, score: .dot)
    #expect(seq2seq.explainContext().lines[0].symbolic == "α₀h₀ + α₁h₁", "K = V = h")
}

/// Every score function, with weights sized for queries of 4 and keys of 3.
func allScores() -> [ScoreFunction] {
    let W1 = Matrix.random(rows: 5, cols: 3, seed: 31), W2 = Matrix.random(rows: 5, cols: 4, seed: 32)
    let v = Vector.random(count: 5, seed: 33)
    return [
        .general(W: Matrix.random(rows: 4, cols: 3, seed: 30)),
        .additive(W1: W1, W2: W2, v: v),
        .additive(W1: W1, W2: W2, v: v, b1: Vector.random(count: 5, seed: 34), b2: Vector.random(count: 5, seed: 35)),
        .additiveNoTanh(W1: W1, W2: W2, v: v),
        .mlp(W: W2, U: W1, v: v),
        .concat(w: Vector.random(count: 7, seed: 36)),
        .location(W: Matrix.random(rows: 6, cols: 4, seed: 37)),
    ]
}

@Test func attendAllEqualsAttendRowByRow() throws {
    let keys = try Matrix(nested(Matrix.random(rows: 6, cols: 3, seed: 40)), rowLabels: ["a", "b", "c", "d", "e", "f"])
    let values = Matrix.random(rows: 6, cols: 2, seed: 41)
    let queries = try Matrix(nested(Matrix.random(rows: 5, cols: 4, seed: 42)), rowLabels: ["p", "q", "r", "s", "t"])
    let mask = (0..<5).map { t in (0..<6).map { i in (t + i) % 3 != 0 } }
    var cases: [(ScoreFunction, Matrix)] = allScores().map { ($0, queries) }
    let square = Matrix.random(rows: 5, cols: 3, seed: 43)
    cases += [(.dot, square), (.scaledDot, square), (.cosine(beta: 2), square)]
    for (score, q) in cases {
        let all = try Attention.attendAll(queries: q, keys: keys, values: values, score: score, mask: mask)
        #expect(all.alpha.colLabels == keys.rowLabels)
        for t in 0..<q.rows {
            let one = try Attention.attend(query: q.row(t), keys: keys, values: values, score: score, mask: mask[t])
            #expect(close(all.e.row(t).values, one.e.values), "e, \(score.name), row \(t)")
            #expect(close(all.alpha.row(t).values, one.alpha.values), "α, \(score.name), row \(t)")
            #expect(close(all.a.row(t).values, one.a.values), "a, \(score.name), row \(t)")
        }
    }
}

@Test func attendAllLabelsAndShapeErrors() throws {
    let q = try Matrix([[0.5, -0.1, 0.3], [1, 1, 1]], rowLabels: ["I", "love"])
    let all = try Attention.attendAll(queries: q, keys: h3, score: .scaledDot)
    #expect(all.e.rowLabels == ["I", "love"] && all.e.colLabels == ["我", "爱", "你"])
    #expect(all.a.rows == 2 && all.a.cols == 3)
    #expect(close(all.e.row(0).values, [0.17, 0.36, 0.12].map { $0 / 3.0.squareRoot() }))
    let error = engineError { _ = try Attention.attendAll(queries: Matrix(rows: 2, cols: 4), keys: h3, score: .dot) }
    #expect(error?.message.contains("s has 4 entries, keys are 3×3") == true)
    let rowMask = engineError { _ = try Attention.attendAll(queries: q, keys: h3, score: .dot, mask: [[true, true, true]]) }
    #expect(rowMask?.message == "the mask must have one row per query: mask has 1 rows, scores have 2")
}

@Test func matmulAgainstLoops() throws {
    let a = Matrix.random(rows: 7, cols: 9, seed: 50), b = Matrix.random(rows: 9, cols: 5, seed: 51)
    let product = try a.matmul(b)
    for i in 0..<7 {
        for j in 0..<5 {
            var s = 0.0
            for k in 0..<9 { s += a[i, k] * b[k, j] }
            #expect(close(product[i, j], s))
        }
    }
    let abT = try a.matmulTransposed(b.transposed)
    #expect(close(abT.storage, product.storage))
    #expect(close(try a.matmul(b.column(0)).values, product.column(0).values))
    #expect(engineError { _ = try a.matmul(a) }?.message == "`@` needs inner dimensions to match: 7×9 @ 7×9 — 9 ≠ 7")
}

@Test func decoderInputLabelsItsBlocks() throws {
    let input = DecoderInput(y: Vector([0.1, 0.2]), a: Vector([0.3]), t: 2)
    #expect(input.vector.values == [0.1, 0.2, 0.3])
    #expect(input.vector.labels == ["y₂[0]", "y₂[1]", "a₂[0]"])
    let worked = input.explain(name: "y'₂")
    #expect(worked.lines[0].symbolic == "[y₂; a₂]" && worked.lines[0].substituted == "[\(num: 0.1), \(num: 0.2) | \(num: 0.3)]")
    #expect(worked.lines[0].result == "\(vector: [0.1, 0.2, 0.3])")
}

@Test func checkedMatrixInitThrowsInsteadOfTrapping() {
    #expect(engineError { _ = try Matrix(rows: 2, cols: 2, checking: [1, 2, 3]) }?.message == "a 2×2 matrix needs 4 entries, found 3")
    #expect(engineError { _ = try Matrix(rows: 1, cols: 2, checking: [1, 2], rowLabels: ["a", "b"]) }?.parameter == "rows")
    #expect((try? Matrix(rows: 1, cols: 2, checking: [1, 2]))?[0, 1] == 2)
}

@Test func emptyShapesThrowOrReturnEmptyInsteadOfTrapping() throws {
    let none = try Attention.attendAll(queries: Matrix(rows: 0, cols: 3), keys: h3, score: .dot)
    #expect(none.alpha.rows == 0 && none.a.rows == 0)
    let emptyKeys = engineError { _ = try Attention.attend(query: s0, keys: Matrix(rows: 0, cols: 3), score: .dot) }
    #expect(emptyKeys?.parameter == "keys")
    let noHidden = engineError {
        _ = try ScoreFunction.additive(W1: Matrix(rows: 0, cols: 3), W2: Matrix(rows: 0, cols: 3), v: Vector([])).scores(query: s0, keys: h3)
    }
    #expect(noHidden?.message == "`W1` needs at least one row (d_a ≥ 1): W1 is 0×3")
}
