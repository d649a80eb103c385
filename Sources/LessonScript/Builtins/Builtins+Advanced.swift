import AttentionEngine

// The advanced mechanisms (lessons 9–17): Q/K/V and self-attention, masks, multi-head, hard and
// local attention, hierarchical attention, CNN attention, sentence vectors, Transformer parts,
// operation counts. Each builtin returns a record whose fields are the engine trace's intermediates;
// `explain` on a field gives the worked arithmetic of one representative value.

extension BuiltinRegistry {
    static let advancedBuiltins: [Builtin] = selfAttentionBuiltins + hardLocalBuiltins + structuredBuiltins + transformerBuiltins
}

// MARK: - Helpers

func record(_ kind: String, captions: [String: String] = [:], _ fields: [(String, Value)], trace: Trace? = nil) -> Value {
    .record(Record(kind: kind, fields: fields.map { (name: $0.0, value: $0.1) }, trace: trace, captions: captions))
}

func indexed(_ r: Explainer.Request, _ field: String, count: Int, kind: String) throws -> Int {
    guard let i = r.index else { throw EngineError("`explain` needs a position: write `.\(field)[i]` for the \(kind)") }
    guard i >= 0, i < count else { throw EngineError("position \(i) is outside 0..<\(count) for `.\(field)`") }
    return i
}

/// `.A[i, j]` of an ABCNN match matrix (`.A[i]` means column 0), both positions checked.
func explainMatch(_ m: MatchMatrixTrace, _ r: Explainer.Request) throws -> WorkedArithmetic {
    let i = try indexed(r, "A", count: m.A.rows, kind: "row")
    let j = r.column ?? 0
    guard j >= 0, j < m.A.cols else { throw EngineError("column \(j) is outside 0..<\(m.A.cols) for `.A`") }
    return m.explain(i, j)
}

func combine(_ title: String, _ parts: [WorkedArithmetic]) -> WorkedArithmetic {
    WorkedArithmetic(title: ArithmeticText(title), lines: parts.flatMap(\.lines), note: parts.compactMap(\.note).first)
}

extension BuiltinCall {
    /// A multi-head layer from the labelled weights `<prefix>Wq`, `Wk`, `Wv`, `Wo` (and biases
    /// `<prefix>bq`… when `biases`), as `multihead`, the encoder and the decoder all take them.
    func multiHeadLayer(heads h: Int, prefix: String = "", biases: Bool = false) throws -> MultiHeadAttention {
        let name = { (w: String) in prefix.isEmpty ? w : prefix + w.prefix(1).uppercased() + w.dropFirst() }
        let b = { (w: String) throws -> Vector? in biases ? try self.optionalVector(name(w)) : nil }
        return try engine {
            try MultiHeadAttention(heads: h, Wq: try requiredMatrix(name("Wq")), Wk: try requiredMatrix(name("Wk")),
                                   Wv: try requiredMatrix(name("Wv")), Wo: try requiredMatrix(name("Wo")),
                                   bq: try b("bq"), bk: try b("bk"), bv: try b("bv"), bo: try b("bo"))
        }
    }

    /// Layer norm `k` of a Transformer layer from `gamma<k>:`, `beta<k>:` and the shared `eps:`
    /// (torch's `norm<k>.weight`, `.bias`, `eps`); γ = 1, β = 0, ε = 1e-5 when left out.
    func layerNorm(_ k: Int, size: Int) throws -> LayerNorm {
        let eps = try argument("eps").map { try number($0, "eps") } ?? 1e-5
        let gamma = try optionalVector("gamma\(k)") ?? Vector(repeating: 1, count: size)
        let beta = try optionalVector("beta\(k)") ?? Vector(repeating: 0, count: size)
        return try engine { try LayerNorm(gamma: gamma, beta: beta, epsilon: eps) }
    }

    /// The position-wise feed-forward layer from `W1`, `b1`, `W2`, `b2`.
    func feedForwardLayer() throws -> FeedForward {
        try engine {
            try FeedForward(W1: try requiredMatrix("W1"), b1: try optionalVector("b1"), W2: try requiredMatrix("W2"), b2: try optionalVector("b2"))
        }
    }

    /// `engine(_:)`, with the engine's parameter names mapped to this builtin's labels (the engine
    /// says `temperature` and `halfWidth`, the script `tau` and `D`), so the caret lands on the argument.
    func engine<T>(renaming names: [String: String], _ body: () throws -> T) throws -> T {
        try engine {
            do { return try body() } catch var e as EngineError {
                if let p = e.parameter, let label = names[p] { e.parameter = label }
                throw e
            }
        }
    }

    /// An optional matrix argument labelled `label`.
    func optionalMatrix(_ label: String) throws -> Matrix? {
        try argument(label).map { try matrix($0, label) }
    }

    func optionalVector(_ label: String) throws -> Vector? {
        try argument(label).map { try vector($0, label) }
    }

    func requiredMatrix(_ label: String) throws -> Matrix {
        try matrix(try required(0, label, labelled: true), label)
    }

    func requiredVector(_ label: String) throws -> Vector {
        try vector(try required(0, label, labelled: true), label)
    }

