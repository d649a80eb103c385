import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedHierarchicalTests {
    let Ww = Matrix.random(rows: 3, cols: 4, seed: 51), bw = Vector.random(count: 3, seed: 52), uw = Vector.random(count: 3, seed: 53)
    let Ws = Matrix.random(rows: 2, cols: 4, seed: 54), bs = Vector.random(count: 2, seed: 55), us = Vector.random(count: 2, seed: 56)
    let doc = [Matrix.random(rows: 3, cols: 4, seed: 57), Matrix.random(rows: 5, cols: 4, seed: 58)]

    @Test func sentenceLevelEqualsAttendWithALearnedQuery() throws {
        let han = HierarchicalAttention(word: try AttentionPooling(W: Ww, b: bw, context: uw),
                                        sentence: try AttentionPooling(W: Ws, b: bs, context: us))
        let t = try han.encode(doc)
        // Independent word level: u_it = tanh(W_w h_it + b_w), α = softmax(u·u_w), s_i = Σ α h.
        var sentenceVectors: [[Double]] = []
        for H in doc {
            let u = Ref.linear(Ref.nested(H), Ref.nested(Ww), bw.values).map { $0.map { tanh($0) } }
            let a = Ref.softmax(u.map { zip($0, uw.values).reduce(0) { $0 + $1.0 * $1.1 } })
            sentenceVectors.append((0..<4).map { c in (0..<H.rows).reduce(0.0) { $0 + a[$1] * H[$1, c] } })
        }
        #expect(Ref.close(t.sentenceVectors, sentenceVectors, 1e-12))
        // Sentence level = dot attention with query u_s over keys tanh(W_s s_i + b_s), values s_i.
        let S = try Matrix(sentenceVectors)
        let keys = try Matrix(Ref.linear(sentenceVectors, Ref.nested(Ws), bs.values).map { $0.map { tanh($0) } })
        let step = try Attention.attend(query: us, keys: keys, values: S, score: .dot)
        #expect(Ref.close(t.sentences.weights.values, step.alpha.values, 1e-12))
        #expect(Ref.close(t.document.values, step.a.values, 1e-12))
        #expect(t.words.count == 2 && t.words[1].weights.count == 5)
        #expect(t.sentences.explainWeight(0, context: us).skeleton.contains("α₀"))
    }

    @Test func contextOfTheWrongSizeNamesBothShapes() {
        do {
            _ = try AttentionPooling(W: Ww, context: Vector([1, 2]))
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.message.contains("3×4") && error.message.contains("2") && error.parameter == "context")
        } catch { Issue.record("wrong error") }
    }
}

@Suite struct AdvancedSentencePoolingTests {
    @Test func lastMeanAndAttentionPoolingByHand() throws {
        let H = try Matrix([[1, 0], [0, 1], [1, 1]])
        let w = Vector([1, -1])
        let t = try SentencePooling.pool(states: H, w: w)
        #expect(t.last.values == [1, 1])
        #expect(Ref.close(t.mean.values, [2.0 / 3, 2.0 / 3]))
        // wᵀ tanh(h_t): tanh(1) − 0, 0 − tanh(1), tanh(1) − tanh(1) = 0.
        let a = Ref.softmax([tanh(1), -tanh(1), 0])
        #expect(Ref.close(t.weights.values, a, 1e-12))
        let r = [a[0] + a[2], a[1] + a[2]]
        #expect(Ref.close(t.r.values, r, 1e-12))
        #expect(Ref.close(t.attention.values, r.map { tanh($0) }, 1e-12))
        #expect(t.explainAttention(component: 0).skeleton.contains("tanh("))
    }

    @Test func runningAnLSTMPoolsItsHiddenStates() throws {
        let cell = LSTMCell.random(inputSize: 3, hiddenSize: 2, seed: 60)
        let x = Matrix.random(rows: 4, cols: 3, seed: 61)
        let (steps, pooling) = try SentencePooling.run(cell: .lstm(cell), inputs: x, w: Vector([0.5, 0.5]))
        var state = RecurrentCell.lstm(cell).zeroState
        for t in 0..<4 {
            state = try cell.step(input: x.row(t), state: state).state
            #expect(pooling.states.row(t).values == state.h.values)
        }
        #expect(steps.count == 4 && pooling.last.values == state.h.values)
    }
}

@Suite struct AdvancedBidirectionalTests {
    @Test func forwardHalfReadsLeftToRightAndBackwardHalfRightToLeft() throws {
        let f = GRUCell.random(inputSize: 2, hiddenSize: 3, seed: 70), b = GRUCell.random(inputSize: 2, hiddenSize: 3, seed: 71)
        let x = Matrix.random(rows: 4, cols: 2, seed: 72)
        let H = try BidirectionalAnnotations.run(x, forward: .gru(f), backward: .gru(b))
        #expect(H.rows == 4 && H.cols == 6)
        // Forward state after x_0 only; backward state at position 3 after x_3 only (both from zero).
        let f0 = try f.step(input: x.row(0), state: RecurrentCell.gru(f).zeroState).state.h
        let b3 = try b.step(input: x.row(3), state: RecurrentCell.gru(b).zeroState).state.h
        #expect(Array(H.row(0).values[0..<3]) == f0.values)
        #expect(Array(H.row(3).values[3..<6]) == b3.values)
        #expect(throws: EngineError.self) { try BidirectionalAnnotations.run(Matrix.random(rows: 2, cols: 3, seed: 1), forward: .gru(f), backward: .gru(b)) }
    }
}
