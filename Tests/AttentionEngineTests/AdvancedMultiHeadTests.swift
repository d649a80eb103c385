import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedMultiHeadTests {
    let E = 4, H = 2
    let X = Matrix.random(rows: 3, cols: 4, seed: 21)
    let Wq = Matrix.random(rows: 4, cols: 4, seed: 22)
    let Wk = Matrix.random(rows: 4, cols: 4, seed: 23)
    let Wv = Matrix.random(rows: 4, cols: 4, seed: 24)
    let Wo = Matrix.random(rows: 4, cols: 4, seed: 25)
    let bq = Vector.random(count: 4, seed: 26), bk = Vector.random(count: 4, seed: 27)
    let bv = Vector.random(count: 4, seed: 28), bo = Vector.random(count: 4, seed: 29)

    @Test func oneHeadEqualsPlainScaledDotAttention() throws {
        let mha = try MultiHeadAttention(heads: 1, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Ref.identity(4))
        let t = try mha.selfAttend(X)
        let Q = try Matrix(Ref.linear(Ref.nested(X), Ref.nested(Wq)))
        let K = try Matrix(Ref.linear(Ref.nested(X), Ref.nested(Wk)))
        let V = try Matrix(Ref.linear(Ref.nested(X), Ref.nested(Wv)))
        let plain = try Attention.attendAll(queries: Q, keys: K, values: V, score: .scaledDot)
        #expect(Ref.close(t.output, plain.a, 1e-12))
        #expect(Ref.close(t.heads[0].weights, plain.alpha, 1e-12))
        #expect(Ref.close(t.meanWeights, plain.alpha, 1e-12))
        // Row by row with `attend` as well.
        for i in 0..<3 {
            let step = try Attention.attend(query: Q.row(i), keys: K, values: V, score: .scaledDot)
            #expect(Ref.close(t.output.row(i).values, step.a.values, 1e-12))
        }
    }

    @Test func headsTakeTheirColumnSliceAndDivideByPerHeadDk() throws {
        let t = try MultiHeadAttention(heads: H, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Wo, bq: bq, bk: bk, bv: bv, bo: bo).selfAttend(X)
        let Q = Ref.linear(Ref.nested(X), Ref.nested(Wq), bq.values)
        let K = Ref.linear(Ref.nested(X), Ref.nested(Wk), bk.values)
        let V = Ref.linear(Ref.nested(X), Ref.nested(Wv), bv.values)
        var concat = Array(repeating: [Double](), count: 3)
        var mean = Array(repeating: Array(repeating: 0.0, count: 3), count: 3)
        for h in 0..<H {
            let cols = (h * 2)..<(h * 2 + 2)
            for i in 0..<3 {
                let e = (0..<3).map { j in cols.reduce(0.0) { $0 + Q[i][$1] * K[j][$1] } / sqrt(2.0) }
                let a = Ref.softmax(e)
                #expect(Ref.close(t.heads[h].weights.row(i).values, a, 1e-12))
                for j in 0..<3 { mean[i][j] += a[j] / Double(H) }
                concat[i] += cols.map { c in (0..<3).reduce(0.0) { $0 + a[$1] * V[$1][c] } }
            }
        }
        #expect(Ref.close(t.concatenated, concat, 1e-12))
        #expect(Ref.close(t.meanWeights, mean, 1e-12))
        #expect(Ref.close(t.output, Ref.linear(concat, Ref.nested(Wo), bo.values), 1e-12))
    }

    @Test func torchAndKerasImportsOfTheSameWeightsAgree() throws {
        let inProj = try Wq.concatenatedRows(Wk).concatenatedRows(Wv)           // (3E × E), rows [Wq; Wk; Wv]
        let inBias = bq.concatenated(with: bk).concatenated(with: bv)
        let torch = try MultiHeadAttention(torchInProjWeight: inProj, inProjBias: inBias, outProjWeight: Wo,
                                           outProjBias: bo, heads: H)
        // Keras kernel (E, H, key_dim): kernel[e][h][k] = W[h·kd + k][e] (x @ kernel == x @ Wᵀ).
        func kernel(_ W: Matrix) -> [[[Double]]] {
            (0..<E).map { e in (0..<H).map { h in (0..<2).map { k in W[h * 2 + k, e] } } }
        }
        func bias(_ b: Vector) -> [[Double]] { (0..<H).map { h in (0..<2).map { b[h * 2 + $0] } } }
        // Output kernel (H, value_dim, E): out[h][v][e] = Wo[e][h·vd + v].
        let outKernel = (0..<H).map { h in (0..<2).map { v in (0..<E).map { e in Wo[e, h * 2 + v] } } }
        typealias KT = MultiHeadAttention.KerasTensor
        let keras = try MultiHeadAttention(kerasQuery: KT(kernel(Wq)), queryBias: KT(bias(bq)),
                                           key: KT(kernel(Wk)), keyBias: KT(bias(bk)),
                                           value: KT(kernel(Wv)), valueBias: KT(bias(bv)),
                                           output: KT(outKernel), outputBias: bo)
        let a = try torch.selfAttend(X), b = try keras.selfAttend(X)
        #expect(Ref.close(a.output, b.output, 1e-12))
        #expect(Ref.close(a.meanWeights, b.meanWeights, 1e-12))
        // Flattened with a shape gives the same layer as nested arrays.
        let flatQuery = try KT(shape: [E, H, 2], values: kernel(Wq).flatMap { $0.flatMap { $0 } })
        #expect(flatQuery == (try KT(kernel(Wq))))
    }

    @Test func badHeadCountsAndShapesAreErrors() throws {
        do {
            _ = try MultiHeadAttention(heads: 3, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Wo)
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.parameter == "heads" && error.message.contains("4×4"))
        }
        do {
            _ = try MultiHeadAttention(heads: 2, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Matrix.random(rows: 4, cols: 6, seed: 1))
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.parameter == "Wo" && error.message.contains("4×6") && error.message.contains("4×4"))
        }
        let mha = try MultiHeadAttention(heads: 2, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Wo)
        do {
            _ = try mha.selfAttend(Matrix.random(rows: 3, cols: 5, seed: 2))
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.parameter == "Wq" && error.message.contains("3×5") && error.message.contains("4×4"))
        }
        #expect(throws: EngineError.self) {
            try MultiHeadAttention(torchInProjWeight: Wq, inProjBias: nil, outProjWeight: Wo, outProjBias: nil, heads: 2)
        }
    }

    @Test func crossAttentionTakesKeysFromTheEncoder() throws {
        let memory = Matrix.random(rows: 5, cols: 4, seed: 30)
        let t = try MultiHeadAttention(heads: 2, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Wo).attend(query: X, key: memory)
        #expect(t.meanWeights.rows == 3 && t.meanWeights.cols == 5)
        #expect(t.output.rows == 3 && t.output.cols == 4)
    }
}

