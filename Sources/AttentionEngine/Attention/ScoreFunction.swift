import Foundation

// Score functions e_i = F(s, h_i): how well the query (the decoder state s) matches each key h_i.
// - dot, general: Luong et al. 2015, §3.1, "dot" and "general" (the score list that follows eq. (7)).
// - location: Luong et al. 2015, eq. (8), a_t = softmax(W_a h_t) — applied to the decoder state.
// - additive: Bahdanau et al. 2014, eq. (6) and appendix A.1.2: e_ij = v_aᵀ tanh(W_a s_{i−1} + U_a h_j).
// - scaledDot: Vaswani et al. 2017, eq. (1): QKᵀ/√d_k.
// - mlp: the same form with the query matrix named W and the key matrix U (Luong's "concat",
//   written vᵀ tanh(W q + U k) as in d2l.ai §11.3).
// - cosine: Graves et al. 2014 (NTM), eq. (6), K[u, v] = u·v/(‖u‖‖v‖), sharpened by β.
// - concat: the linear wᵀ[q; k] (CURRICULUM C.1: without a nonlinearity the query term cancels).
// Shapes: the query s has d_s entries, the keys are S × d_h (row i is h_i), weights are (out × in).

/// A way to score a query against each key; `e` is before softmax (CURRICULUM §B "score vs weight").
public enum ScoreFunction: Equatable, Sendable, Codable {
    /// `sᵀh_i`; needs d_s = d_h.
    case dot
    /// `sᵀh_i/√d`, d = the key size d_h (Vaswani et al. 2017).
    case scaledDot
    /// `sᵀ W h_i` (Luong "general"); `W` is d_s × d_h.
    case general(W: Matrix)
    /// `vᵀ tanh(W1 h_i + W2 s [+ b1 + b2])` (Bahdanau); `W1` is d_a × d_h, `W2` d_a × d_s, `v` d_a.
    /// Bias-free by default, like Bahdanau, d2l and TF-Addons (the TensorFlow tutorial adds biases).
    case additive(W1: Matrix, W2: Matrix, v: Vector, b1: Vector? = nil, b2: Vector? = nil)
    /// `vᵀ(W1 h_i + W2 s)`: the article's "additive without tanh". Its query term `vᵀW2 s` is the
    /// same for every i and cancels in softmax, so the weights ignore the query (CURRICULUM C.1).
    case additiveNoTanh(W1: Matrix, W2: Matrix, v: Vector)
    /// `vᵀ tanh(W q + U k_i)`; `W` is d_a × d_s, `U` d_a × d_h, `v` d_a.
    case mlp(W: Matrix, U: Matrix, v: Vector)
    /// `β·cos(q, k_i) = β·q·k_i/(‖q‖‖k_i‖)`; the denominator is clamped at 1e−8 (torch's
    /// `cosine_similarity`), so a zero vector scores 0 instead of dividing by zero.
    case cosine(beta: Double = 1)
    /// `wᵀ[q; k_i]`; `w` has d_s + d_h entries. Linear, so the query half cancels in softmax.
    case concat(w: Vector)
    /// Luong's location score `e = W s`: one score per source position from the decoder state
    /// alone, ignoring the keys' contents (CURRICULUM C.2). `W` is S × d_s.
    case location(W: Matrix)

    /// The case name as the script language spells it: "dot", "scaledDot", "general", ….
    public var name: String {
        switch self {
        case .dot: return "dot"
        case .scaledDot: return "scaledDot"
        case .general: return "general"
        case .additive: return "additive"
        case .additiveNoTanh: return "additiveNoTanh"
        case .mlp: return "mlp"
        case .cosine: return "cosine"
        case .concat: return "concat"
        case .location: return "location"
        }
    }

    /// The formula for e_i, in the lessons' notation, with the keys called h (seq2seq: the encoder
    /// states).
    public var formula: String { formula(key: "h") }

