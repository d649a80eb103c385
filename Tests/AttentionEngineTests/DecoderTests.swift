import Foundation
import Testing
@testable import AttentionEngine

// A 4-word source, 3 target steps, d_h = 3, d_y = 2, decoder hidden size 3.
let encoderStates = try! Matrix([[0.2, -0.4, 0.1], [0.9, 0.0, -0.3], [0.1, 0.8, 0.5], [-0.6, 0.3, 0.7]],
                                rowLabels: ["我", "爱", "机器", "学习"])
let targetEmbeddings = try! Matrix([[0.1, 0.3], [-0.2, 0.5], [0.7, -0.1]], rowLabels: ["I", "love", "ML"])
let additive = ScoreFunction.additive(W1: Matrix.random(rows: 4, cols: 3, seed: 1), W2: Matrix.random(rows: 4, cols: 3, seed: 2),
                                      v: Vector.random(count: 4, seed: 3))

/// A tanh RNN step written out with loops: tanh(W x + U s + b).
func rnnStep(_ cell: TanhRNNCell, _ x: [Double], _ s: [Double]) -> [Double] {
    affine(cell.weights, x, s).map { tanh($0) }
}

@Test func noAttentionFeedsTheSameContextEveryStep() throws {
    let rnn = TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 7)
    let run = try Decoder.noAttention(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnn))
    // Reference: the context is h₃ (last state), an input [y_t; h₃] at every step.
    var s = [0.0, 0.0, 0.0]
    for t in 0..<3 {
        s = rnnStep(rnn, nested(targetEmbeddings)[t] + nested(encoderStates)[3], s)
        #expect(close(run.states.row(t).values, s))
        #expect(run.contexts.row(t).values == encoderStates.row(3).values, "identical context at step \(t)")
    }
    // As attention, the fixed context is one-hot weights on the last position at every step.
    #expect(run.alignment.storage == [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(run.alignment.rowLabels == ["I", "love", "ML"] && run.alignment.colLabels == ["我", "爱", "机器", "学习"])
    #expect(run.steps[1].input.blocks.map(\.name) == ["y₁", "c"])
}

@Test func meanContextIsUniformAttention() throws {
    let rnn = TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 7)
    let run = try Decoder.noAttention(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnn), context: .mean)
    let uniform = weightedSum([0.25, 0.25, 0.25, 0.25], nested(encoderStates))
    #expect(close(run.contexts.row(2).values, uniform))
    #expect(close(run.alignment.row(0).values, [0.25, 0.25, 0.25, 0.25]))
}

@Test func bahdanauScoresWithThePreviousState() throws {
    let rnn = TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 8)
    let initial = CellState(h: Vector([0.1, -0.2, 0.05]))
    let run = try Decoder.bahdanau(encoder: encoderStates, targets: targetEmbeddings, initialState: initial,
                                   cell: .rnn(rnn), score: additive)
    // Recompute every step by hand: e from s_{t−1}, α by softmax, a = Σ α h, s_t = tanh(W[y_t; a_t] + U s_{t−1} + b).
    guard case .additive(let W1, let W2, let v, _, _) = additive else { return }
    var s = initial.h.values
    for t in 0..<3 {
        let e = nested(encoderStates).map { h in
            dotLoop(v.values, addLoop(matvec(nested(W1), h), matvec(nested(W2), s)).map { tanh($0) })
        }
        let alpha = naiveSoftmax(e)
        let a = weightedSum(alpha, nested(encoderStates))
        #expect(close(run.steps[t].attention!.query.values, s), "step \(t) queries with s_{t−1}")
        #expect(close(run.alignment.row(t).values, alpha))
        #expect(close(run.contexts.row(t).values, a))
        s = rnnStep(rnn, nested(targetEmbeddings)[t] + a, s)
        #expect(close(run.states.row(t).values, s))
        #expect(close(run.alignment.row(t).values.reduce(0, +), 1))
    }
    #expect(run.steps[0].input.blocks.map(\.name) == ["y₀", "a₀"])
    #expect(run.steps[2].token == "ML")
}

@Test func bahdanauWithAGRU() throws {
    let gru = GRUCell.random(inputSize: 5, hiddenSize: 3, seed: 9)
    let run = try Decoder.bahdanau(encoder: encoderStates, targets: targetEmbeddings, cell: .gru(gru), score: .dot)
    // Step 1 recomputed from step 0's recorded state, through the GRU cell and dot attention.
    let s0 = run.states.row(0).values
    let alpha = naiveSoftmax(nested(encoderStates).map { dotLoop($0, s0) })
    #expect(close(run.alignment.row(1).values, alpha))
    let manual = try gru.step(input: Vector(nested(targetEmbeddings)[1] + weightedSum(alpha, nested(encoderStates))),
                              state: CellState(h: Vector(s0)))
    #expect(close(run.states.row(1).values, manual.state.h.values))
}

@Test func luongScoresWithTheCurrentStateAndCombinesAfter() throws {
    let rnn = TanhRNNCell.random(inputSize: 2, hiddenSize: 3, seed: 10)
    let Wc = Matrix.random(rows: 3, cols: 6, seed: 11)
    let run = try Decoder.luong(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnn), score: .dot, Wc: Wc)
    var s = [0.0, 0.0, 0.0]
    for t in 0..<3 {
        s = rnnStep(rnn, nested(targetEmbeddings)[t], s)                 // RNN first
        let alpha = naiveSoftmax(nested(encoderStates).map { dotLoop($0, s) })   // then score with s_t
        let a = weightedSum(alpha, nested(encoderStates))
        let hTilde = matvec(nested(Wc), a + s).map { tanh($0) }          // h̃_t = tanh(W_c[a_t; s_t])
        #expect(close(run.alignment.row(t).values, alpha))
        #expect(close(run.outputs.row(t).values, hTilde))
    }
}

