import AttentionEngine
import Foundation

// Reductions, softmax and the loss.
// - softmax (Bahdanau et al. 2014, eq. 6), row-wise through the engine's stable kernel, with the
//   engine's mask meaning ("may attend"; masked weights exactly 0). Its Jacobian-vector product is
//   ∂L/∂x_i = α_i (∂L/∂α_i − Σ_j α_j ∂L/∂α_j); masked entries have α_i = 0 and get no gradient.
// - cross-entropy from logits: L = −(1/N) Σ_n log softmax(z_n)[y_n], computed as
//   logsumexp(z_n) − z_n[y_n] with the row maximum subtracted first; ∂L/∂z_n = (softmax(z_n) − onehot(y_n))/N
//   (the negative log-likelihood Bahdanau et al. 2014 maximise, §3.1 eq. 2, averaged per token).
// - the batched context a_b = Σ_i α_{b,i} h_{b,i} (eq. 5) for B sentences at once.

extension Tape {
    /// The sum of all entries, 1 × 1.
    public func sum(_ a: Variable) -> Variable {
        let A = values[a.id]
        return record(Matrix(rows: 1, cols: 1, storage: [A.storage.reduce(0, +)]), inputs: [a]) { tape, id in
            let g = tape.grads[id][0]
            tape.accumulate(a) { d in for k in 0..<d.count { d[k] += g } }
        }
    }

    /// The mean of all entries, 1 × 1.
    /// - Throws: `EngineError` for an empty matrix.
    public func mean(_ a: Variable) throws -> Variable {
        let n = values[a.id].storage.count
        guard n > 0 else { throw EngineError("the mean of an empty matrix is undefined") }
        return scale(sum(a), 1 / Double(n))
    }

    /// Row-wise softmax, optionally masked (`true` = may attend; masked weights are exactly 0).
    /// - Throws: `EngineError` from the engine's softmax (a row with nothing allowed, non-finite scores, a mask of the wrong shape).
    public func softmaxRows(_ a: Variable, mask: [[Bool]]? = nil) throws -> Variable {
        let out = try Softmax.rows(values[a.id], mask: mask)
        let c = out.cols
        return record(Matrix(rows: out.rows, cols: c, storage: out.storage), inputs: [a]) { tape, id in
            let g = tape.grads[id], y = tape.values[id].storage
            tape.accumulate(a) { d in
                for i in 0..<(y.count / max(c, 1)) {
                    var dot = 0.0
                    for j in 0..<c { dot += y[i * c + j] * g[i * c + j] }
                    for j in 0..<c { d[i * c + j] += y[i * c + j] * (g[i * c + j] - dot) }
                }
            }
        }
    }

    /// Mean cross-entropy of `logits` (N × V, one row per prediction) against class ids `targets` (N entries), 1 × 1.
    /// - Throws: `EngineError` when the counts differ or a class id is outside `0 ..< V`.
    public func crossEntropy(_ logits: Variable, targets: [Int]) throws -> Variable {
        let Z = values[logits.id]
        guard targets.count == Z.rows, Z.rows > 0 else {
            throw EngineError("cross-entropy needs one target per row: \(Z.rows) rows, \(targets.count) targets")
        }
        if let bad = targets.first(where: { $0 < 0 || $0 >= Z.cols }) {
            throw EngineError("class \(bad) is outside the \(Z.cols) columns of the logits")
        }
        let V = Z.cols, N = Z.rows
        var probabilities = [Double](repeating: 0, count: N * V)
        var total = 0.0
        for n in 0..<N {
            var m = -Double.infinity
            for j in 0..<V { m = max(m, Z.storage[n * V + j]) }
            var s = 0.0
            for j in 0..<V {
                let e = Foundation.exp(Z.storage[n * V + j] - m)
                probabilities[n * V + j] = e
                s += e
            }
            for j in 0..<V { probabilities[n * V + j] /= s }
            total += Foundation.log(s) + m - Z.storage[n * V + targets[n]]
        }
        return record(Matrix(rows: 1, cols: 1, storage: [total / Double(N)]), inputs: [logits]) { tape, id in
            let g = tape.grads[id][0] / Double(N)
            tape.accumulate(logits) { d in
                for n in 0..<N {
                    for j in 0..<V { d[n * V + j] += g * probabilities[n * V + j] }
                    d[n * V + targets[n]] -= g
                }
            }
        }
    }

    /// For B sentences of S positions each: `a_b = Σ_i α_{b,i} h_{b·S+i}`.
    /// `// weights (B, S), values (B·S, D) -> (B, D)`; row b·S + i of `values` is position i of sentence b.
    /// - Throws: `EngineError` when `values` does not have B·S rows.
    public func weightedRowSums(_ weights: Variable, _ values: Variable) throws -> Variable {
        let W = self.values[weights.id], H = self.values[values.id]
        let B = W.rows, S = W.cols, D = H.cols
        guard H.rows == B * S else {
            throw EngineError.shape("the batched context", W.shape, H.shape, "one value row per weight (B·S rows)")
        }
        var out = [Double](repeating: 0, count: B * D)
        for b in 0..<B {
            for i in 0..<S {
                let w = W.storage[b * S + i], row = (b * S + i) * D
                for k in 0..<D { out[b * D + k] += w * H.storage[row + k] }
            }
        }
        return record(Matrix(rows: B, cols: D, storage: out), inputs: [weights, values]) { tape, id in
            let g = tape.grads[id]
            let W = tape.values[weights.id].storage, H = tape.values[values.id].storage
            tape.accumulate(weights) { dW in
                for b in 0..<B {
                    for i in 0..<S {
                        var dot = 0.0
                        let row = (b * S + i) * D
                        for k in 0..<D { dot += g[b * D + k] * H[row + k] }
                        dW[b * S + i] += dot
                    }
                }
            }
            tape.accumulate(values) { dH in
                for b in 0..<B {
                    for i in 0..<S {
                        let w = W[b * S + i], row = (b * S + i) * D
                        for k in 0..<D { dH[row + k] += w * g[b * D + k] }
                    }
                }
            }
        }
    }
}