    /// The formula for e_i with the keys called `key`: `formula(key: "k")` is `sᵀkᵢ` for `.dot`, the
    /// caption for keys that are not the encoder states (lesson 6's `K`). The forms written with q
    /// and k already (mlp, cosine, concat) and location, which reads no key, do not change.
    public func formula(key: String) -> String {
        let k = key + "ᵢ"
        switch self {
        case .dot: return "sᵀ\(k)"
        case .scaledDot: return "sᵀ\(k)/√d"
        case .general: return "sᵀ W \(k)"
        case .additive(_, _, _, let b1, let b2):
            return (b1 == nil && b2 == nil) ? "vᵀ tanh(W₁\(k) + W₂s)" : "vᵀ tanh(W₁\(k) + b₁ + W₂s + b₂)"
        case .additiveNoTanh: return "vᵀ(W₁\(k) + W₂s)"
        case .mlp: return "vᵀ tanh(W q + U kᵢ)"
        case .cosine(let beta): return beta == 1 ? "cos(q, kᵢ)" : "β·cos(q, kᵢ)"
        case .concat: return "wᵀ[q; kᵢ]"
        case .location: return "(W s)ᵢ"
        }
    }

    /// The score of `query` against every row of `keys`.
    /// - Parameters:
    ///   - query: the query s (d_s entries), e.g. the decoder state.
    ///   - keys: S × d_h, row i is h_i; its row labels (source tokens) label the result.
    /// - Returns: `e`, S entries, labelled by `keys.rowLabels`.
    /// - Throws: `EngineError` naming the parameter and both shapes when sizes disagree.
    public func scores(query: Vector, keys: Matrix) throws -> Vector {
        let prepared = try PreparedScore(self, queryCount: query.count, keys: keys)
        return Vector(prepared.scores(query.values), labels: keys.rowLabels)
    }
}

/// A score function with its key-side work done once (`W1 h_i` for every i), for many queries.
///
/// `ScoreFunction.scores`, `Attention.attendAll` and the decoders all go through this, so the
/// arithmetic lives in one place. Shapes are validated in `init`; `scores` then cannot fail.
struct PreparedScore {
    let score: ScoreFunction
    let keys: Matrix
    let queryCount: Int
    /// Additive family: `K1 = keys @ W1ᵀ (+ b1)`, S × d_a, row-major. `// (S, d_h) @ (d_h, d_a) -> (S, d_a)`
    var projectedKeys: [Double] = []
    var inner = 0
    /// Cosine: ‖h_i‖ for every key.
    var keyNorms: [Double] = []

