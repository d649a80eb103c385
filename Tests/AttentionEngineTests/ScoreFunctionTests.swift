import Foundation
import Testing
@testable import AttentionEngine

// s = [0.5, −0.1, 0.3]; h₀ = [0.2, −0.4, 0.1], h₁ = [0.9, 0, −0.3], h₂ = [0.1, 0.8, 0.5].

@Test func dotScoresByHand() throws {
    let e = try ScoreFunction.dot.scores(query: s0, keys: h3)
    // e₀ = 0.1 + 0.04 + 0.03; e₁ = 0.45 + 0 − 0.09; e₂ = 0.05 − 0.08 + 0.15
    #expect(close(e.values, [0.17, 0.36, 0.12]))
    #expect(e.labels == ["我", "爱", "你"])
}

@Test func scaledDotDividesBySqrtOfKeySize() throws {
    let e = try ScoreFunction.scaledDot.scores(query: s0, keys: h3)
    #expect(close(e.values, [0.17, 0.36, 0.12].map { $0 / 3.0.squareRoot() }))
}

@Test func generalByHandAndAsLoops() throws {
    let W = try Matrix([[1, 0, 0], [0, 2, 0], [0, 0, -1]])
    // sᵀW = [0.5, −0.2, −0.3]; · h₀ = 0.1 + 0.08 − 0.03; · h₁ = 0.45 + 0 + 0.09; · h₂ = 0.05 − 0.16 − 0.15
    #expect(close(try ScoreFunction.general(W: W).scores(query: s0, keys: h3).values, [0.15, 0.54, -0.26]))
    // A rectangular W (d_s = 2, d_h = 3): e_i = Σ_a Σ_b s_a W_ab h_ib.
    let Wr = Matrix.random(rows: 2, cols: 3, seed: 11), q = Vector([0.7, -1.1])
    let e = try ScoreFunction.general(W: Wr).scores(query: q, keys: h3)
    let expected = nested(h3).map { h in dotLoop(q.values, matvec(nested(Wr), h)) }
    #expect(close(e.values, expected))
    // W = I gives the dot score.
    let I = try Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    #expect(close(try ScoreFunction.general(W: I).scores(query: s0, keys: h3).values, [0.17, 0.36, 0.12]))
}

@Test func additiveEqualsAnExplicitMLP() throws {
    let W1 = Matrix.random(rows: 4, cols: 3, seed: 1), W2 = Matrix.random(rows: 4, cols: 3, seed: 2)
    let v = Vector.random(count: 4, seed: 3)
    func mlp(_ h: [Double], bias: [Double]) -> Double {
        var e = 0.0
        for a in 0..<4 {
            var z = bias[a]
            for k in 0..<3 { z += nested(W1)[a][k] * h[k] + nested(W2)[a][k] * s0.values[k] }
            e += v.values[a] * tanh(z)
        }
        return e
    }
    let plain = try ScoreFunction.additive(W1: W1, W2: W2, v: v).scores(query: s0, keys: h3)
    #expect(close(plain.values, nested(h3).map { mlp($0, bias: [0, 0, 0, 0]) }))
    let b1 = Vector([0.1, -0.2, 0.3, 0]), b2 = Vector([0.05, 0.05, -0.5, 1])
    let biased = try ScoreFunction.additive(W1: W1, W2: W2, v: v, b1: b1, b2: b2).scores(query: s0, keys: h3)
    #expect(close(biased.values, nested(h3).map { mlp($0, bias: addLoop(b1.values, b2.values)) }))
}

@Test func additiveByHandWithOneHiddenUnit() throws {
    // d_a = 1: W1 = [1 0 0], W2 = [0 0 1], v = [2]: e_i = 2·tanh(h_i[0] + s[2]) = 2·tanh(h_i[0] + 0.3)
    let score = ScoreFunction.additive(W1: try Matrix([[1, 0, 0]]), W2: try Matrix([[0, 0, 1]]), v: Vector([2]))
    #expect(close(try score.scores(query: s0, keys: h3).values, [2 * tanh(0.5), 2 * tanh(1.2), 2 * tanh(0.4)]))
}

@Test func additiveWithoutTanhIgnoresTheQuery() throws {
    let score = ScoreFunction.additiveNoTanh(W1: Matrix.random(rows: 4, cols: 3, seed: 5),
                                             W2: Matrix.random(rows: 4, cols: 3, seed: 6), v: Vector.random(count: 4, seed: 7))
    let one = try Attention.attend(query: s0, keys: h3, score: score)
    let other = try Attention.attend(query: Vector([-3, 2, 10]), keys: h3, score: score)
    #expect(!close(one.e.values, other.e.values), "the scores do change with the query…")
    #expect(close(one.alpha.values, other.alpha.values), "…but only by a constant, so the weights do not")
    // And the explanation says why.
    #expect(try one.explainScore(0).note?.skeleton.contains("cancels in softmax") == true)
}

