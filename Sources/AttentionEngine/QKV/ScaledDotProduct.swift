import Foundation

// Scaled dot-product attention over whole sequences (Vaswani et al. 2017, eq. 1):
//     Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V
// Queries, keys and values are matrices with one row per position; d_k is the key size (per head).

/// Every intermediate of `softmax(Q Kᵀ/√d_k) V`.
public struct ScaledDotProductTrace: Equatable, Sendable, Codable {
    /// Q (n × d_k), one row per query.
    public var queries: Matrix
    /// K (m × d_k), one row per key.
    public var keys: Matrix
    /// V (m × d_v), one row per value.
    public var values: Matrix
    /// `Q Kᵀ` before scaling (n × m); recomputed from the scores (not stored: the traces of a
    /// multi-head layer are kept whole, and every n × n matrix counts).
    public var dotProducts: Matrix { scale == 1 ? scores : scores.map { $0 / scale } }
    /// `1/√d_k`.
    public var scale: Double
    /// The scores `e = Q Kᵀ/√d_k` (n × m), before softmax.
    public var scores: Matrix
    /// The "may attend" mask (n × m), or `nil`.
    public var mask: [[Bool]]?
    /// The weights `α = softmax(e)` row by row (n × m); exactly 0 where masked.
    public var weights: Matrix
    /// The outputs `α V` (n × d_v).
    public var output: Matrix

    /// The arithmetic of one score `e_ij = q_i·k_j/√d_k`.
    public func explainScore(query i: Int, key j: Int) -> WorkedArithmetic {
        let q = queries.row(i).values, k = keys.row(j).values
        let d = queries.cols
        let dot = scores[i, j] / scale
        return WorkedArithmetic(
            title: "e[\(i), \(j)], the scaled dot score of query \(i) against key \(j)",
            lines: [
                .init(lhs: "q·k", symbolic: "Σ_c q_c k_c", substituted: Notation.products(q, k, limit: 8),
                      result: ArithmeticText.number(dot)),
                .init(lhs: "e[\(i), \(j)]", symbolic: "q·k / √\(d)",
                      substituted: "\(factor: dot) / \(num: Double(d).squareRoot())",
                      result: ArithmeticText.number(scores[i, j])),
            ])
    }

    /// The arithmetic of one output entry `o_ic = Σ_j α_ij v_jc`.
    public func explainOutput(query i: Int, column c: Int) -> WorkedArithmetic {
        let a = weights.row(i).values, v = values.column(c).values
        return WorkedArithmetic(
            title: "output[\(i), \(c)], the weighted sum of column \(c) of V",
            lines: [.init(lhs: "o[\(i), \(c)]", symbolic: "Σ_j α[\(i), j] v[j, \(c)]",
                          substituted: Notation.products(a, v, limit: 8),
                          result: ArithmeticText.number(output[i, c]))])
    }
}

/// `softmax(Q Kᵀ/√d_k) V`, the building block of self-, cross- and multi-head attention.
public enum ScaledDotProduct {
    /// Attends every query to every key.
    /// - Parameters:
    ///   - queries: Q (n × d_k).
    ///   - keys: K (m × d_k).
    ///   - values: V (m × d_v); defaults to the keys.
    ///   - mask: "may attend" booleans (n × m), or `nil`.
    ///   - scaled: divide by √d_k (default); `false` gives plain dot-product attention.
    /// - Throws: `EngineError` naming both shapes when Q and K differ in width, K and V in length, or the
    ///   mask in shape; and when a row of the mask allows nothing.
    public static func attend(queries: Matrix, keys: Matrix, values: Matrix? = nil,
                              mask: [[Bool]]? = nil, scaled: Bool = true) throws -> ScaledDotProductTrace {
        let values = values ?? keys
        guard queries.cols == keys.cols else {
            throw EngineError.shape("scaled dot-product attention", queries.shape, keys.shape,
                                    "queries and keys of the same width d_k (Q is n × d_k, K is m × d_k)", parameter: "keys")
        }
        guard keys.rows == values.rows else {
            throw EngineError.shape("scaled dot-product attention", keys.shape, values.shape,
                                    "one value row per key row (K is m × d_k, V is m × d_v)", parameter: "values")
        }
        try AttentionMask.check(mask, queries: queries.rows, keys: keys.rows)
        let dot = try queries.matmulTransposed(keys)                 // (n, d_k) @ (d_k, m) -> (n, m)
        let scale = scaled ? 1 / Double(queries.cols).squareRoot() : 1
        var scores = dot                                               // scaled in place below
        if scale != 1 { for k in 0..<scores.storage.count { scores.storage[k] *= scale } }
        let weights = try Softmax.rows(scores, mask: mask)            // row-wise, masked entries exactly 0
        let output = try weights.matmul(values)                       // (n, m) @ (m, d_v) -> (n, d_v)
        return ScaledDotProductTrace(queries: queries, keys: keys, values: values, scale: scale,
                                     scores: scores, mask: mask, weights: weights, output: output)
    }
}
