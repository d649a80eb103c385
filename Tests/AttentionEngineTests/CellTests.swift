import Foundation
import Testing
@testable import AttentionEngine

/// W x + U h + b with loops.
func affine(_ g: GateWeights, _ x: [Double], _ h: [Double]) -> [Double] {
    addLoop(addLoop(matvec(nested(g.W), x), matvec(nested(g.U), h)), g.b.values)
}

@Test func tanhRNNByHand() throws {
    // W = [[1, 0], [0, 1]], U = [[0.5]]… use 2 hidden units: s = tanh(W x + U s₋ + b)
    let cell = try TanhRNNCell(W: try Matrix([[1, 0], [0, 2]]), U: try Matrix([[0.5, 0], [0, 0]]), b: Vector([0, 0.1]))
    let step = try cell.step(input: Vector([0.2, 0.3]), state: CellState(h: Vector([0.4, 9])))
    // unit 0: 0.2 + 0.5×0.4 + 0 = 0.4; unit 1: 0.6 + 0 + 0.1 = 0.7
    #expect(close(step.state.h.values, [tanh(0.4), tanh(0.7)]))
    #expect(step.gates.map(\.name) == ["h"])
}

@Test func tanhRNNAgainstLoops() throws {
    let cell = TanhRNNCell.random(inputSize: 3, hiddenSize: 4, seed: 1)
    let x = [0.3, -0.7, 1.1], h = [0.1, 0.2, -0.3, 0.4]
    let step = try cell.step(input: Vector(x), state: CellState(h: Vector(h)))
    #expect(close(step.state.h.values, affine(cell.weights, x, h).map { tanh($0) }))
}

@Test func gruFollowsBahdanau() throws {
    let cell = GRUCell.random(inputSize: 3, hiddenSize: 4, seed: 2)
    let x = [0.3, -0.7, 1.1], hp = [0.1, 0.2, -0.3, 0.4]
    let step = try cell.step(input: Vector(x), state: CellState(h: Vector(hp)))
    let z = affine(cell.z, x, hp).map(sigmoidRef)
    let r = affine(cell.r, x, hp).map(sigmoidRef)
    var rh = [Double](); for k in 0..<4 { rh.append(r[k] * hp[k]) }     // reset before the matmul
    let n = affine(cell.n, x, rh).map { tanh($0) }
    var h = [Double](); for k in 0..<4 { h.append((1 - z[k]) * hp[k] + z[k] * n[k]) }
    #expect(step.gates.map(\.name) == ["z", "r", "n", "h"])
    #expect(close(step.gate("z")!.values, z) && close(step.gate("r")!.values, r) && close(step.gate("n")!.values, n))
    #expect(close(step.state.h.values, h))
    // torch's convention (r after the matmul, h = (1−z)⊙n + z⊙h₋) gives different numbers here.
    var torchH = [Double]()
    let torchN = (0..<4).map { k in
        tanh(matvec(nested(cell.n.W), x)[k] + cell.n.b.values[k] + r[k] * matvec(nested(cell.n.U), hp)[k])
    }
    for k in 0..<4 { torchH.append((1 - z[k]) * torchN[k] + z[k] * hp[k]) }
    #expect(!close(torchH, h, 1e-6))
    var torchCell = cell
    torchCell.convention = .torch
    #expect(close(try torchCell.step(input: Vector(x), state: CellState(h: Vector(hp))).state.h.values, torchH))
}

@Test func gruFromTorchPackedParameters() throws {
    // torch.nn.GRU, written from its documentation with the packed rows [r; z; n]:
    // r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
    // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
    let H = 2, wih = Matrix.random(rows: 6, cols: 3, seed: 60), whh = Matrix.random(rows: 6, cols: 2, seed: 61)
    let bih = Vector.random(count: 6, seed: 62), bhh = Vector.random(count: 6, seed: 63)
    let x = [0.2, -0.5, 0.9], hp = [0.3, -0.1]
    let gi = addLoop(matvec(nested(wih), x), bih.values), gh = addLoop(matvec(nested(whh), hp), bhh.values)
    var expected = [Double]()
    for k in 0..<H {
        let r = sigmoidRef(gi[k] + gh[k]), z = sigmoidRef(gi[H + k] + gh[H + k])
        let n = tanh(gi[2 * H + k] + r * gh[2 * H + k])
        expected.append((1 - z) * n + z * hp[k])
    }
    let cell = try GRUCell.fromTorch(weightIH: wih, weightHH: whh, biasIH: bih, biasHH: bhh)
    #expect(cell.convention == .torch)
    #expect(close(try cell.step(input: Vector(x), state: CellState(h: Vector(hp))).state.h.values, expected))
    let bad = engineError { _ = try GRUCell.fromTorch(weightIH: wih, weightHH: Matrix(rows: 6, cols: 3), biasIH: bih, biasHH: bhh) }
    #expect(bad?.message == "`weight_hh` must be 3H×H = 6×2 to match weight_ih (6×3): it is 6×3")
}

@Test func lstmAgainstLoops() throws {
    let cell = LSTMCell.random(inputSize: 2, hiddenSize: 3, seed: 3)
    let x = [0.5, -0.25], hp = [0.1, -0.2, 0.3], cp = [1.0, -0.5, 0.25]
    let step = try cell.step(input: Vector(x), state: CellState(h: Vector(hp), c: Vector(cp)))
    let i = affine(cell.i, x, hp).map(sigmoidRef), f = affine(cell.f, x, hp).map(sigmoidRef)
    let g = affine(cell.g, x, hp).map { tanh($0) }, o = affine(cell.o, x, hp).map(sigmoidRef)
    let c = (0..<3).map { f[$0] * cp[$0] + i[$0] * g[$0] }
    let h = (0..<3).map { o[$0] * tanh(c[$0]) }
    #expect(step.gates.map(\.name) == ["i", "f", "g", "o", "c", "h"])
    #expect(close(step.state.c!.values, c) && close(step.state.h.values, h))
    #expect(close(step.gate("o")!.values, o))
}