    init(_ score: ScoreFunction, queryCount ds: Int, keys: Matrix) throws {
        self.score = score
        self.keys = keys
        self.queryCount = ds
        let S = keys.rows, dh = keys.cols
        guard S > 0, dh > 0 else {
            throw EngineError("attention needs at least one key: keys are \(keys.shape)", parameter: "keys")
        }
        guard ds > 0 else { throw EngineError("the query is empty", parameter: "query") }
        func same(_ what: String) throws {
            guard ds == dh else {
                throw EngineError("the \(what) score needs the query and each key to have the same size: "
                                  + "s has \(ds) entries, keys are \(keys.shape) (hᵢ has \(dh))", parameter: "query")
            }
        }
        switch score {
        case .dot: try same("dot")
        case .scaledDot: try same("scaledDot")
        case .cosine(let beta):
            try same("cosine")
            guard beta.isFinite else { throw EngineError("cosine needs a finite β, found \(beta)", parameter: "beta") }
            keyNorms = (0..<S).map { i in keys.storage[(i * dh)..<((i + 1) * dh)].reduce(0) { $0 + $1 * $1 }.squareRoot() }
        case .general(let W):
            guard W.rows == ds, W.cols == dh else {
                throw EngineError("`W` must be d_s×d_h for sᵀ W hᵢ: W is \(W.shape), s has \(ds) entries, hᵢ has \(dh)",
                                  parameter: "W")
            }
        case .additive(let W1, let W2, let v, let b1, let b2):
            try Self.checkAdditive(W1: W1, W2: W2, v: v, keyName: "hᵢ", queryName: "s", names: ("W1", "W2"), ds: ds, dh: dh)
            for (b, name) in [(b1, "b1"), (b2, "b2")] {
                if let b, b.count != W1.rows {
                    throw EngineError("`\(name)` must have d_a entries to add to W1 hᵢ: \(name) has \(b.count), W1 is \(W1.shape)",
                                      parameter: name)
                }
            }
            try project(W1, bias: b1)
        case .additiveNoTanh(let W1, let W2, let v):
            try Self.checkAdditive(W1: W1, W2: W2, v: v, keyName: "hᵢ", queryName: "s", names: ("W1", "W2"), ds: ds, dh: dh)
            try project(W1, bias: nil)
        case .mlp(let W, let U, let v):
            try Self.checkAdditive(W1: U, W2: W, v: v, keyName: "kᵢ", queryName: "q", names: ("U", "W"), ds: ds, dh: dh)
            try project(U, bias: nil)
        case .concat(let w):
            guard w.count == ds + dh else {
                throw EngineError("`w` must have d_s + d_h entries for wᵀ[q; kᵢ]: w has \(w.count), q has \(ds), kᵢ has \(dh)",
                                  parameter: "w")
            }
        case .location(let W):
            guard W.rows == S, W.cols == ds else {
                throw EngineError("`W` must be S×d_s for the location score W s: W is \(W.shape), "
                                  + "s has \(ds) entries, keys are \(keys.shape) (S = \(S))", parameter: "W")
            }
        }
    }

    private static func checkAdditive(W1: Matrix, W2: Matrix, v: Vector, keyName: String, queryName: String,
                                      names: (String, String), ds: Int, dh: Int) throws {
        let (n1, n2) = names
        guard W1.rows > 0 else {
            throw EngineError("`\(n1)` needs at least one row (d_a ≥ 1): \(n1) is \(W1.shape)", parameter: n1)
        }
        guard W1.cols == dh else {
            throw EngineError("`\(n1)` must be d_a×d_h to multiply \(keyName): \(n1) is \(W1.shape), \(keyName) has \(dh) entries",
                              parameter: n1)
        }
        guard W2.cols == ds else {
            throw EngineError("`\(n2)` must be d_a×d_s to multiply \(queryName): \(n2) is \(W2.shape), \(queryName) has \(ds) entries",
                              parameter: n2)
        }
        guard W2.rows == W1.rows else {
            throw EngineError("`\(n1)` and `\(n2)` must have the same number of rows (d_a) to be added: "
                              + "\(n1) is \(W1.shape), \(n2) is \(W2.shape)", parameter: n2)
        }
        guard v.count == W1.rows else {
            throw EngineError("`v` must have d_a entries to score tanh(…): v has \(v.count), \(n1) is \(W1.shape)", parameter: "v")
        }
    }

    /// `K1 = keys @ Wᵀ (+ b)`. `// (S, d_h) @ (d_h, d_a) -> (S, d_a)`
    private mutating func project(_ W: Matrix, bias: Vector?) throws {
        var k1 = try keys.matmulTransposed(W).storage
        inner = W.rows
        if let bias {
            for i in 0..<keys.rows { for j in 0..<inner { k1[i * inner + j] += bias.values[j] } }
        }
        projectedKeys = k1
    }