@Test func mlpEqualsLoops() throws {
    let W = Matrix.random(rows: 5, cols: 2, seed: 21), U = Matrix.random(rows: 5, cols: 3, seed: 22)
    let v = Vector.random(count: 5, seed: 23), q = Vector([0.4, -0.9])
    let e = try ScoreFunction.mlp(W: W, U: U, v: v).scores(query: q, keys: h3)
    let expected = nested(h3).map { k in
        dotLoop(v.values, addLoop(matvec(nested(W), q.values), matvec(nested(U), k)).map { tanh($0) })
    }
    #expect(close(e.values, expected))
}

@Test func cosineIsTheDotOfNormalisedVectors() throws {
    func unit(_ x: [Double]) -> [Double] { let n = dotLoop(x, x).squareRoot(); return x.map { $0 / n } }
    let e = try ScoreFunction.cosine().scores(query: s0, keys: h3)
    #expect(close(e.values, nested(h3).map { dotLoop(unit(s0.values), unit($0)) }))
    let sharp = try ScoreFunction.cosine(beta: 5).scores(query: s0, keys: h3)
    #expect(close(sharp.values, e.values.map { 5 * $0 }))
    // A zero key scores 0 rather than dividing by zero (torch clamps the norm product at 1e−8).
    let withZero = try Matrix([[0, 0, 0], [1, 1, 1]])
    #expect(try ScoreFunction.cosine().scores(query: s0, keys: withZero).values[0] == 0)
}

@Test func concatByHand() throws {
    // w = [1 0 0 | 0 1 0]: e_i = s[0] + h_i[1] = 0.5 + [−0.4, 0, 0.8]
    let e = try ScoreFunction.concat(w: Vector([1, 0, 0, 0, 1, 0])).scores(query: s0, keys: h3)
    #expect(close(e.values, [0.1, 0.5, 1.3]))
}

@Test func locationLooksOnlyAtTheDecoderState() throws {
    let W = try Matrix([[1, 0, 0], [0, 1, 0], [1, 1, 1]])   // S = 3 rows, d_s = 3
    // W s = [0.5, −0.1, 0.7]
    #expect(close(try ScoreFunction.location(W: W).scores(query: s0, keys: h3).values, [0.5, -0.1, 0.7]))
    let otherKeys = Matrix.random(rows: 3, cols: 3, seed: 9)
    #expect(close(try ScoreFunction.location(W: W).scores(query: s0, keys: otherKeys).values, [0.5, -0.1, 0.7]))
}

@Test func namesAndFormulas() {
    #expect(ScoreFunction.dot.name == "dot" && ScoreFunction.scaledDot.formula == "sᵀhᵢ/√d")
    let add = ScoreFunction.additive(W1: Matrix(rows: 1, cols: 1), W2: Matrix(rows: 1, cols: 1), v: Vector([1]))
    #expect(add.name == "additive" && add.formula == "vᵀ tanh(W₁hᵢ + W₂s)")
    #expect(ScoreFunction.location(W: Matrix(rows: 1, cols: 1)).name == "location")
}

@Test func formulasNameTheKeysTheyScore() {
    // Lesson 6 scores s against K, not h: its caption must read sᵀkᵢ.
    #expect(ScoreFunction.dot.formula(key: "k") == "sᵀkᵢ")
    #expect(ScoreFunction.scaledDot.formula(key: "k") == "sᵀkᵢ/√d")
    #expect(ScoreFunction.general(W: Matrix(rows: 1, cols: 1)).formula(key: "k") == "sᵀ W kᵢ")
    let add = ScoreFunction.additive(W1: Matrix(rows: 1, cols: 1), W2: Matrix(rows: 1, cols: 1), v: Vector([1]))
    #expect(add.formula(key: "k") == "vᵀ tanh(W₁kᵢ + W₂s)")
    #expect(ScoreFunction.dot.formula == ScoreFunction.dot.formula(key: "h"))
    #expect(ScoreFunction.cosine(beta: 1).formula(key: "k") == "cos(q, kᵢ)")
}

