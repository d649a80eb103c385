import AttentionEngine

// The advanced mechanisms (lessons 9–17): Q/K/V and self-attention, masks, multi-head, hard and
// local attention, hierarchical attention, CNN attention, sentence vectors, Transformer parts,
// operation counts. Each builtin returns a record whose fields are the engine trace's intermediates;
// `explain` on a field gives the worked arithmetic of one representative value.

extension BuiltinRegistry {
    static let advancedBuiltins: [Builtin] = selfAttentionBuiltins + hardLocalBuiltins + structuredBuiltins + transformerBuiltins
}

// MARK: - Helpers

private func record(_ kind: String, captions: [String: String] = [:], _ fields: [(String, Value)], offers: String? = nil,
                    explain: (@Sendable (Explainer.Request) throws -> WorkedArithmetic)? = nil) -> Value {
    let explainer = offers.flatMap { o in explain.map { Explainer(offers: o, explain: $0) } }
    return .record(Record(kind: kind, fields: fields.map { (name: $0.0, value: $0.1) }, explainer: explainer, captions: captions))
}

private func indexed(_ r: Explainer.Request, _ field: String, count: Int, kind: String) throws -> Int {
    guard let i = r.index else { throw EngineError("`explain` needs a position: write `.\(field)[i]` for the \(kind)") }
    guard i >= 0, i < count else { throw EngineError("position \(i) is outside 0..<\(count) for `.\(field)`") }
    return i
}

/// `.A[i, j]` of an ABCNN match matrix (`.A[i]` means column 0), both positions checked.
private func explainMatch(_ m: MatchMatrixTrace, _ r: Explainer.Request) throws -> WorkedArithmetic {
    let i = try indexed(r, "A", count: m.A.rows, kind: "row")
    let j = r.column ?? 0
    guard j >= 0, j < m.A.cols else { throw EngineError("column \(j) is outside 0..<\(m.A.cols) for `.A`") }
    return m.explain(i, j, precision: r.precision)
}

private func combine(_ title: String, _ parts: [WorkedArithmetic]) -> WorkedArithmetic {
    WorkedArithmetic(title: title, lines: parts.flatMap(\.lines), note: parts.compactMap(\.note).first)
}

extension BuiltinCall {
    /// `engine(_:)`, with the engine's parameter names mapped to this builtin's labels (the engine
    /// says `temperature` and `halfWidth`, the script `tau` and `D`), so the caret lands on the argument.
    fileprivate func engine<T>(renaming names: [String: String], _ body: () throws -> T) throws -> T {
        try engine {
            do { return try body() } catch var e as EngineError {
                if let p = e.parameter, let label = names[p] { e.parameter = label }
                throw e
            }
        }
    }

    /// An optional matrix argument labelled `label`.
    fileprivate func optionalMatrix(_ label: String) throws -> Matrix? {
        try argument(label).map { try matrix($0, label) }
    }

    fileprivate func optionalVector(_ label: String) throws -> Vector? {
        try argument(label).map { try vector($0, label) }
    }

    fileprivate func requiredMatrix(_ label: String) throws -> Matrix {
        try matrix(try required(0, label, labelled: true), label)
    }

    fileprivate func requiredVector(_ label: String) throws -> Vector {
        try vector(try required(0, label, labelled: true), label)
    }