    /// Scores of one query (already known to have `queryCount` entries) against every key.
    func scores(_ q: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: keys.rows)
        out.withUnsafeMutableBufferPointer { scores(q, into: $0.baseAddress!) }
        return out
    }

    /// Writes the S scores of query `q` into `out`.
    func scores(_ q: [Double], into out: UnsafeMutablePointer<Double>) {
        let S = keys.rows, dh = keys.cols
        keys.storage.withUnsafeBufferPointer { kp in
            let K = kp.baseAddress!
            switch score {
            case .dot, .scaledDot:
                let scale = (score == .scaledDot) ? 1 / Double(dh).squareRoot() : 1
                for i in 0..<S { out[i] = Self.dot(q, K + i * dh, dh) * scale }
            case .general(let W):
                // sᵀ W h_i = (Wᵀ s)·h_i: one d_s×d_h pass, then S dot products.
                let u = Matrix.multiplyVector(Matrix.transpose(W.storage, W.rows, W.cols), W.cols, W.rows, q)  // (d_h, d_s) @ (d_s) -> (d_h)
                for i in 0..<S { out[i] = Self.dot(u, K + i * dh, dh) }
            case .cosine(let beta):
                let qn = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for i in 0..<S { out[i] = beta * Self.dot(q, K + i * dh, dh) / max(qn * keyNorms[i], 1e-8) }
            case .additive(_, let W2, let v, _, let b2):
                var q2 = Matrix.multiplyVector(W2.storage, W2.rows, W2.cols, q)  // (d_a, d_s) @ (d_s) -> (d_a)
                if let b2 { for j in 0..<inner { q2[j] += b2.values[j] } }
                additive(q2, v.values, tanh: true, out)
            case .additiveNoTanh(_, let W2, let v):
                additive(Matrix.multiplyVector(W2.storage, W2.rows, W2.cols, q), v.values, tanh: false, out)
            case .mlp(let W, _, let v):
                additive(Matrix.multiplyVector(W.storage, W.rows, W.cols, q), v.values, tanh: true, out)
            case .concat(let w):
                let ds = q.count
                let queryPart = zip(q, w.values[0..<ds]).reduce(0) { $0 + $1.0 * $1.1 }
                let keyWeights = Array(w.values[ds...])
                for i in 0..<S { out[i] = queryPart + Self.dot(keyWeights, K + i * dh, dh) }
            case .location(let W):
                let e = Matrix.multiplyVector(W.storage, W.rows, W.cols, q)  // (S, d_s) @ (d_s) -> (S)
                for i in 0..<S { out[i] = e[i] }
            }
        }
    }

    /// e_i = Σ_j v_j f(K1[i, j] + q2[j]), f = tanh or identity.
    ///
    /// tanh runs over a whole row at a time (`FastTanh`, vectorised) before the dot product with v;
    /// this loop is where additive attention spends its time.
    private func additive(_ q2: [Double], _ v: [Double], tanh useTanh: Bool, _ out: UnsafeMutablePointer<Double>) {
        let da = inner
        var scratch = [Double](repeating: 0, count: da)
        projectedKeys.withUnsafeBufferPointer { kp in
            q2.withUnsafeBufferPointer { qp in
                v.withUnsafeBufferPointer { vp in
                    scratch.withUnsafeMutableBufferPointer { zp in
                        let z = zp.baseAddress!
                        for i in 0..<keys.rows {
                            let row = kp.baseAddress! + i * da
                            for j in 0..<da { z[j] = row[j] + qp[j] }              // W1 h_i + W2 s
                            if useTanh { FastTanh.apply(z, count: da) }
                            out[i] = Self.dot(vp, UnsafePointer(z), da)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func dot(_ a: [Double], _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        a.withUnsafeBufferPointer { dot($0, b, n) }
    }

    /// Σ_k a_k b_k with four accumulators (independent chains the CPU can overlap).
    @inline(__always)
    private static func dot(_ ap: UnsafeBufferPointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        do {
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var k = 0
            while k + 4 <= n {
                s0 += ap[k] * b[k]; s1 += ap[k + 1] * b[k + 1]; s2 += ap[k + 2] * b[k + 2]; s3 += ap[k + 3] * b[k + 3]
                k += 4
            }
            while k < n { s0 += ap[k] * b[k]; k += 1 }
            return (s0 + s1) + (s2 + s3)
        }
    }
}
