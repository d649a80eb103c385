import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedLocalTests {
    let h = Matrix.random(rows: 6, cols: 3, seed: 41)
    let s = Vector.random(count: 3, seed: 42)

    @Test func localMWithAWindowCoveringTheSentenceIsGlobalTimesGaussian() throws {
        let t = try LocalAttention.attend(query: s, keys: h, halfWidth: 8, position: .monotonic(t: 2))
        let global = try Attention.attend(query: s, keys: h, score: .dot).alpha.values
        let sigma = 4.0
        let expected = (0..<6).map { i in global[i] * exp(-pow(Double(i) - 2, 2) / (2 * sigma * sigma)) }
        #expect(Ref.close(t.weights.values, expected, 1e-12))
        #expect(t.weightSum < 1)
        #expect(abs(t.weightSum - expected.reduce(0, +)) < 1e-12)
    }

    @Test func localMWithoutTheGaussianIsTheWindowSoftmax() throws {
        // Luong et al. 2015 eq. (7): local-m is the softmax of the scores inside [t − D, t + D], nothing more.
        let t = try LocalAttention.attend(query: s, keys: h, halfWidth: 1, position: .monotonic(t: 3), gaussian: false)
        let e = (2...4).map { try! h.row($0).dot(s) }
        let a = Ref.softmax(e)
        #expect(Ref.close(Array(t.weights.values[2...4]), a, 1e-12))
        #expect(t.weights[0] == 0 && t.weights[1] == 0 && t.weights[5] == 0)
        #expect(abs(t.weightSum - 1) < 1e-12)
        #expect(t.explainWeight(position: 3).title.skeleton.contains("no Gaussian"))
    }

    @Test func windowIsClippedAtTheEdgeAndOutsideIsZero() throws {
        let t = try LocalAttention.attend(query: s, keys: h, halfWidth: 1, position: .monotonic(t: 0))
        #expect(t.window == 0...1)
        #expect(t.unclippedWindow == -1...1)
        #expect(t.weights.values[2...].allSatisfy { $0 == 0 })
        // align = softmax over positions 0 and 1 only; σ = 0.5, so G(1) = exp(−1/(2·0.25)) = e⁻².
        let e = (0..<2).map { try! h.row($0).dot(s) }
        let a = Ref.softmax(e)
        #expect(abs(t.weights[0] - a[0]) < 1e-12)
        #expect(abs(t.weights[1] - a[1] * exp(-2)) < 1e-12)
        let worked = t.explainWeight(position: 1)
        let G = try #require(worked.lines.first { $0.lhs == "G₁" })
        #expect(abs((G.result.numbers.first ?? 0) - exp(-2)) < 1e-12)   // e⁻²
    }

    @Test func localPPredictsPositionAndKeepsItRealForTheGaussian() throws {
        let Wp = Matrix.random(rows: 2, cols: 3, seed: 43), vp = Vector([1.5, -0.7])
        let t = try LocalAttention.attend(query: s, keys: h, halfWidth: 2, position: .predictive(Wp: Wp, vp: vp))
        let hidden = Ref.linear([s.values], Ref.nested(Wp))[0].map { tanh($0) }
        let logit = zip(vp.values, hidden).reduce(0) { $0 + $1.0 * $1.1 }
        let p = 6 / (1 + exp(-logit))
        #expect(abs(t.position - p) < 1e-12)
        #expect(t.center == Int(p.rounded()))
        for i in t.window! { #expect(abs(t.gaussian[i] - exp(-pow(Double(i) - p, 2) / 2)) < 1e-12) }
    }

    @Test func badParametersAreErrors() throws {
        #expect(throws: EngineError.self) { try LocalAttention.attend(query: s, keys: h, halfWidth: -1, position: .monotonic(t: 0)) }
        #expect(throws: EngineError.self) { try LocalAttention.attend(query: s, keys: h, halfWidth: 1, position: .monotonic(t: 6)) }
        do {
            _ = try LocalAttention.attend(query: Vector([1, 2]), keys: h, halfWidth: 1, position: .monotonic(t: 0))
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.message.contains("6×3") && error.message.contains("2"))
        }
    }

    @Test func operationCountsFollowTheFormulas() {
        let g = OperationCounts.global(sourceLength: 8, dimension: 4)
        #expect(g.multiplications == 64 && g.exponentials == 8 && g.additions == 8 * 3 + 8 + 7 + 7 * 4)
        let m = OperationCounts.localM(sourceLength: 1024, dimension: 4, halfWidth: 2)
        #expect(m.exponentials == 10 && m.multiplications == 2 * 5 * 4 + 10)
        let table = OperationCounts.table(dimension: 4, halfWidth: 2, predictorSize: 4)
        #expect(table.map(\.sourceLength) == [8, 16, 32, 64, 128, 256, 512, 1024])
        #expect(table.last!.localPRatio < 0.05)
        #expect(table.last!.localM == table[3].localM)   // constant once the window fits
    }
}

