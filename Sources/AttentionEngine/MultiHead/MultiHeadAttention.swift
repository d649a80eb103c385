// Multi-head attention (Vaswani et al. 2017 §3.2.2):
//     MultiHead(Q, K, V) = Concat(head_1, …, head_h) W^O,   head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V)
//
// Packed projections, as torch and Keras store them: Wq is (h·d_k × d_model) and head `i` takes
// columns `i·d_k ..< (i+1)·d_k` of the projected Q = X Wqᵀ + bq (the same for K, V with d_v).
// Weights are (out × in) (CURRICULUM §B, torch's layout): the output is Concat(…) Woᵀ + bo.
// Scores are divided by √d_k, d_k being the key size *per head*.

/// One head's slice of the projections and its attention.
public struct HeadTrace: Equatable, Sendable, Codable {
    /// The head's index, from 0.
    public var index: Int
    /// The columns of the packed Q and K this head takes: `index·d_k ..< (index+1)·d_k`.
    public var keyColumns: Range<Int>
    /// The columns of the packed V this head takes: `index·d_v ..< (index+1)·d_v`.
    public var valueColumns: Range<Int>
    /// `softmax(Q_h K_hᵀ/√d_k) V_h` with Q_h, K_h, V_h, scores, weights and output.
    public var attention: ScaledDotProductTrace

    public var weights: Matrix { attention.weights }
    public var output: Matrix { attention.output }
}

/// Every intermediate of one multi-head attention.
public struct MultiHeadTrace: Equatable, Sendable, Codable {
    /// Packed projections (n × h·d_k), (m × h·d_k), (m × h·d_v).
    public var Q: Matrix
    public var K: Matrix
    public var V: Matrix
    /// One trace per head.
    public var heads: [HeadTrace]
    /// `Concat(head_1 … head_h)` (n × h·d_v).
    public var concatenated: Matrix
    /// `Concat(…) Woᵀ + bo` (n × d_model).
    public var output: Matrix
    /// The weights averaged over heads (n × m): what torch returns with `average_attn_weights=True`.
    public var meanWeights: Matrix

    /// Each head's weights (n × m), in head order.
    public var headWeights: [Matrix] { heads.map(\.weights) }
}

/// Multi-head attention with packed (out × in) projections.
public struct MultiHeadAttention: Equatable, Sendable, Codable {
    public var headCount: Int
    /// (h·d_k × d_query)
    public var Wq: Matrix
    /// (h·d_k × d_key)
    public var Wk: Matrix
    /// (h·d_v × d_value)
    public var Wv: Matrix
    /// (d_out × h·d_v)
    public var Wo: Matrix
    public var bq: Vector?
    public var bk: Vector?
    public var bv: Vector?
    public var bo: Vector?

    /// The key size per head, `d_k = rows(Wq)/h` (d_model/h in the paper).
    public var keySize: Int { Wq.rows / headCount }
    /// The value size per head, `d_v = rows(Wv)/h`.
    public var valueSize: Int { Wv.rows / headCount }

    /// - Throws: `EngineError` when `heads` < 1 or does not divide the projection sizes, or the
    ///   weights disagree (naming the parameter and both shapes).
    public init(heads: Int, Wq: Matrix, Wk: Matrix, Wv: Matrix, Wo: Matrix,
                bq: Vector? = nil, bk: Vector? = nil, bv: Vector? = nil, bo: Vector? = nil) throws {
        guard heads >= 1 else { throw EngineError("heads must be at least 1, found \(Entrywise.show(heads))", parameter: "heads") }
        guard Wq.rows % heads == 0 else {
            throw EngineError("heads must divide d_model: Wq is \(Wq.shape), \(Wq.rows) rows do not split into \(heads) heads",
                              parameter: "heads")
        }
        guard Wq.rows == Wk.rows else {
            throw EngineError.shape("multi-head attention", Wq.shape, Wk.shape, "Wq and Wk with the same number of rows h·d_k", parameter: "Wk")
        }
        guard Wv.rows % heads == 0 else {
            throw EngineError("heads must divide the value size: Wv is \(Wv.shape), \(Wv.rows) rows do not split into \(heads) heads",
                              parameter: "heads")
        }
        guard Wo.cols == Wv.rows else {
            throw EngineError.shape("multi-head attention", Wv.shape, Wo.shape,
                                    "Wo with one column per row of Wv (Wo is d_model × h·d_v)", parameter: "Wo")
        }
        for (name, b, W) in [("bq", bq, Wq), ("bk", bk, Wk), ("bv", bv, Wv), ("bo", bo, Wo)] {
            if let b, b.count != W.rows {
                throw EngineError.shape("multi-head attention", b.shape, W.shape, "\(name) with one entry per row of its weight", parameter: name)
            }
        }
        self.headCount = heads
        self.Wq = Wq; self.Wk = Wk; self.Wv = Wv; self.Wo = Wo
        self.bq = bq; self.bk = bk; self.bv = bv; self.bo = bo
    }

