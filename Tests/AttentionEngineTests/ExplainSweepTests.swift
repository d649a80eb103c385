import Foundation
import Testing
@testable import AttentionEngine

// Every explanation the engine can give, over inputs with long decimals: none may carry a number
// already written as text (the renderers choose the digits), and every one must have numbers
// in the arithmetic.

/// Every `WorkedArithmetic` the engine produces, one or more of each kind.
private func everyExplanation() throws -> [WorkedArithmetic] {
    var out: [WorkedArithmetic] = []
    let s = Vector.random(count: 4, seed: 90), h = Matrix.random(rows: 6, cols: 3, seed: 91)   // allScores(): S = 6
    for score in allScores() { out.append(try score.explain(query: s, keys: h, position: 1)) }
    let s3 = Vector.random(count: 3, seed: 92)
    for score in [ScoreFunction.dot, .scaledDot, .cosine(beta: 1), .cosine(beta: 2.5)] {
        out.append(try score.explain(query: s3, keys: h, position: 2))
    }
    let step = try Attention.attend(query: s3, keys: h, score: .dot, mask: [true, false, true, true, true, true], temperature: 0.7)
    out += [try step.explainScore(0), step.explainWeights(), step.explainContext()]

    let cells: [RecurrentCell] = [.rnn(TanhRNNCell.random(inputSize: 2, hiddenSize: 3, seed: 93)),
                                  .gru(GRUCell.random(inputSize: 2, hiddenSize: 3, seed: 94)),
                                  .lstm(LSTMCell.random(inputSize: 2, hiddenSize: 3, seed: 95))]
    var torchGRU = GRUCell.random(inputSize: 2, hiddenSize: 3, seed: 96)
    torchGRU.convention = .torch
    for cell in cells + [.gru(torchGRU)] {
        out.append(try cell.step(input: Vector.random(count: 2, seed: 97), state: .zeros(3, withCell: cell.zeroState.c != nil)).explain())
    }
    let encoder = Matrix.random(rows: 4, cols: 3, seed: 98), targets = Matrix.random(rows: 2, cols: 2, seed: 99)
    let rnn = RecurrentCell.rnn(TanhRNNCell.random(inputSize: 5, hiddenSize: 3, seed: 100))
    out += try Decoder.bahdanau(encoder: encoder, targets: targets, cell: rnn, score: .dot).steps[1].explain()
    out += try Decoder.luong(encoder: encoder, targets: targets, cell: .rnn(TanhRNNCell.random(inputSize: 2, hiddenSize: 3, seed: 101)),
                             score: .dot, Wc: Matrix.random(rows: 3, cols: 6, seed: 102)).steps[0].explain()

    let alpha = Vector([0.123456, 0.654321, 0.222223])
    out.append(try HardAttention.argmax(weights: alpha).explain())
    out.append(try HardAttention.sample(weights: alpha, uniform: 0.31415).explain())
    out.append(try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 0.37, noise: .uniforms([0.2, 0.55, 0.9])).explain(position: 1))
    let keys = Matrix.random(rows: 6, cols: 4, seed: 103)
    let local = try LocalAttention.attend(query: s, keys: keys, halfWidth: 1, position: .monotonic(t: 2))
    out += [local.explainWeight(position: 2), local.explainWeight(position: 5)]
    out.append(try LocalAttention.attend(query: s, keys: keys, halfWidth: 1, position: .monotonic(t: 2), gaussian: false).explainWeight(position: 1))

    let pooling = try AttentionPooling(W: Matrix.random(rows: 3, cols: 4, seed: 104), context: Vector.random(count: 3, seed: 105))
    out.append(try pooling.pool(keys).explainWeight(1, context: pooling.context))
    out.append(try SentencePooling.pool(states: keys, w: Vector.random(count: 4, seed: 106)).explainAttention(component: 1))
    let sdp = try ScaledDotProduct.attend(queries: Matrix.random(rows: 2, cols: 4, seed: 107), keys: keys)
    out += [sdp.explainScore(query: 1, key: 2), sdp.explainOutput(query: 0, column: 3)]
    let X0 = Matrix.random(rows: 3, cols: 10, seed: 108), X1 = Matrix.random(rows: 2, cols: 10, seed: 109)
    out.append(try ABCNN.matchMatrix(X0, X1).explain(1, 1))
    out.append(try WideConvolution(width: 2, W: Matrix.random(rows: 2, cols: 20, seed: 110), b: Vector([0.3, -0.7])).apply(X0).explain(window: 1, feature: 1))
    out.append(try AttentivePooling.pool(question: X0, answer: X1, U: Matrix.random(rows: 10, cols: 10, seed: 111)).explainQuestionWeight(2))
    out.append(PositionalEncoding.explain(position: 3, column: 5, dModel: 8))
    let norm = try LayerNorm(size: 10).apply(X0)
    out.append(norm.explainRow(1, gamma: Vector(repeating: 1.5, count: 10), beta: Vector(repeating: -0.25, count: 10)))
    return out
}

@Test func noExplanationCarriesANumberWrittenAsText() throws {
    let all = try everyExplanation()
    #expect(all.count > 40)
    let written = try Regex("[0-9]\\.[0-9]")
    for w in all {
        let text = w.title.skeleton + "\n" + w.skeleton
        #expect(!text.contains(written), "a number formatted in the engine: \(text)")
        #expect(!text.contains("ArithmeticText") && !text.contains("Piece"), "a struct printed as text: \(text)")
        // Every explanation substitutes numbers (a position outside a local window is exactly 0, said in words).
        if !w.title.skeleton.contains("outside the window") {
            #expect(!w.numbers.isEmpty, "no numbers in \(w.title.skeleton)")
        }
    }
}