@Test func dotExplanationSubstitutesTheNumbers() throws {
    let lines = try ScoreFunction.dot.explain(query: s0, keys: h3, position: 1).lines
    // s = [0.5, −0.1, 0.3], h₁ = [0.9, 0, −0.3]: every product's factors, then the sum by hand.
    #expect(lines.count == 1 && lines[0].lhs == "e₁" && lines[0].symbolic == "s·h₁")
    #expect(lines[0].substituted == "\(factor: 0.5)×\(factor: 0.9) + \(factor: -0.1)×\(factor: 0) + \(factor: 0.3)×\(factor: -0.3)")
    #expect(close(lines[0].result.numbers, [0.5 * 0.9 + 0.3 * -0.3]))
    let title = try ScoreFunction.dot.explain(query: s0, keys: h3, position: 1).title
    #expect(title.skeleton.contains("“爱”"))
}

@Test func additiveExplanationEndsWithTheScore() throws {
    let score = ScoreFunction.additive(W1: try Matrix([[1, 0, 0]]), W2: try Matrix([[0, 0, 1]]), v: Vector([2]))
    let worked = try score.explain(query: s0, keys: h3, position: 0)
    // z = h₀[0] + s[2] = 0.2 + 0.3 = 0.5; tanh(0.5) = 0.4621; e₀ = 2×0.4621 = 0.9242
    #expect(worked.lines.map(\.lhs.skeleton) == ["W₁h₀", "W₂s", "z", "tanh(z)", "e₀"])
    #expect(worked.lines[2].result.skeleton == "[#]" && close(worked.lines[2].result.numbers, [0.5]))
    #expect(worked.lines[4].substituted.skeleton == "#×#" && close(worked.lines[4].substituted.numbers, [2, tanh(0.5)]))
    #expect(close(worked.lines[4].result.numbers, [2 * tanh(0.5)]))
    #expect(worked.lines[2].symbolic == "W₁h₀ + W₂s")
}

@Test func additiveExplanationNamesTheBiasesItAdded() throws {
    let score = ScoreFunction.additive(W1: try Matrix([[1, 0, 0]]), W2: try Matrix([[0, 0, 1]]), v: Vector([2]),
                                       b1: Vector([0.1]), b2: Vector([-0.6]))
    let worked = try score.explain(query: s0, keys: h3, position: 0)
    // z = (h₀[0] + 0.1) + (s[2] − 0.6) = 0.3 + (−0.3) = 0: the biases are in the numbers, so in the formula too.
    let z = try #require(worked.lines.first { $0.lhs == "z" })
    #expect(z.symbolic == "W₁h₀ + b₁ + W₂s + b₂")
    #expect(z.result.skeleton == "[#]" && close(z.result.numbers, [0], 1e-12))
}

@Test(arguments: [
    (ScoreFunction.additive(W1: Matrix(rows: 4, cols: 5), W2: Matrix(rows: 4, cols: 3), v: Vector(repeating: 0, count: 4)),
     "`W1` must be d_a×d_h to multiply hᵢ: W1 is 4×5, hᵢ has 3 entries"),
    (ScoreFunction.additive(W1: Matrix(rows: 4, cols: 3), W2: Matrix(rows: 4, cols: 2), v: Vector(repeating: 0, count: 4)),
     "`W2` must be d_a×d_s to multiply s: W2 is 4×2, s has 3 entries"),
    (ScoreFunction.additive(W1: Matrix(rows: 4, cols: 3), W2: Matrix(rows: 4, cols: 3), v: Vector(repeating: 0, count: 2)),
     "`v` must have d_a entries to score tanh(…): v has 2, W1 is 4×3"),
    (ScoreFunction.general(W: Matrix(rows: 2, cols: 3)),
     "`W` must be d_s×d_h for sᵀ W hᵢ: W is 2×3, s has 3 entries, hᵢ has 3"),
    (ScoreFunction.location(W: Matrix(rows: 5, cols: 3)),
     "`W` must be S×d_s for the location score W s: W is 5×3, s has 3 entries, keys are 3×3 (S = 3)"),
    (ScoreFunction.concat(w: Vector(repeating: 1, count: 5)),
     "`w` must have d_s + d_h entries for wᵀ[q; kᵢ]: w has 5, q has 3, kᵢ has 3"),
])
func shapeErrorsNameBothShapes(score: ScoreFunction, message: String) {
    #expect(engineError { _ = try score.scores(query: s0, keys: h3) }?.message == message)
}

@Test func dotNeedsEqualSizes() {
    let error = engineError { _ = try ScoreFunction.dot.scores(query: Vector([1, 2]), keys: h3) }
    #expect(error?.message == "the dot score needs the query and each key to have the same size: s has 2 entries, keys are 3×3 (hᵢ has 3)")
    #expect(engineError { _ = try ScoreFunction.dot.explain(query: s0, keys: h3, position: 3) }?.parameter == "position")
}
