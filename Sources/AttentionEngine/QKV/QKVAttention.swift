// Query–key–value attention with learned projections (Vaswani et al. 2017 §3.2; lesson 6 and 12).
//
// Convention (CURRICULUM §B): weights are (out × in) as in the papers' `W x` and torch's `nn.Linear`;
// sequences are rows, so the projections are
//     Q = X Wqᵀ + bq   // (n, d_model) @ (d_model, d_k) -> (n, d_k)
//     K = Y Wkᵀ + bk   // (m, d_model) @ (d_model, d_k) -> (m, d_k)
//     V = Y Wvᵀ + bv   // (m, d_model) @ (d_model, d_v) -> (m, d_v)
// and the output is softmax(Q Kᵀ/√d_k) V. Self-attention is the case Y = X.

/// Every intermediate of one Q/K/V attention: the projections and the attention on them.
public struct QKVTrace: Equatable, Sendable, Codable {
    /// The sequence the queries come from (n × d_model).
    public var queryInput: Matrix
    /// The sequence the keys and values come from (m × d_model); equal to `queryInput` for self-attention.
    public var keyInput: Matrix
    public var Q: Matrix
    public var K: Matrix
    public var V: Matrix
    /// `softmax(Q Kᵀ/√d_k) V` with its scores and weights.
    public var attention: ScaledDotProductTrace

    public var scores: Matrix { attention.scores }
    public var weights: Matrix { attention.weights }
    public var output: Matrix { attention.output }
}

/// Single-head attention with separate query, key and value projections.
public struct QKVAttention: Equatable, Sendable, Codable {
    /// (d_k × d_model)
    public var Wq: Matrix
    /// (d_k × d_model)
    public var Wk: Matrix
    /// (d_v × d_model)
    public var Wv: Matrix
    public var bq: Vector?
    public var bk: Vector?
    public var bv: Vector?

    /// - Throws: `EngineError` naming both shapes when `Wq` and `Wk` differ in output size (d_k).
    public init(Wq: Matrix, Wk: Matrix, Wv: Matrix, bq: Vector? = nil, bk: Vector? = nil, bv: Vector? = nil) throws {
        guard Wq.rows == Wk.rows else {
            throw EngineError.shape("Q/K/V attention", Wq.shape, Wk.shape,
                                    "Wq and Wk with the same number of rows d_k (queries and keys are compared)", parameter: "Wk")
        }
        self.Wq = Wq; self.Wk = Wk; self.Wv = Wv
        self.bq = bq; self.bk = bk; self.bv = bv
    }

    /// Attends the rows of `queries` to the rows of `keys` (cross-attention).
    /// - Throws: `EngineError` naming the weight and both shapes on a mismatch; a fully masked row.
    public func attend(queries X: Matrix, keys Y: Matrix, mask: [[Bool]]? = nil) throws -> QKVTrace {
        let Q = try Projection.apply(X, weight: Wq, bias: bq, parameter: "Wq")   // (n, d) @ (d, d_k)
        let K = try Projection.apply(Y, weight: Wk, bias: bk, parameter: "Wk")   // (m, d) @ (d, d_k)
        let V = try Projection.apply(Y, weight: Wv, bias: bv, parameter: "Wv")   // (m, d) @ (d, d_v)
        var attention = try ScaledDotProduct.attend(queries: Q, keys: K, values: V, mask: mask)
        attention.weights.rowLabels = X.rowLabels
        attention.weights.colLabels = Y.rowLabels
        attention.scores.rowLabels = X.rowLabels
        attention.scores.colLabels = Y.rowLabels
        return QKVTrace(queryInput: X, keyInput: Y, Q: Q, K: K, V: V, attention: attention)
    }

    /// Self-attention: queries, keys and values all from `X` (the n × n heatmap of lesson 12).
    public func selfAttend(_ X: Matrix, mask: [[Bool]]? = nil) throws -> QKVTrace {
        try attend(queries: X, keys: X, mask: mask)
    }
}