@Suite struct AdvancedLocalAlignmentTests {
    @Test func localMAlignmentIsBanded() throws {
        let h = Matrix.random(rows: 7, cols: 3, seed: 44), s = Matrix.random(rows: 5, cols: 3, seed: 45)
        let (steps, w) = try LocalAttention.alignment(queries: s, keys: h, halfWidth: 1)
        #expect(w.rows == 5 && w.cols == 7 && steps.count == 5)
        for t in 0..<5 {
            for i in 0..<7 where abs(i - t) > 1 { #expect(w[t, i] == 0) }
            #expect(w.row(t).values.reduce(0, +) < 1)
        }
    }

    @Test func generalScoreIsUsedInsideTheWindow() throws {
        let h = Matrix.random(rows: 5, cols: 3, seed: 46), s = Vector.random(count: 3, seed: 47)
        let W = Matrix.random(rows: 3, cols: 3, seed: 48)
        let t = try LocalAttention.attend(query: s, keys: h, score: .general(W: W), halfWidth: 1, position: .monotonic(t: 2))
        // sᵀ W h_i for i = 1, 2, 3, softmaxed over the window, times exp(−(i − 2)²/(2·0.5²)).
        let Wh = Ref.linear(Ref.nested(h), Ref.nested(W))
        let e = (1...3).map { i in zip(s.values, Wh[i]).reduce(0) { $0 + $1.0 * $1.1 } }
        let a = Ref.softmax(e)
        #expect(Ref.close(Array(t.weights.values[1...3]), [a[0] * exp(-2), a[1], a[2] * exp(-2)], 1e-12))
        #expect(t.weights[0] == 0 && t.weights[4] == 0)
    }

    @Test func perSentenceCountsMultiplyByT() {
        let row = OperationCounts.table(dimension: 4, halfWidth: 2, predictorSize: 4, sourceLengths: [64])[0]
        #expect(row.targetLength == 64 && row.globalSentence.total == 64 * row.global.total)
        let fixed = OperationCounts.table(dimension: 4, halfWidth: 2, predictorSize: 4, targetLength: 10, sourceLengths: [64])[0]
        #expect(fixed.localPSentence.exponentials == 10 * (2 * 5 + 1))
    }
}

@Suite struct AdvancedLocalEdgeTests {
    @Test func localPNearTheEndKeepsANonEmptyWindow() throws {
        // v_pᵀ tanh(W_p h) = 10·tanh(5) ≈ 10, sigmoid ≈ 0.99995, p_t ≈ 3.9998 for S = 4: rounds to 4, one past the end.
        let h = Matrix.random(rows: 4, cols: 1, seed: 50)
        let t = try LocalAttention.attend(query: Vector([5]), keys: h, halfWidth: 0,
                                          position: .predictive(Wp: try Matrix([[1]]), vp: Vector([10])))
        #expect(t.position > 3.5 && t.center == 3 && t.window == 3...3)
        #expect(t.weights.values.allSatisfy { $0 == 0 })      // σ = 0 and p_t ≠ 3: the Gaussian's limit is 0
        let wide = try LocalAttention.attend(query: Vector([5]), keys: h, halfWidth: 2,
                                             position: .predictive(Wp: try Matrix([[1]]), vp: Vector([10])))
        #expect(wide.window == 1...3 && wide.unclippedWindow == 1...5)
    }
}
