import Foundation

// Attention as three steps (CURRICULUM lesson 6): similarity e = F(q, K), normalisation
// α = softmax(e), weighted sum a = αV. Bahdanau et al. 2014, eqs. (5)–(6); Vaswani et al. 2017, eq. (1).

/// Entry points for attention over a set of keys.
public enum Attention {
    /// One query attends over the keys.
    /// - Parameters:
    ///   - query: the query s (d_s entries).
    ///   - keys: S × d_h; row labels (source tokens) label e and α.
    ///   - values: S × d_v, defaulting to `keys` (seq2seq attention: K = V = h).
    ///   - score: the score function F.
    ///   - mask: S "may attend" flags; masked weights are exactly 0.
    ///   - temperature: softmax temperature τ > 0.
    /// - Returns: the step with e, the softmax trace, α and a.
    /// - Throws: `EngineError` for mismatched shapes, a bad mask or temperature.
    public static func attend(query: Vector, keys: Matrix, values: Matrix? = nil, score: ScoreFunction,
                              mask: [Bool]? = nil, temperature: Double = 1) throws -> AttentionStep {
        let values = values ?? keys
        guard values.rows == keys.rows else {
            throw EngineError("`values` must have one row per key: values are \(values.shape), keys are \(keys.shape)",
                              parameter: "values")
        }
        let e = try score.scores(query: query, keys: keys)
        let trace = try Softmax.trace(e, mask: mask, temperature: temperature)
        // a = αᵀ V: (S) @ (S, d_v) -> (d_v)
        let a = WeightedSum.rows(trace.weights.values, values)
        return AttentionStep(query: query, keys: keys, values: values, score: score, e: e, softmax: trace,
                             alpha: trace.weights, a: Vector(a, labels: values.colLabels))
    }

    /// Many queries attend over the same keys at once (rows of `queries`): self-attention, whole
    /// alignment matrices, benchmarks.
    ///
    /// Matrix products for dot, scaledDot and general (`E = Q W Kᵀ`); for the additive family the
    /// key projection `W1 h_i` is computed once for all queries. Gives the same numbers as calling
    /// `attend` row by row (up to rounding in the last bits, summation order differs).
    /// - Parameters:
    ///   - queries: T × d_s, one query per row (row labels label the result's rows).
    ///   - keys: S × d_h.
    ///   - values: S × d_v, defaulting to `keys`.
    ///   - score: the score function.
    ///   - mask: T rows of S "may attend" flags.
    ///   - temperature: softmax temperature τ > 0.
    /// - Returns: e and α (T × S) and a (T × d_v).
    /// - Throws: `EngineError` for mismatched shapes or masks, or a row with nothing to attend to.
    public static func attendAll(queries: Matrix, keys: Matrix, values: Matrix? = nil, score: ScoreFunction,
                                 mask: [[Bool]]? = nil, temperature: Double = 1) throws -> AttentionMatrices {
        let values = values ?? keys
        guard values.rows == keys.rows else {
            throw EngineError("`values` must have one row per key: values are \(values.shape), keys are \(keys.shape)",
                              parameter: "values")
        }
        let prepared = try PreparedScore(score, queryCount: queries.cols, keys: keys)
        let T = queries.rows, S = keys.rows
        var e: [Double]
        switch score {
        case .dot:
            e = try queries.matmulTransposed(keys).storage                       // (T, d) @ (d, S) -> (T, S)
        case .scaledDot:
            e = try queries.matmulTransposed(keys).storage                       // (T, d) @ (d, S) -> (T, S)
            let scale = 1 / Double(keys.cols).squareRoot()
            for k in 0..<e.count { e[k] *= scale }
        case .general(let W):
            let qw = try Matrix(rows: T, cols: queries.cols, storage: queries.storage).matmul(W)  // (T, d_s) @ (d_s, d_h) -> (T, d_h)
            e = try qw.matmulTransposed(keys).storage                            // (T, d_h) @ (d_h, S) -> (T, S)
        default:
            e = [Double](repeating: 0, count: T * S)
            e.withUnsafeMutableBufferPointer { out in
                for t in 0..<T {
                    let q = Array(queries.storage[(t * queries.cols)..<((t + 1) * queries.cols)])
                    prepared.scores(q, into: out.baseAddress! + t * S)
                }
            }
        }
        var alpha = e
        try Softmax.rowsInPlace(&alpha, rows: T, cols: S, mask: mask, temperature: temperature)
        let a = Matrix.multiply(alpha, T, S, values.storage, values.cols)          // (T, S) @ (S, d_v) -> (T, d_v)
        return AttentionMatrices(
            e: Matrix(rows: T, cols: S, storage: e, rowLabels: queries.rowLabels, colLabels: keys.rowLabels),
            alpha: Matrix(rows: T, cols: S, storage: alpha, rowLabels: queries.rowLabels, colLabels: keys.rowLabels),
            a: Matrix(rows: T, cols: values.cols, storage: a, rowLabels: queries.rowLabels, colLabels: values.colLabels))
    }
}