    /// A (queries × keys) "may attend" mask: `"causal"`, a 1/0 matrix, or a 1/0 vector used for every query.
    fileprivate func attentionMask(queries: Int, keys: Int) throws -> [[Bool]]? {
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

/// Refuses attention too big for a lesson, like `@` does: the projections (n × d @ d × 3d), the scores
/// and weighted sums (n × d @ d × m, twice) must each stay within `Limits.maximumWork`.
private func checkAttentionWork(_ call: BuiltinCall, queries n: Int, keys m: Int, width d: Int) throws {
    try Arithmetic.checkWork(n + m, d, 3 * d, at: call.location)
    try Arithmetic.checkWork(n, 2 * d, m, at: call.location)
}

private func maskMatrix(_ m: [[Bool]]) -> Matrix {
    Matrix(rows: m.count, cols: m.first?.count ?? 0, storage: m.flatMap { $0.map { $0 ? 1.0 : 0.0 } })
}

/// `.e[i]`: every score of query i, worked.
private func scoreRowExplanation(_ t: ScaledDotProductTrace, _ r: Explainer.Request, field: String = "e") throws -> WorkedArithmetic {
    let i = try indexed(r, field, count: t.scores.rows, kind: "row of scores of query i")
    return combine("e[\(i), ·], the scaled dot scores of query \(i)",
                   (0..<t.keys.rows).map { t.explainScore(query: i, key: $0, precision: r.precision) })
}

/// `.alpha[i]`: the softmax of query i's scores (masked positions shown as 0), worked.
private func weightRowExplanation(_ t: ScaledDotProductTrace, _ r: Explainer.Request) throws -> WorkedArithmetic {
    let i = try indexed(r, "alpha", count: t.weights.rows, kind: "row of weights of query i")
    let softmax = try Softmax.trace(t.scores.row(i), mask: t.mask?[i])
    let worked = softmax.explain(precision: r.precision)
    return WorkedArithmetic(title: "α[\(i), ·] = softmax(e[\(i), ·]), the weights of query \(i)", lines: worked.lines, note: worked.note)
}

private func qkvRecord(_ t: QKVTrace, cross: Bool) -> Value {
    record(cross ? "Q/K/V attention" : "self-attention", [("Q", .matrix(t.Q)), ("K", .matrix(t.K)), ("V", .matrix(t.V)), ("e", .matrix(t.scores)),
                              ("alpha", .matrix(t.weights)), ("output", .matrix(t.output))],
           offers: "`.e[i]` (query i's scores), `.alpha[i]` (their softmax), `.output[i]` (column 0 of output row i)") { r in
        switch r.field {
        case "output":
            let i = try indexed(r, "output", count: t.output.rows, kind: "output row")
            return t.attention.explainOutput(query: i, column: 0, precision: r.precision)
        case "alpha": return try weightRowExplanation(t.attention, r)
        default: return try scoreRowExplanation(t.attention, r)
        }
    }
}

private func multiHeadRecord(_ t: MultiHeadTrace) -> Value {
    let heads = record("heads", t.heads.map { ("head\($0.index)", .matrix($0.weights)) })
    let outputs = record("head outputs", t.heads.map { ("head\($0.index)", .matrix($0.output)) })
    return record("multi-head attention",
                  [("heads", heads), ("mean", .matrix(t.meanWeights)), ("output", .matrix(t.output)),
                   ("headOutputs", outputs), ("concat", .matrix(t.concatenated)),
                   ("Q", .matrix(t.Q)), ("K", .matrix(t.K)), ("V", .matrix(t.V))],
                  offers: "`.heads[h]` (head h's scores for query 0)") { r in
        let h = try indexed(r, "heads", count: t.heads.count, kind: "head")
        let row = try scoreRowExplanation(t.heads[h].attention, Explainer.Request(field: "heads", index: 0, precision: r.precision))
        return WorkedArithmetic(title: "head \(h): " + row.title + " (d_k = \(t.heads[h].attention.queries.cols))",
                                lines: row.lines, note: row.note)
    }
}

// MARK: - Self-attention, masks, multi-head

extension BuiltinRegistry {
    static let selfAttentionBuiltins: [Builtin] = [
        Builtin(name: "causalMask", signature: "causalMask(n)",
                summary: "The n×n causal mask: 1 where query i may attend to key j ≤ i, 0 above the diagonal.",
                doc: "Masks mean “may attend” (torch SDPA and Keras; torch `nn.MultiheadAttention` uses the opposite). "
                    + "Masked weights are exactly 0.", group: "Self- and multi-head attention", positional: 1...1) { call in
            let n = try call.integer(call.arguments[0], "n", minimum: 1)
            try Limits.check(rows: n, cols: n, at: call.location)
            return .matrix(maskMatrix(AttentionMask.causal(n)))
        },
        Builtin(name: "paddingMask", signature: "paddingMask(queries, keys, valid:)",
                summary: "A queries×keys mask allowing the first `valid` keys (the rest is padding).",
                doc: "A row that allows nothing is an error when used: libraries disagree (zeros, uniform, NaN), so we refuse.",
                group: "Self- and multi-head attention", labels: ["valid"], positional: 2...2) { call in
            let q = try call.integer(call.arguments[0], "queries", minimum: 1), k = try call.integer(call.positionalArguments[1], "keys", minimum: 1)
            let valid = try call.integer(try call.required(0, "valid", labelled: true), "valid", minimum: 1)
            try Limits.check(rows: q, cols: k, at: call.location)
            return .matrix(maskMatrix(try call.engine(renaming: ["validKeys": "valid"]) { try AttentionMask.padding(queries: q, keys: k, validKeys: valid) }))
        },
        Builtin(name: "selfAttention", signature: "selfAttention(x, Wq:, Wk:, Wv:, bq:, bk:, bv:, keys:, mask:)",
                summary: "Q/K/V self-attention: Q = x Wqᵀ, K = x Wkᵀ, V = x Wvᵀ, softmax(Q Kᵀ/√d_k) V.",
                doc: "Weights are (out × in), as in the papers' `W x` and torch's `nn.Linear`; `x` has one row per token. "
                    + "`mask:` takes `\"causal\"`, `causalMask(n)`, `paddingMask(…)` or any 1/0 matrix. "
                    + "`keys:` makes it cross-attention: queries from `x`, keys and values from `keys`. "
                    + "Fields: `Q`, `K`, `V`, `e` (scores), `alpha` (weights, the n×n heatmap), `output`. "
                    + "`explain att.e[i]` works query i's scores.",
                group: "Self- and multi-head attention", labels: ["Wq", "Wk", "Wv", "bq", "bk", "bv", "mask", "keys"], positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let y = try call.optionalMatrix("keys") ?? x
            let att = try call.engine {
                try QKVAttention(Wq: try call.requiredMatrix("Wq"), Wk: try call.requiredMatrix("Wk"), Wv: try call.requiredMatrix("Wv"),
                                 bq: try call.optionalVector("bq"), bk: try call.optionalVector("bk"), bv: try call.optionalVector("bv"))
            }
            let mask = try call.attentionMask(queries: x.rows, keys: y.rows)
            try checkAttentionWork(call, queries: x.rows, keys: y.rows, width: x.cols)
            return qkvRecord(try call.engine { try att.attend(queries: x, keys: y, mask: mask) }, cross: call.argument("keys") != nil)
        },
        Builtin(name: "multihead", signature: "multihead(x, heads:, Wq:, Wk:, Wv:, Wo:, bq:, bk:, bv:, bo:, keys:, mask:)",
                summary: "Multi-head attention: per-head slices of the projections, concat, then Wo.",
                doc: "Head h takes columns `h·d_k ..< (h+1)·d_k` of Q = x Wqᵀ (torch and Keras agree); scores are divided by "
                    + "√d_k per head. Weights are (out × in) like torch. `keys:` gives cross-attention (queries from `x`, keys "
                    + "and values from `keys`). Fields: `heads` (one weight matrix per head: `mh.heads[0]`), `mean` (their mean), "
                    + "`output`, `headOutputs`, `concat`, `Q`, `K`, `V`.",
                group: "Self- and multi-head attention",
                labels: ["heads", "Wq", "Wk", "Wv", "Wo", "bq", "bk", "bv", "bo", "keys", "mask"], positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let y = try call.optionalMatrix("keys") ?? x
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let mha = try call.engine {
                try MultiHeadAttention(heads: h, Wq: try call.requiredMatrix("Wq"), Wk: try call.requiredMatrix("Wk"),
                                       Wv: try call.requiredMatrix("Wv"), Wo: try call.requiredMatrix("Wo"),
                                       bq: try call.optionalVector("bq"), bk: try call.optionalVector("bk"),
                                       bv: try call.optionalVector("bv"), bo: try call.optionalVector("bo"))
            }
            let mask = try call.attentionMask(queries: x.rows, keys: y.rows)
            try checkAttentionWork(call, queries: x.rows, keys: y.rows, width: max(x.cols, y.cols))
            return multiHeadRecord(try call.engine(renaming: ["value": "keys", "key": "keys", "query": "x"]) {
                try mha.attend(query: x, key: y, value: y, mask: mask)
            })
        },
        Builtin(name: "multiheadTorch", signature: "multiheadTorch(x, heads:, inProjWeight:, inProjBias:, outProjWeight:, outProjBias:, keys:, mask:)",
                summary: "Multi-head attention from torch `nn.MultiheadAttention` weights.",
                doc: "`in_proj_weight` is (3E × E) with rows `[W_q; W_k; W_v]`; torch computes `x @ Wᵀ + b`. Same fields as `multihead`.",
                group: "Self- and multi-head attention",
                labels: ["heads", "inProjWeight", "inProjBias", "outProjWeight", "outProjBias", "keys", "mask"], positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let y = try call.optionalMatrix("keys") ?? x
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let mha = try call.engine(renaming: ["in_proj_weight": "inProjWeight", "in_proj_bias": "inProjBias",
                                                 "out_proj.weight": "outProjWeight", "bo": "outProjBias"]) {
                try MultiHeadAttention(torchInProjWeight: try call.requiredMatrix("inProjWeight"), inProjBias: try call.optionalVector("inProjBias"),
                                       outProjWeight: try call.requiredMatrix("outProjWeight"), outProjBias: try call.optionalVector("outProjBias"),
                                       heads: h)
            }
            let mask = try call.attentionMask(queries: x.rows, keys: y.rows)
            try checkAttentionWork(call, queries: x.rows, keys: y.rows, width: max(x.cols, y.cols))
            return multiHeadRecord(try call.engine(renaming: ["value": "keys", "key": "keys", "query": "x"]) {
                try mha.attend(query: x, key: y, value: y, mask: mask)
            })
        },
        Builtin(name: "multiheadKeras", signature: "multiheadKeras(x, heads:, query:, key:, value:, output:, queryBias:, keyBias:, valueBias:, outputBias:, keys:, mask:)",
                summary: "Multi-head attention from Keras `MultiHeadAttention` kernels, flattened row-major.",
                doc: "Kernels `query/key/value` have shape (E, H, key_dim), flattened in row-major order into a vector; biases "
                    + "(H, key_dim); `output` (H, value_dim, E). Keras computes `x @ kernel + b`. E is the width of `x` (of `keys` "
                    + "for key/value); key_dim follows from the length.",
                group: "Self- and multi-head attention",
                labels: ["heads", "query", "key", "value", "output", "queryBias", "keyBias", "valueBias", "outputBias", "keys", "mask"],
                positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let y = try call.optionalMatrix("keys") ?? x
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            typealias KT = MultiHeadAttention.KerasTensor
            func kernel(_ label: String, width: Int) throws -> KT {
                let v = try call.requiredVector(label)
                let per = v.count / max(width * h, 1)
                return try call.engine { try KT(shape: [width, h, per], values: v.values) }
            }
            func bias(_ label: String) throws -> KT? {
                guard let v = try call.optionalVector(label) else { return nil }
                return try call.engine { try KT(shape: [h, v.count / h], values: v.values) }
            }
            let value = try kernel("value", width: y.cols)
            let out = try call.requiredVector("output")
            let outKernel = try call.engine { try KT(shape: [h, value.shape[2], out.count / max(h * value.shape[2], 1)], values: out.values) }
            let mha = try call.engine(renaming: ["query bias": "queryBias", "key bias": "keyBias", "value bias": "valueBias", "bo": "outputBias"]) {
                try MultiHeadAttention(kerasQuery: try kernel("query", width: x.cols), queryBias: try bias("queryBias"),
                                       key: try kernel("key", width: y.cols), keyBias: try bias("keyBias"),
                                       value: value, valueBias: try bias("valueBias"),
                                       output: outKernel, outputBias: try call.optionalVector("outputBias"))
            }
            let mask = try call.attentionMask(queries: x.rows, keys: y.rows)
            try checkAttentionWork(call, queries: x.rows, keys: y.rows, width: max(x.cols, y.cols))
            return multiHeadRecord(try call.engine(renaming: ["value": "keys", "key": "keys", "query": "x"]) {
                try mha.attend(query: x, key: y, value: y, mask: mask)
            })
        },
    ]
}

// MARK: - Hard and local attention, cost

extension BuiltinRegistry {
    static let hardLocalBuiltins: [Builtin] = [
        Builtin(name: "hardArgmax", signature: "hardArgmax(alpha, values:)",
                summary: "Hard attention by argmax: a one-hot vector at the largest weight (the first on ties).",
                doc: "Fields: `chosen`, `oneHot`, `a` (the chosen value row, when `values:` is given).",
                group: "Hard and local attention", labels: ["values"], positional: 1...1) { call in
            let t = try call.engine { try HardAttention.argmax(weights: try call.vector(call.arguments[0], "alpha"), values: try call.optionalMatrix("values")) }
            var fields: [(String, Value)] = [("chosen", .number(Double(t.chosen))), ("oneHot", .vector(t.oneHot))]
            if let a = t.context { fields.append(("a", .vector(a))) }
            return record("hard attention (argmax)", fields, offers: "`.chosen`") { r in t.explain(precision: r.precision) }
        },
        Builtin(name: "hardSample", signature: "hardSample(alpha, seed:) · hardSample(alpha, u:)",
                summary: "Hard attention by sampling one position from α (inverse CDF).",
                doc: "With cumulative sums c_i = α₀ + … + α_i, the position is the first i with u < c_i. `u:` gives the uniform "
                    + "draw in [0, 1) explicitly; `seed:` takes the first `uniform()` of the seeded SplitMix64 generator. "
                    + "Xu et al. train this with REINFORCE. Fields: `u`, `cumulative`, `chosen`, `oneHot`, `a`.",
                group: "Hard and local attention", labels: ["seed", "u", "values"], positional: 1...1) { call in
            let alpha = try call.vector(call.arguments[0], "alpha"), values = try call.optionalMatrix("values")
            let t: HardAttentionTrace
            if let u = call.argument("u") {
                let x = try call.number(u, "u")
                t = try call.engine(renaming: ["uniform": "u", "weights": "alpha"]) { try HardAttention.sample(weights: alpha, uniform: x, values: values) }
            } else {
                let seed = try call.integer(try call.required(0, "seed", labelled: true), "seed", minimum: 0)
                t = try call.engine { try HardAttention.sample(weights: alpha, seed: UInt64(seed), values: values) }
            }
            var fields: [(String, Value)] = [("u", .number(t.uniform ?? 0)), ("cumulative", .vector(t.cumulative!)),
                                             ("chosen", .number(Double(t.chosen))), ("oneHot", .vector(t.oneHot))]
            if let a = t.context { fields.append(("a", .vector(a))) }
            return record("hard attention (sample)", fields, offers: "`.chosen`") { r in t.explain(precision: r.precision) }
        },
        Builtin(name: "sampleFrequencies", signature: "sampleFrequencies(alpha, draws:, seed:)",
                summary: "How often each position is drawn in `draws` inverse-CDF samples from α (fractions).",
                doc: "The uniforms are consecutive draws of one seeded SplitMix64 generator. With many draws the fractions approach α.",
                group: "Hard and local attention", labels: ["draws", "seed"], positional: 1...1) { call in
            let alpha = try call.vector(call.arguments[0], "alpha")
            let draws = try call.integer(try call.required(0, "draws", labelled: true), "draws", minimum: 1, maximum: 1_000_000)
            let seed = try call.integer(try call.required(0, "seed", labelled: true), "seed", minimum: 0)
            return .vector(try call.engine { try HardAttention.frequencies(weights: alpha, draws: draws, seed: UInt64(seed)) })
        },
        Builtin(name: "gumbelSweep", signature: "gumbelSweep(pi, taus:, seed:) · gumbelSweep(pi, taus:, u:) · gumbelSweep(pi, taus:, g:)",
                summary: "Gumbel-softmax y at several temperatures with the same noise: one row per τ.",
                doc: "`gumbelSweep(alpha, taus: [5, 1, 0.5, 0.1], seed: 3)` shows y turning one-hot as τ falls.",
                group: "Hard and local attention", labels: ["taus", "seed", "u", "g"], positional: 1...1) { call in
            let pi = try call.vector(call.arguments[0], "pi")
            let taus = try call.vector(try call.required(0, "taus", labelled: true), "taus").values
            let noise: GumbelNoise
            if let u = call.argument("u") { noise = .uniforms(try call.vector(u, "u").values) }
            else if let g = call.argument("g") { noise = .gumbel(try call.vector(g, "g").values) }
            else if let s = call.argument("seed") { noise = .seed(UInt64(try call.integer(s, "seed", minimum: 0))) }
            else { noise = .none }
            return .matrix(try call.engine(renaming: ["temperature": "taus", "temperatures": "taus", "noise": call.argument("u") != nil ? "u" : "g", "probabilities": "pi"]) {
                try HardAttention.gumbelSweep(probabilities: pi, temperatures: taus, noise: noise)
            })
        },
        Builtin(name: "gumbelSoftmax", signature: "gumbelSoftmax(pi, tau:, seed:) · gumbelSoftmax(pi, tau:, u:) · gumbelSoftmax(pi, tau:, g:)",
                summary: "Gumbel-softmax: y_i = exp((log π_i + g_i)/τ) / Σ_j exp((log π_j + g_j)/τ), g = −log(−log u).",
                doc: "The noise is explicit: `u:` uniforms in (0, 1), `g:` Gumbel values, or `seed:` (SplitMix64 uniforms). "
                    + "Without any, g = 0 (so τ = 1 gives π back). As τ → 0, y approaches one-hot. "
                    + "Fields: `u`, `g`, `logPi`, `perturbed` (log π + g), `y`, `hard` (argmax of y). `explain r.y[i]`.",
                group: "Hard and local attention", labels: ["tau", "seed", "u", "g"], positional: 1...1) { call in
            let pi = try call.vector(call.arguments[0], "pi")
            if let zero = pi.values.firstIndex(of: 0) {
                // The engine gives such positions y = 0, but log 0 = −∞ cannot be a script value.
                throw Diagnostic(at: call.arguments[0].location, id: "out-of-range",
                                 "`gumbelSoftmax` needs every π_i > 0 (log 0 = −∞), found 0 at position \(zero): drop the position or add a small ε")
            }
            let tau = try call.number(try call.required(0, "tau", labelled: true), "tau")
            let noise: GumbelNoise
            if let u = call.argument("u") { noise = .uniforms(try call.vector(u, "u").values) }
            else if let g = call.argument("g") { noise = .gumbel(try call.vector(g, "g").values) }
            else if let s = call.argument("seed") { noise = .seed(UInt64(try call.integer(s, "seed", minimum: 0))) }
            else { noise = .none }
            let t = try call.engine(renaming: ["temperature": "tau", "noise": call.argument("u") != nil ? "u" : "g", "probabilities": "pi"]) {
                try HardAttention.gumbelSoftmax(probabilities: pi, temperature: tau, noise: noise)
            }
            var fields: [(String, Value)] = []
            if let u = t.uniforms { fields.append(("u", .vector(u))) }
            fields += [("g", .vector(t.gumbel)), ("logPi", .vector(t.logProbabilities)), ("perturbed", .vector(t.perturbed)),
                       ("y", .vector(t.y)), ("hard", .number(Double(t.hardIndex)))]
            return record("Gumbel-softmax", fields, offers: "`.y[i]`") { r in
                t.explain(position: try indexed(r, "y", count: t.y.count, kind: "weight"), precision: r.precision)
            }
        },
        Builtin(name: "localAttention", signature: "localAttention(query, keys:, D:, t:) · localAttention(query, keys:, D:, Wp:, vp:)",
                summary: "Luong's local attention: a window [p_t − D, p_t + D], dot scores softmaxed in it, times a Gaussian (σ = D/2).",
                doc: "`t:` gives local-m (p_t = t); `Wp:`/`vp:` give local-p, p_t = S·sigmoid(v_pᵀ tanh(W_p h_t)). Positions count "
                    + "from 0; the window is centred on round(p_t) and clipped to the sentence; the Gaussian uses the real p_t. "
                    + "`score:` takes any score function (default `.dot`; Luong also uses `.general(W)`). "
                    + "The weights are not renormalised (`sum` < 1). `gaussian: false` drops the Gaussian: with `t:` that is "
                    + "Luong et al.'s own local-m (eq. 7), whose window weights sum to 1. Fields: `p`, `window` ([first, last]), "
                    + "`e`, `align`, `gaussian`, `alpha`, `sum`, `a`. `explain r.alpha[i]`.",
                group: "Hard and local attention", labels: ["keys", "values", "D", "t", "Wp", "vp", "score", "gaussian"], positional: 1...1) { call in
            let q = try call.vector(call.arguments[0], "query"), keys = try call.requiredMatrix("keys")
            let D = try call.integer(try call.required(0, "D", labelled: true), "D")
            let position: LocalPosition
            if let t = call.argument("t") { position = .monotonic(t: try call.integer(t, "t")) }
            else { position = .predictive(Wp: try call.requiredMatrix("Wp"), vp: try call.requiredVector("vp")) }
            let values = try call.optionalMatrix("values")
            let score = call.argument("score") == nil ? ScoreFunction.dot : try scoreFunction(call)
            let useGaussian = try call.flag("gaussian", default: true)
            let t = try call.engine(renaming: ["halfWidth": "D", "query": "keys"]) {
                try LocalAttention.attend(query: q, keys: keys, values: values, score: score, halfWidth: D, position: position,
                                          gaussian: useGaussian)
            }
            let window = t.window.map { Vector([Double($0.lowerBound), Double($0.upperBound)]) } ?? Vector([])
            let alphaCaption = t.usesGaussian ? "α = align · G (not renormalised)" : "α = align (window softmax)"
            return record("local attention", captions: ["alpha": alphaCaption], [("p", .number(t.position)), ("window", .vector(window)), ("e", .vector(t.scores)),
                                              ("align", .vector(t.align)), ("gaussian", .vector(t.gaussian)), ("alpha", .vector(t.weights)),
                                              ("sum", .number(t.weightSum)), ("a", .vector(t.context))],
                          offers: "`.alpha[i]`") { r in
                t.explainWeight(position: try indexed(r, "alpha", count: t.weights.count, kind: "weight"), precision: r.precision)
            }
        },
        Builtin(name: "operationCounts", signature: "operationCounts(d:, D:, dp:, T:)",
                summary: "Operations of soft vs local attention for S = 8 … 1024: per decoder step and per sentence (a table).",
                doc: "Dot scores on d-dimensional states; local window W = min(2D+1, S); local-p adds a predictor with `dp` hidden "
                    + "units (default d). Per step: global 2·S·d multiplications, S exps, S divisions; local the same with S → W "
                    + "plus the Gaussian (W exps, W divisions, 2W multiplications, W additions). Per sentence: times T "
                    + "(`T:`, default T = S). Columns: global multiplications, the totals per step, local-p / global, "
                    + "and the totals per sentence.",
                group: "Hard and local attention", labels: ["d", "D", "dp", "T"], positional: 0...0) { call in
            let d = try call.integer(try call.required(0, "d", labelled: true), "d", minimum: 1)
            let D = try call.integer(try call.required(0, "D", labelled: true), "D", minimum: 0)
            let dp = try call.argument("dp").map { try call.integer($0, "dp", minimum: 1) } ?? d
            let T = try call.argument("T").map { try call.integer($0, "T", minimum: 1) }
            let table = OperationCounts.table(dimension: d, halfWidth: D, predictorSize: dp, targetLength: T)
            return .matrix(Matrix(rows: table.count, cols: 7,
                                  storage: table.flatMap { [Double($0.global.multiplications), Double($0.global.total),
                                                            Double($0.localM.total), Double($0.localP.total), $0.localPRatio,
                                                            Double($0.globalSentence.total), Double($0.localPSentence.total)] },
                                  rowLabels: table.map { "S = \($0.sourceLength)" },
                                  colLabels: ["global mul/step", "global ops/step", "local-m ops/step", "local-p ops/step",
                                              "local-p/global", "global ops/sentence", "local-p ops/sentence"]))
        },
        Builtin(name: "localAlignment", signature: "localAlignment(queries, keys:, D:) · localAlignment(queries, keys:, D:, Wp:, vp:)",
                summary: "Local attention for every decoder step at once: the banded T × S heatmap of lesson 11.",
                doc: "Row t uses local-m (p_t = t) unless `Wp:`/`vp:` give local-p. `score:` and `gaussian:` as in `localAttention`. Fields: `alpha` (T × S, zero "
                    + "outside each window), `p` (p_t per step), `sum` (Σ weights per step, below 1), `a` (contexts, T × d).",
                group: "Hard and local attention", labels: ["keys", "values", "D", "Wp", "vp", "score", "gaussian"], positional: 1...1) { call in
            let q = try call.matrix(call.arguments[0], "queries"), keys = try call.requiredMatrix("keys")
            let D = try call.integer(try call.required(0, "D", labelled: true), "D")
            let predictor: (Wp: Matrix, vp: Vector)? = call.argument("Wp") == nil ? nil : (try call.requiredMatrix("Wp"), try call.requiredVector("vp"))
            let values = try call.optionalMatrix("values")
            let score = call.argument("score") == nil ? ScoreFunction.dot : try scoreFunction(call)
            try checkAttentionWork(call, queries: q.rows, keys: keys.rows, width: keys.cols)
            let useGaussian = try call.flag("gaussian", default: true)
            let r = try call.engine(renaming: ["halfWidth": "D"]) {
                try LocalAttention.alignment(queries: q, keys: keys, values: values, score: score, halfWidth: D, predictor: predictor,
                                             gaussian: useGaussian)
            }
            let contexts = try call.engine { try Matrix(stacking: r.steps.map(\.context), rowLabels: q.rowLabels) }
            return record("local alignment", [("alpha", .matrix(r.weights)), ("p", .vector(Vector(r.steps.map(\.position)))),
                                              ("sum", .vector(Vector(r.steps.map(\.weightSum)))), ("a", .matrix(contexts))])
        },
    ]
}

// MARK: - Hierarchical, CNN, sentence vectors

extension BuiltinRegistry {
    static let structuredBuiltins: [Builtin] = [
        Builtin(name: "attentionPooling", signature: "attentionPooling(h, W:, b:, u:)",
                summary: "HAN's attention layer: u_i = tanh(W h_i + b), α = softmax(u_iᵀ u), s = Σ α_i h_i.",
                doc: "`u` is the learned context vector (u_w for words, u_s for sentences). Fields: `u` (the tanh projections), "
                    + "`e`, `alpha`, `s`. `explain p.alpha[i]`.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["W", "b", "u"], positional: 1...1) { call in
            let h = try call.matrix(call.arguments[0], "h")
            let layer = try call.engine { try AttentionPooling(W: try call.requiredMatrix("W"), b: try call.optionalVector("b"), context: try call.requiredVector("u")) }
            let t = try call.engine { try layer.pool(h) }
            return record("attention pooling", [("u", .matrix(t.hidden)), ("e", .vector(t.scores)), ("alpha", .vector(t.weights)), ("s", .vector(t.pooled))],
                          offers: "`.alpha[i]`") { r in
                t.explainWeight(try indexed(r, "alpha", count: t.weights.count, kind: "weight"), context: layer.context, precision: r.precision)
            }
        },
        Builtin(name: "han", signature: "han(sentence1, sentence2, …, Ww:, bw:, uw:, Ws:, bs:, us:)",
                summary: "Hierarchical attention: word attention per sentence → sentence vectors → sentence attention → document.",
                doc: "Each positional argument is one sentence's word annotations (words × d). Fields: `words` (α per sentence: "
                    + "`doc.words[0]`), `sentences` (the sentence vectors, one row each), `alpha` (sentence weights), `document`.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["Ww", "bw", "uw", "Ws", "bs", "us"], positional: 1...64) { call in
            let sentences = try call.positionalArguments.enumerated().map { try call.matrix($1, "sentence \($0 + 1)") }
            let han = try call.engine {
                HierarchicalAttention(word: try AttentionPooling(W: try call.requiredMatrix("Ww"), b: try call.optionalVector("bw"), context: try call.requiredVector("uw")),
                                      sentence: try AttentionPooling(W: try call.requiredMatrix("Ws"), b: try call.optionalVector("bs"), context: try call.requiredVector("us")))
            }
            let t = try call.engine { try han.encode(sentences, sentenceLabels: (0..<sentences.count).map { "sentence \($0)" }) }
            let words = record("word weights", t.words.enumerated().map { ("sentence\($0.offset)", .vector($0.element.weights)) })
            return record("hierarchical attention", [("words", words), ("sentences", .matrix(t.sentenceVectors)),
                                                     ("alpha", .vector(t.sentences.weights)), ("document", .vector(t.document))],
                          offers: "`.alpha[i]` (sentence i's weight)") { r in
                t.sentences.explainWeight(try indexed(r, "alpha", count: t.sentences.weights.count, kind: "weight"),
                                          context: han.sentence.context, precision: r.precision)
            }
        },
        Builtin(name: "matchMatrix", signature: "matchMatrix(x0, x1)",
                summary: "ABCNN's attention matrix A_ij = 1/(1 + ‖x0_i − x1_j‖₂) (no softmax).",
                doc: "Rows of `x0` and `x1` are the units (words, or convolution outputs). Fields: `distance`, `A`. `explain m.A[i, j]` works one entry.",
                group: "Hierarchical, CNN and LSTM attention", positional: 2...2) { call in
            let t = try call.engine { try ABCNN.matchMatrix(try call.matrix(call.arguments[0], "x0"), try call.matrix(call.arguments[1], "x1")) }
            return record("ABCNN attention matrix", [("distance", .matrix(t.distances)), ("A", .matrix(t.A))], offers: "`.A[i, j]` (one entry; `.A[i]` is column 0)") { r in
                try explainMatch(t, r)
            }
        },
        Builtin(name: "abcnn1", signature: "abcnn1(x0, x1, W0:, W1:)",
                summary: "ABCNN-1: the attention matrix and the attention feature maps F0 = W0·Aᵀ, F1 = W1·A.",
                doc: "W0 is d × s1, W1 is d × s0; F0 (d × s0) and F1 (d × s1) are in the paper's orientation (columns are words) and "
                    + "are stacked with the inputs as a second channel before convolution. Fields: `A`, `F0`, `F1`.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["W0", "W1"], positional: 2...2) { call in
            let t = try call.engine {
                try ABCNN.abcnn1(try call.matrix(call.arguments[0], "x0"), try call.matrix(call.arguments[1], "x1"),
                                 W0: try call.requiredMatrix("W0"), W1: try call.requiredMatrix("W1"))
            }
            return record("ABCNN-1", [("A", .matrix(t.match.A)), ("F0", .matrix(t.featureMap0)), ("F1", .matrix(t.featureMap1))],
                          offers: "`.A[i, j]` (one entry; `.A[i]` is column 0)") { r in try explainMatch(t.match, r) }
        },
        Builtin(name: "wideConv", signature: "wideConv(x, W:, b:, w:, attention:)",
                summary: "Wide 1-D convolution: w − 1 zero rows each side, windows of w words, tanh(W c_i + b).",
                doc: "W is (d1 × w·d0), the w words of a window concatenated in order. Output has s + w − 1 rows. "
                    + "ABCNN-1: `attention:` adds the attention feature map (rows as words, e.g. `a.F0.T`) as a second channel; "
                    + "W is then (d1 × 2·w·d0), each window holding the x rows then the attention rows. "
                    + "Fields: `padded`, `windows`, `pre`, `output`. `explain c.output[i]` works feature 0 of window i.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["W", "b", "w", "attention"], positional: 1...1) { call in
            let w = try call.integer(try call.required(0, "w", labelled: true), "w", minimum: 1)
            let conv = try call.engine { try WideConvolution(width: w, W: try call.requiredMatrix("W"), b: try call.optionalVector("b")) }
            let x = try call.matrix(call.arguments[0], "x")
            let channels = try [x] + (call.optionalMatrix("attention").map { [$0] } ?? [])
            let t = try call.engine { try conv.apply(channels: channels) }
            return record("wide convolution", [("padded", .matrix(t.padded)), ("windows", .matrix(t.windows)),
                                               ("pre", .matrix(t.preActivation)), ("output", .matrix(t.output))],
                          offers: "`.output[i]` (feature 0 of window i)") { r in
                t.explain(window: try indexed(r, "output", count: t.output.rows, kind: "window"), feature: 0, precision: r.precision)
            }
        },
        Builtin(name: "abcnn2", signature: "abcnn2(c0, c1, w:)",
                summary: "ABCNN-2: attention pooling of two convolution outputs with row/column sums of A as weights.",
                doc: "Pooled row j = Σ_{k=j}^{j+w−1} a_k c_k, a₀ = row sums of A, a₁ = column sums. Fields: `A`, `a0`, `a1`, `pooled0`, `pooled1`.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["w"], positional: 2...2) { call in
            let w = try call.integer(try call.required(0, "w", labelled: true), "w", minimum: 1)
            let t = try call.engine { try ABCNN.abcnn2(try call.matrix(call.arguments[0], "c0"), try call.matrix(call.arguments[1], "c1"), width: w) }
            return record("ABCNN-2", [("A", .matrix(t.match.A)), ("a0", .vector(t.weights0)), ("a1", .vector(t.weights1)),
                                      ("pooled0", .matrix(t.pooled0)), ("pooled1", .matrix(t.pooled1))],
                          offers: "`.A[i, j]` (one entry; `.A[i]` is column 0)") { r in try explainMatch(t.match, r) }
        },
        Builtin(name: "attentivePooling", signature: "attentivePooling(q, a, U:)",
                summary: "dos Santos's attentive pooling: G = tanh(q U aᵀ), row/column max, softmax → weights; beside max pooling.",
                doc: "Fields: `G`, `gq`, `ga` (row and column maxima), `sigmaQ`, `sigmaA` (weights), `rq`, `ra` (pooled vectors), "
                    + "`maxQ`, `maxA` (plain max pooling). `explain p.sigmaQ[j]`.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["U"], positional: 2...2) { call in
            let t = try call.engine {
                try AttentivePooling.pool(question: try call.matrix(call.arguments[0], "q"), answer: try call.matrix(call.arguments[1], "a"),
                                          U: try call.requiredMatrix("U"))
            }
            return record("attentive pooling", [("G", .matrix(t.G)), ("gq", .vector(t.rowMax)), ("ga", .vector(t.columnMax)),
                                                ("sigmaQ", .vector(t.questionWeights)), ("sigmaA", .vector(t.answerWeights)),
                                                ("rq", .vector(t.questionVector)), ("ra", .vector(t.answerVector)),
                                                ("maxQ", .vector(t.questionMaxPool)), ("maxA", .vector(t.answerMaxPool))],
                          offers: "`.sigmaQ[j]`") { r in
                t.explainQuestionWeight(try indexed(r, "sigmaQ", count: t.questionWeights.count, kind: "weight"), precision: r.precision)
            }
        },
        Builtin(name: "sentenceVectors", signature: "sentenceVectors(H, w:) · sentenceVectors(x, cell:, w:)",
                summary: "Three sentence vectors from RNN states: last state, mean, and attention pooling (Zhou et al. 2016).",
                doc: "M = tanh(H), α = softmax(wᵀM), r = Σ α_t h_t, h* = tanh(r). Rows of H are steps. With `cell:` (e.g. "
                    + "`lstm(input: 3, hidden: 4, seed: 1)`) the first argument is the input sentence and the cell runs over it from "
                    + "zeros to make H. Fields: `H`, `last`, `mean`, `M`, `e`, `alpha`, `r`, `attention` (h*). `explain v.attention[c]`.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["w", "cell"], positional: 1...1) { call in
            let first = try call.matrix(call.arguments[0], "H")
            let w = try call.requiredVector("w")
            let t: SentencePoolingTrace
            if let c = call.argument("cell") {
                let cell = try recurrentCell(c, call)
                t = try call.engine(renaming: ["inputs": "x"]) { try SentencePooling.run(cell: cell, inputs: first, w: w).pooling }
            } else {
                t = try call.engine { try SentencePooling.pool(states: first, w: w) }
            }
            return record("sentence vectors", [("H", .matrix(t.states)), ("last", .vector(t.last)), ("mean", .vector(t.mean)), ("M", .matrix(t.M)),
                                               ("e", .vector(t.scores)), ("alpha", .vector(t.weights)), ("r", .vector(t.r)),
                                               ("attention", .vector(t.attention))],
                          offers: "`.attention[c]`") { r in
                t.explainAttention(component: try indexed(r, "attention", count: t.attention.count, kind: "component"), precision: r.precision)
            }
        },
        Builtin(name: "bidirectional", signature: "bidirectional(x, forward:, backward:)",
                summary: "Bidirectional annotations h_t = [→h_t; ←h_t]: one cell reads left to right, the other right to left.",
                doc: "Both start from zeros. HAN's word and sentence encoders are bidirectional GRUs: "
                    + "`han(bidirectional(s1, forward: f, backward: b), …)`. One row per position, the forward half first.",
                group: "Hierarchical, CNN and LSTM attention", labels: ["forward", "backward"], positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let f = try recurrentCell(try call.required(0, "forward", labelled: true), call)
            let b = try recurrentCell(try call.required(0, "backward", labelled: true), call)
            return .matrix(try call.engine { try BidirectionalAnnotations.run(x, forward: f, backward: b) })
        },
    ]
}

// MARK: - Transformer

extension BuiltinRegistry {
    static let transformerBuiltins: [Builtin] = [
        Builtin(name: "positionalEncoding", signature: "positionalEncoding(n, d)",
                summary: "Sinusoidal positions: PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(…); pos from 0.",
                group: "Transformer", positional: 2...2,
                explanation: { call in
                    let n = try call.integer(call.arguments[0], "n", minimum: 1), d = try call.integer(call.arguments[1], "d", minimum: 1)
                    return PositionalEncoding.explain(position: min(1, n - 1), column: 0, dModel: d, precision: call.precision)
                }) { call in
            let n = try call.integer(call.arguments[0], "n", minimum: 1), d = try call.integer(call.arguments[1], "d", minimum: 1)
            try Limits.check(rows: n, cols: d, at: call.location)
            return .matrix(try call.engine { try PositionalEncoding.sinusoidal(positions: n, dModel: d) })
        },
        Builtin(name: "layerNorm", signature: "layerNorm(x, gamma:, beta:, eps:)",
                summary: "Layer norm per row: (x − μ)/√(σ² + ε), then γ ⊙ x̂ + β (ε = 1e-5, biased variance as torch).",
                doc: "γ defaults to ones, β to zeros. Fields: `mean`, `variance`, `normalized`, `output`. `explain n.output[r]` works row r.",
                group: "Transformer", labels: ["gamma", "beta", "eps"], positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let eps = try call.argument("eps").map { try call.number($0, "eps") } ?? 1e-5
            let gamma = try call.optionalVector("gamma") ?? Vector(repeating: 1, count: x.cols)
            let beta = try call.optionalVector("beta") ?? Vector(repeating: 0, count: gamma.count)
            let ln = try call.engine { try LayerNorm(gamma: gamma, beta: beta, epsilon: eps) }
            let t = try call.engine { try ln.apply(x) }
            return record("layer norm", [("mean", .vector(t.mean)), ("variance", .vector(t.variance)),
                                         ("normalized", .matrix(t.normalized)), ("output", .matrix(t.output))],
                          offers: "`.output[r]`") { r in
                t.explainRow(try indexed(r, "output", count: t.output.rows, kind: "row"), gamma: gamma, beta: beta, precision: r.precision)
            }
        },
        Builtin(name: "feedForward", signature: "feedForward(x, W1:, b1:, W2:, b2:)",
                summary: "Position-wise FFN: max(0, x W1ᵀ + b1) W2ᵀ + b2, weights (out × in).",
                doc: "The paper writes `max(0, xW₁ + b₁)W₂ + b₂` with (in × out) weights; here W1 is d_ff × d, W2 is d × d_ff. "
                    + "Fields: `hidden`, `output`.",
                group: "Transformer", labels: ["W1", "b1", "W2", "b2"], positional: 1...1) { call in
            let ffn = try call.engine {
                try FeedForward(W1: try call.requiredMatrix("W1"), b1: try call.optionalVector("b1"), W2: try call.requiredMatrix("W2"), b2: try call.optionalVector("b2"))
            }
            let t = try call.engine { try ffn.apply(try call.matrix(call.arguments[0], "x")) }
            return record("feed-forward", [("hidden", .matrix(t.hidden)), ("output", .matrix(t.output))])
        },
        Builtin(name: "transformerEncoder", signature: "transformerEncoder(x, heads:, Wq:, Wk:, Wv:, Wo:, W1:, b1:, W2:, b2:, mask:)",
                summary: "One post-norm encoder layer: LayerNorm(x + MultiHead(x)), then LayerNorm(z + FFN(z)).",
                doc: "Add the positional encoding to `x` first. Layer norms use γ = 1, β = 0, ε = 1e-5. Fields: `attention` "
                    + "(the multi-head record), `residual1`, `norm1`, `hidden`, `residual2`, `output`.",
                group: "Transformer", labels: ["heads", "Wq", "Wk", "Wv", "Wo", "W1", "b1", "W2", "b2", "mask"], positional: 1...1) { call in
            let x = try call.matrix(call.arguments[0], "x")
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let layer = try call.engine {
                TransformerEncoderLayer(
                    attention: try MultiHeadAttention(heads: h, Wq: try call.requiredMatrix("Wq"), Wk: try call.requiredMatrix("Wk"),
                                                      Wv: try call.requiredMatrix("Wv"), Wo: try call.requiredMatrix("Wo")),
                    norm1: LayerNorm(size: x.cols),
                    feedForward: try FeedForward(W1: try call.requiredMatrix("W1"), b1: try call.optionalVector("b1"),
                                                 W2: try call.requiredMatrix("W2"), b2: try call.optionalVector("b2")),
                    norm2: LayerNorm(size: x.cols))
            }
            let mask = try call.attentionMask(queries: x.rows, keys: x.rows)
            try checkAttentionWork(call, queries: x.rows, keys: x.rows, width: max(x.cols, layer.feedForward.W1.rows))
            let t = try call.engine { try layer.apply(x, mask: mask) }
            return record("Transformer encoder layer",
                          [("attention", multiHeadRecord(t.attention)), ("residual1", .matrix(t.residual1)), ("norm1", .matrix(t.norm1.output)),
                           ("hidden", .matrix(t.feedForward.hidden)), ("residual2", .matrix(t.residual2)), ("output", .matrix(t.output))],
                          offers: "`.norm1[r]` (layer norm of row r)") { r in
                t.norm1.explainRow(try indexed(r, "norm1", count: t.norm1.output.rows, kind: "row"),
                                   gamma: layer.norm1.gamma, beta: layer.norm1.beta, precision: r.precision)
            }
        },
        Builtin(name: "transformerDecoder",
                signature: "transformerDecoder(y, memory:, heads:, Wq:, Wk:, Wv:, Wo:, crossWq:, crossWk:, crossWv:, crossWo:, W1:, b1:, W2:, b2:, memoryMask:)",
                summary: "One post-norm decoder layer: causal self-attention, cross-attention to the encoder output, feed-forward.",
                doc: "Z1 = LayerNorm(y + MultiHead(y, y, y, causal)); Z2 = LayerNorm(Z1 + MultiHead(Z1, memory, memory)) — queries "
                    + "from the decoder, keys and values from the encoder; out = LayerNorm(Z2 + FFN(Z2)). `Wq…Wo` are the "
                    + "self-attention weights, `crossWq…crossWo` the cross-attention's. `memoryMask:` is a 1/0 matrix (T × S). "
                    + "Fields: `selfAttention`, `norm1`, `crossAttention` (multi-head records), `norm2`, `hidden`, `output`.",
                group: "Transformer",
                labels: ["memory", "heads", "Wq", "Wk", "Wv", "Wo", "crossWq", "crossWk", "crossWv", "crossWo", "W1", "b1", "W2", "b2", "memoryMask"],
                positional: 1...1) { call in
            let y = try call.matrix(call.arguments[0], "y"), memory = try call.requiredMatrix("memory")
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let layer = try call.engine {
                TransformerDecoderLayer(
                    selfAttention: try MultiHeadAttention(heads: h, Wq: try call.requiredMatrix("Wq"), Wk: try call.requiredMatrix("Wk"),
                                                          Wv: try call.requiredMatrix("Wv"), Wo: try call.requiredMatrix("Wo")),
                    norm1: LayerNorm(size: y.cols),
                    crossAttention: try MultiHeadAttention(heads: h, Wq: try call.requiredMatrix("crossWq"), Wk: try call.requiredMatrix("crossWk"),
                                                           Wv: try call.requiredMatrix("crossWv"), Wo: try call.requiredMatrix("crossWo")),
                    norm2: LayerNorm(size: y.cols),
                    feedForward: try FeedForward(W1: try call.requiredMatrix("W1"), b1: try call.optionalVector("b1"),
                                                 W2: try call.requiredMatrix("W2"), b2: try call.optionalVector("b2")),
                    norm3: LayerNorm(size: y.cols))
            }
            var memoryMask: [[Bool]]?
            if let m = try call.optionalMatrix("memoryMask") { memoryMask = (0..<m.rows).map { i in m.row(i).values.map { $0 != 0 } } }
            try checkAttentionWork(call, queries: y.rows, keys: memory.rows + y.rows, width: max(y.cols, layer.feedForward.W1.rows))
            let t = try call.engine { try layer.apply(y, memory: memory, memoryMask: memoryMask) }
            return record("Transformer decoder layer",
                          [("selfAttention", multiHeadRecord(t.selfAttention)), ("norm1", .matrix(t.norm1.output)),
                           ("crossAttention", multiHeadRecord(t.crossAttention)), ("norm2", .matrix(t.norm2.output)),
                           ("hidden", .matrix(t.feedForward.hidden)), ("output", .matrix(t.output))])
        },
    ]
}