    /// Attends `query` rows to `key`/`value` rows, every head in turn.
    /// - Parameters:
    ///   - query: (n × d_model), e.g. decoder states for cross-attention.
    ///   - key: (m × d_model).
    ///   - value: (m × d_model); defaults to `key`.
    ///   - mask: "may attend" (n × m), shared by all heads.
    /// - Throws: `EngineError` naming the weight and both shapes on a mismatch; a fully masked row.
    public func attend(query: Matrix, key: Matrix, value: Matrix? = nil, mask: [[Bool]]? = nil) throws -> MultiHeadTrace {
        let value = value ?? key
        guard key.rows == value.rows else {
            throw EngineError.shape("multi-head attention", key.shape, value.shape, "one value row per key row", parameter: "value")
        }
        let Q = try Projection.apply(query, weight: Wq, bias: bq, parameter: "Wq")   // (n, d) @ (d, h·d_k)
        let K = try Projection.apply(key, weight: Wk, bias: bk, parameter: "Wk")     // (m, d) @ (d, h·d_k)
        let V = try Projection.apply(value, weight: Wv, bias: bv, parameter: "Wv")   // (m, d) @ (d, h·d_v)
        let dk = keySize, dv = valueSize
        var heads: [HeadTrace] = []
        var concatenated: Matrix?
        var sum = Matrix(rows: query.rows, cols: key.rows)
        for h in 0..<headCount {
            let kc = (h * dk)..<((h + 1) * dk), vc = (h * dv)..<((h + 1) * dv)
            var attention = try ScaledDotProduct.attend(queries: Q.columns(kc), keys: K.columns(kc),
                                                        values: V.columns(vc), mask: mask)
            attention.weights.rowLabels = query.rowLabels
            attention.weights.colLabels = key.rowLabels
            heads.append(HeadTrace(index: h, keyColumns: kc, valueColumns: vc, attention: attention))
            concatenated = try concatenated.map { try $0.concatenatedColumns(attention.output) } ?? attention.output
            for k in 0..<sum.storage.count { sum.storage[k] += attention.weights.storage[k] }
        }
        let concat = concatenated!
        var output = try Projection.apply(concat, weight: Wo, bias: bo, parameter: "Wo")   // (n, h·d_v) @ (h·d_v, d_out)
        output.rowLabels = query.rowLabels
        var mean = sum
        for k in 0..<mean.storage.count { mean.storage[k] /= Double(headCount) }
        mean.rowLabels = query.rowLabels
        mean.colLabels = key.rowLabels
        return MultiHeadTrace(Q: Q, K: K, V: V, heads: heads, concatenated: concat, output: output, meanWeights: mean)
    }

    /// Multi-head self-attention: queries, keys and values from `X`.
    public func selfAttend(_ X: Matrix, mask: [[Bool]]? = nil) throws -> MultiHeadTrace {
        try attend(query: X, key: X, value: X, mask: mask)
    }
}

extension MultiHeadAttention {
    /// Seeded weights for examples and benchmarks: Wq, Wk, Wv, Wo (d_model × d_model) uniform in
    /// [−1/√d_model, 1/√d_model) from seeds `seed`, `seed + 1`, `seed + 2`, `seed + 3`; no biases.
    /// - Throws: `EngineError` when `heads` does not divide `dModel`.
    public static func random(dModel: Int, heads: Int, seed: UInt64) throws -> MultiHeadAttention {
        let scale = 1 / Double(max(dModel, 1)).squareRoot()
        func W(_ k: UInt64) -> Matrix { Matrix.random(rows: dModel, cols: dModel, scale: scale, seed: seed &+ k) }
        return try MultiHeadAttention(heads: heads, Wq: W(0), Wk: W(1), Wv: W(2), Wo: W(3))
    }
}