@Suite struct AdvancedKerasLayoutTests {
    /// Keras allows key_dim ≠ E/H: E = 4, H = 2, key_dim = 3, value_dim = 1, output E = 4.
    @Test func kerasKernelsWithTheirOwnKeyDimFollowTheEinsum() throws {
        let E = 4, H = 2, kd = 3, vd = 1
        var rng = SeededRandom(seed: 99)
        func box(_ a: Int, _ b: Int, _ c: Int) -> [[[Double]]] {
            (0..<a).map { _ in (0..<b).map { _ in (0..<c).map { _ in 2 * rng.uniform() - 1 } } }
        }
        let q = box(E, H, kd), k = box(E, H, kd), v = box(E, H, vd), o = box(H, vd, E)
        typealias KT = MultiHeadAttention.KerasTensor
        let layer = try MultiHeadAttention(kerasQuery: KT(q), key: KT(k), value: KT(v), output: KT(o))
        #expect(layer.keySize == kd && layer.valueSize == vd)
        let X = Matrix.random(rows: 3, cols: E, seed: 98)
        let t = try layer.selfAttend(X)
        // Keras by its einsums: Q[n,h,c] = Σ_e x[n,e] q[e,h,c]; scores / √key_dim; out[n,e] = Σ_{h,v} o_h[n,v] o[h,v,e].
        func project(_ w: [[[Double]]], _ n: Int, _ h: Int, _ c: Int) -> Double { (0..<E).reduce(0) { $0 + X[n, $1] * w[$1][h][c] } }
        var out = Array(repeating: Array(repeating: 0.0, count: E), count: 3)
        for h in 0..<H {
            for n in 0..<3 {
                let e = (0..<3).map { m in (0..<kd).reduce(0.0) { $0 + project(q, n, h, $1) * project(k, m, h, $1) } / sqrt(Double(kd)) }
                let a = Ref.softmax(e)
                #expect(Ref.close(t.heads[h].weights.row(n).values, a, 1e-12))
                for c in 0..<vd {
                    let ov = (0..<3).reduce(0.0) { $0 + a[$1] * project(v, $1, h, c) }
                    for j in 0..<E { out[n][j] += ov * o[h][c][j] }
                }
            }
        }
        #expect(Ref.close(t.output, out, 1e-12))
        #expect(throws: EngineError.self) { try MultiHeadAttention(kerasQuery: KT(q), key: KT(k), value: KT(v), output: KT(box(H, 2, E))) }
    }

    @Test func maskedMultiHeadZerosEveryHead() throws {
        let X = Matrix.random(rows: 4, cols: 4, seed: 3)
        let mha = try MultiHeadAttention(heads: 2, Wq: .random(rows: 4, cols: 4, seed: 4), Wk: .random(rows: 4, cols: 4, seed: 5),
                                         Wv: .random(rows: 4, cols: 4, seed: 6), Wo: .random(rows: 4, cols: 4, seed: 7))
        let mask = try AttentionMask.combine(AttentionMask.causal(4), AttentionMask.padding(queries: 4, keys: 4, validKeys: 3))
        let t = try mha.selfAttend(X, mask: mask)
        for head in t.heads {
            for i in 0..<4 { for j in 0..<4 where !mask[i][j] { #expect(head.weights[i, j] == 0) } }
        }
        #expect(t.meanWeights[3, 3] == 0 && t.meanWeights[0, 0] == 1)
        #expect(throws: EngineError.self) { try AttentionMask.combine(AttentionMask.causal(4), AttentionMask.causal(3)) }
    }
}

@Suite struct AdvancedMultiHeadRandomTests {
    @Test func seededWeightsAreScaledAndReproducible() throws {
        let a = try MultiHeadAttention.random(dModel: 8, heads: 2, seed: 5)
        #expect(a == (try MultiHeadAttention.random(dModel: 8, heads: 2, seed: 5)))
        #expect(Ref.close(a.Wk, Matrix.random(rows: 8, cols: 8, seed: 6).map { $0 / 8.0.squareRoot() }, 1e-15))
        #expect(a.keySize == 4)
        #expect(throws: EngineError.self) { try MultiHeadAttention.random(dModel: 8, heads: 3, seed: 5) }
    }
}