@Test func luongInputFeeding() throws {
    let rnn = TanhRNNCell.random(inputSize: 4, hiddenSize: 3, seed: 12)
    let Wc = Matrix.random(rows: 2, cols: 6, seed: 13)
    let run = try Decoder.luong(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnn), score: .dot, Wc: Wc,
                                inputFeeding: true)
    #expect(run.steps[0].input.vector.values == nested(targetEmbeddings)[0] + [0, 0], "h̃ before step 0 is zero")
    #expect(run.steps[2].input.vector.values == nested(targetEmbeddings)[2] + run.outputs.row(1).values)
    #expect(run.steps[1].input.blocks.map(\.name) == ["y₁", "h̃₀"])
}

@Test func theThreeContextPlacements() throws {
    let c = nested(encoderStates)[3]
    // (a) s_0 = c, inputs y_t.
    let rnnA = TanhRNNCell.random(inputSize: 2, hiddenSize: 3, seed: 14)
    let a = try Decoder.fixedContext(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnnA), placement: .initialState)
    #expect(a.steps[0].previousState.h.values == c)
    #expect(close(a.states.row(0).values, rnnStep(rnnA, nested(targetEmbeddings)[0], c)))
    // (b) inputs [y_t; c].
    let rnnB = TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 15)
    let b = try Decoder.fixedContext(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnnB), placement: .everyInput)
    #expect(close(b.states.row(0).values, rnnStep(rnnB, nested(targetEmbeddings)[0] + c, [0, 0, 0])))
    // (c) after the RNN: o_t = tanh(W_c[c; s_t]).
    let Wc = Matrix.random(rows: 2, cols: 6, seed: 16)
    let cRun = try Decoder.fixedContext(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnnA), placement: .afterRNN(Wc: Wc))
    let s1 = rnnStep(rnnA, nested(targetEmbeddings)[1], rnnStep(rnnA, nested(targetEmbeddings)[0], [0, 0, 0]))
    #expect(close(cRun.outputs.row(1).values, matvec(nested(Wc), c + s1).map { tanh($0) }))
    #expect(cRun.steps[1].combination?.input.blocks.map(\.name) == ["c", "s₁"])
}

@Test func decoderShapeErrorsNameTheShapes() {
    let small = RecurrentCell.rnn(TanhRNNCell.random(inputSize: 4, hiddenSize: 3, seed: 0))
    let error = engineError { _ = try Decoder.bahdanau(encoder: encoderStates, targets: targetEmbeddings, cell: small, score: .dot) }
    #expect(error?.message == "the cell takes inputs of 4 entries, but [y_t; a_t] (2 + 3) has 5 (targets y are 3×2, encoder h is 4×3)")
    let state = engineError {
        _ = try Decoder.bahdanau(encoder: encoderStates, targets: targetEmbeddings, initialState: .zeros(2),
                                 cell: .rnn(TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 0)), score: .dot)
    }
    #expect(state?.parameter == "initialState")
    let wc = engineError {
        _ = try Decoder.luong(encoder: encoderStates, targets: targetEmbeddings,
                              cell: .rnn(TanhRNNCell.random(inputSize: 2, hiddenSize: 3, seed: 0)), score: .dot, Wc: Matrix(rows: 2, cols: 5))
    }
    #expect(wc?.message == "`Wc` must be d_o×(d_h + d_s) = d_o×6 to multiply [a_t; s_t]: Wc is 2×5, h is 4×3, s has 3 entries")
}

@Test func lstmDecoderCarriesTheMemoryCell() throws {
    let lstm = LSTMCell.random(inputSize: 5, hiddenSize: 3, seed: 17)
    let run = try Decoder.bahdanau(encoder: encoderStates, targets: targetEmbeddings, cell: .lstm(lstm), score: .dot)
    #expect(run.steps[1].previousState == run.steps[0].state)
    #expect(run.steps[1].previousState.c != nil)
}

@Test func stepExplanationsFollowTheFlow() throws {
    let rnn = TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 8)
    let bahdanau = try Decoder.bahdanau(encoder: encoderStates, targets: targetEmbeddings, cell: .rnn(rnn), score: .dot)
    let parts = bahdanau.steps[1].explain()
    // 4 scores, softmax, context, then the input [y₁; a₁] and the cell.
    #expect(parts.count == 8)
    #expect(parts[0].lines[0].lhs == "e₀" && parts[6].lines[0].symbolic == "[y₁; a₁]" && parts[7].title == "one tanh RNN step")
    let luong = try Decoder.luong(encoder: encoderStates, targets: targetEmbeddings,
                                  cell: .rnn(TanhRNNCell.random(inputSize: 2, hiddenSize: 3, seed: 1)), score: .dot,
                                  Wc: Matrix.random(rows: 3, cols: 6, seed: 2))
    let luongParts = luong.steps[0].explain()
    #expect(luongParts[1].title == "one tanh RNN step" && luongParts.last?.title == "h̃ = tanh(W_c[a₀; s₀])")
}