@Test func cellShapeErrors() throws {
    let bad = engineError { _ = try TanhRNNCell(W: Matrix(rows: 3, cols: 2), U: Matrix(rows: 2, cols: 2)) }
    #expect(bad?.message == "`U` must be hidden×hidden (3×3) to match `W`: U is 2×2, W is 3×2")
    let cell = RecurrentCell.gru(GRUCell.random(inputSize: 3, hiddenSize: 4, seed: 0))
    let wrongInput = engineError { _ = try cell.step(input: Vector([1, 2]), state: cell.zeroState) }
    #expect(wrongInput?.message == "the GRU cell takes inputs of 3 entries (W is 4×3), but x has 2")
    let wrongState = engineError { _ = try cell.step(input: Vector([1, 2, 3]), state: .zeros(2)) }
    #expect(wrongState?.parameter == "state")
}

@Test func cellExplanationListsEveryGate() throws {
    let cell = RecurrentCell.lstm(LSTMCell.random(inputSize: 2, hiddenSize: 2, seed: 4))
    let step = try cell.step(input: Vector([1, -1]), state: cell.zeroState)
    let worked = step.explain()
    #expect(worked.lines.map(\.lhs.skeleton) == ["x", "h₋", "c₋", "i", "f", "g", "o", "c", "h"])
    #expect(worked.lines[3].symbolic == "σ(W_i x + U_i h₋ + b_i)" && worked.lines[3].substituted.skeleton.hasPrefix("σ(["))
}

@Test func rnnExplanationSubstitutesEachTerm() throws {
    let cell = try TanhRNNCell(W: try Matrix([[1, 0], [0, 2]]), U: try Matrix([[0.5, 0], [0, 0]]), b: Vector([0, 0.1]))
    let step = try cell.step(input: Vector([0.2, 0.3]), state: CellState(h: Vector([0.4, 9])))
    // W x = [0.2, 0.6], U h₋ = [0.2, 0], b = [0, 0.1]; sum [0.4, 0.7]; tanh 0.4 = 0.3799, tanh 0.7 = 0.6044
    let line = step.explain().lines.last!
    #expect(line.substituted.skeleton == "tanh([#, #] + [#, #] + [#, #])")
    #expect(close(line.substituted.numbers, [0.2, 0.6, 0.2, 0, 0, 0.1]))
    #expect(line.simplified.skeleton == "tanh([#, #])" && close(line.simplified.numbers, [0.4, 0.7]))
    #expect(line.result.skeleton == "[#, #]" && close(line.result.numbers, [tanh(0.4), tanh(0.7)]))
}

@Test func interpolationGatesAreSubstitutedEntryByEntry() throws {
    let gru = GRUCell.random(inputSize: 1, hiddenSize: 1, seed: 5)
    let step = try gru.step(input: Vector([1]), state: CellState(h: Vector([0.5])))
    let z = step.gate("z")!.values[0], n = step.gate("n")!.values[0]
    // Bahdanau's GRU: h = (1 − z) ⊙ h₋ + z ⊙ n, every number a factor.
    #expect(step.explain().lines.last?.substituted == "[(1 − \(factor: z))×\(factor: 0.5) + \(factor: z)×\(factor: n)]")
    let lstm = LSTMCell.random(inputSize: 1, hiddenSize: 1, seed: 6)
    let lstmStep = try lstm.step(input: Vector([1]), state: CellState(h: Vector([0]), c: Vector([2])))
    let lines = lstmStep.explain().lines
    let c = lines.first { $0.lhs == "c" }!
    // c = f ⊙ c₋ + i ⊙ g with c₋ = 2.
    let gate = { (name: String) in lstmStep.gate(name)!.values[0] }
    #expect(c.substituted == "[\(factor: gate("f"))×\(factor: 2) + \(factor: gate("i"))×\(factor: gate("g"))]")
}

@Test func lstmOutputExplanationWritesNegativeCellValuesWithoutExtraParentheses() throws {
    // c = [−0.5] (i·g with i = 1, g = −0.5 and no previous memory), o = 1: h = 1×tanh(−0.5).
    let W = try Matrix([[0]]), U = try Matrix([[0]])
    let big = 1e6   // σ(big) = 1 exactly in doubles
    let cell = try LSTMCell(i: GateWeights(W: W, U: U, b: Vector([big]), gate: "i"),
                            f: GateWeights(W: W, U: U, b: Vector([0]), gate: "f"),
                            g: GateWeights(W: W, U: U, b: Vector([atanh(-0.5)]), gate: "g"),
                            o: GateWeights(W: W, U: U, b: Vector([big]), gate: "o"))
    let step = try RecurrentCell.lstm(cell).step(input: Vector([0]), state: RecurrentCell.lstm(cell).zeroState)
    let h = try #require(step.explain().lines.last)
    // The cell value sits inside tanh( ), so it is compact, not a parenthesised factor.
    #expect(h.substituted.skeleton == "[#×tanh(#)]")
    guard case .number(let cv, .compact)? = h.substituted.pieces.dropLast().last else { Issue.record("c is not compact"); return }
    #expect(close(cv, -0.5) && h.substituted.pieces[1] == .number(1, .factor))
}