    /// A (queries × keys) "may attend" mask: `"causal"`, a 1/0 matrix, or a 1/0 vector used for every query.
    func attentionMask(queries: Int, keys: Int) throws -> [[Bool]]? {
        guard let a = argument("mask") else { return nil }
        switch a.value {
        case .string("causal"): return AttentionMask.causal(queries)
        case .vector: return Array(repeating: try mask(a), count: queries)
        case .matrix(let m):
            guard m.storage.allSatisfy({ $0 == 0 || $0 == 1 }) else {
                throw Diagnostic(at: a.location, id: "wrong-type", "`mask` must hold 1/0 (1 = may attend)")
            }
            return (0..<m.rows).map { i in m.row(i).values.map { $0 == 1 } }
        default: throw wrongType(a, "mask", "`\"causal\"`, a 1/0 matrix (queries × keys) or a 1/0 vector")
        }
    }
}

extension BuiltinCall {
    /// torch's masks, in torch's polarity: `attnMask:` (T × S, 1 blocks) and `keyPaddingMask:`
    /// (S, 1 is padding), combined into "may attend" rows; nil when neither is given.
    func torchMask(queries: Int, keys: Int) throws -> [[Bool]]? {
        func ones(_ a: Argument, _ rows: Int, _ what: String) throws -> [[Bool]] {
            let m: Matrix
            switch a.value {
            case .matrix(let x): m = x
            case .vector(let v): m = Matrix(rows: 1, cols: v.count, storage: v.values)
            default: throw wrongType(a, what, "a 1/0 matrix or vector (1 = blocked, as torch's True)")
            }
            guard m.storage.allSatisfy({ $0 == 0 || $0 == 1 }) else {
                throw Diagnostic(at: a.location, id: "wrong-type", "`\(what)` must hold 1/0 (torch's True/False: 1 blocks)")
            }
            guard m.cols == keys, m.rows == rows || m.rows == 1 else {
                throw Diagnostic(at: a.location, id: "shape-mismatch",
                                 "`\(what)` must be \(rows == 1 ? "a vector of \(keys)" : "\(rows) × \(keys) (queries × keys)"), found \(m.rows) × \(m.cols)")
            }
            return (0..<queries).map { i in m.row(m.rows == 1 ? 0 : i).values.map { $0 == 1 } }
        }
        let attn = try argument("attnMask").map { try ones($0, queries, "attnMask") }
        let padding = try argument("keyPaddingMask").map { try ones($0, 1, "keyPaddingMask") }
        guard attn != nil || padding != nil else { return nil }
        return (0..<queries).map { i in (0..<keys).map { j in !(attn?[i][j] ?? false) && !(padding?[i][j] ?? false) } }
    }
}

/// Refuses attention too big for a lesson, like `@` does: the projections (n × d @ d × 3d), the scores
/// and weighted sums (n × d @ d × m, twice) must each stay within `Limits.maximumWork`.
func checkAttentionWork(_ call: BuiltinCall, queries n: Int, keys m: Int, width d: Int) throws {
    try Arithmetic.checkWork(n + m, d, 3 * d, at: call.location)
    try Arithmetic.checkWork(n, 2 * d, m, at: call.location)
}

func maskMatrix(_ m: [[Bool]]) -> Matrix {
    Matrix(rows: m.count, cols: m.first?.count ?? 0, storage: m.flatMap { $0.map { $0 ? 1.0 : 0.0 } })
}

/// `.e[i]`: every score of query i, worked.
func scoreRowExplanation(_ t: ScaledDotProductTrace, _ r: Explainer.Request, field: String = "e") throws -> WorkedArithmetic {
    let i = try indexed(r, field, count: t.scores.rows, kind: "row of scores of query i")
    return combine("e[\(i), ·], the scaled dot scores of query \(i)",
                   (0..<t.keys.rows).map { t.explainScore(query: i, key: $0) })
}

/// `.alpha[i]`: the softmax of query i's scores (masked positions shown as 0), worked.
func weightRowExplanation(_ t: ScaledDotProductTrace, _ r: Explainer.Request) throws -> WorkedArithmetic {
    let i = try indexed(r, "alpha", count: t.weights.rows, kind: "row of weights of query i")
    let softmax = try Softmax.trace(t.scores.row(i), mask: t.mask?[i])
    let worked = softmax.explain()
    return WorkedArithmetic(title: ArithmeticText("α[\(i), ·] = softmax(e[\(i), ·]), the weights of query \(i)"), lines: worked.lines, note: worked.note)
}

func qkvRecord(_ t: QKVTrace, cross: Bool) -> Value {
    record(cross ? "Q/K/V attention" : "self-attention", [("Q", .matrix(t.Q)), ("K", .matrix(t.K)), ("V", .matrix(t.V)), ("e", .matrix(t.scores)),
                              ("alpha", .matrix(t.weights)), ("output", .matrix(t.output))],
           trace: .qkv(t))
}

func multiHeadRecord(_ t: MultiHeadTrace) -> Value {
    let heads = record("heads", t.heads.map { ("head\($0.index)", .matrix($0.weights)) })
    let outputs = record("head outputs", t.heads.map { ("head\($0.index)", .matrix($0.output)) })
    return record("multi-head attention",
                  [("heads", heads), ("mean", .matrix(t.meanWeights)), ("output", .matrix(t.output)),
                   ("headOutputs", outputs), ("concat", .matrix(t.concatenated)),
                   ("Q", .matrix(t.Q)), ("K", .matrix(t.K)), ("V", .matrix(t.V))],
                  trace: .multiHead(t))
}
