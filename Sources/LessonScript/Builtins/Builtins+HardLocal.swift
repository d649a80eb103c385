import AttentionEngine

// Builtins for lessons 9-11: the cost of soft attention, hard attention and local attention.
// MARK: - Hard and local attention, cost

extension BuiltinRegistry {
    static let hardLocalBuiltins: [Builtin] = [
        Builtin(name: "hardArgmax", signature: "hardArgmax(alpha, values:)",
                summary: "Hard attention by argmax: a one-hot vector at the largest weight (the first on ties).",
                doc: "Fields: `chosen`, `oneHot`, `a` (the chosen value row, when `values:` is given).",
                group: "Hard and local attention") { call in
            let t = try call.engine { try HardAttention.argmax(weights: try call.vector(call.arguments[0], "alpha"), values: try call.optionalMatrix("values")) }
            var fields: [(String, Value)] = [("chosen", .number(Double(t.chosen))), ("oneHot", .vector(t.oneHot))]
            if let a = t.context { fields.append(("a", .vector(a))) }
            return record("hard attention (argmax)", fields, trace: .hard(t))
        },
        Builtin(name: "hardSample", signature: "hardSample(alpha, seed:, values:) · hardSample(alpha, u:, values:)",
                summary: "Hard attention by sampling one position from α (inverse CDF).",
                doc: "With cumulative sums c_i = α₀ + … + α_i, the position is the first i with u < c_i. `u:` gives the uniform "
                    + "draw in [0, 1) explicitly; `seed:` takes the first `uniform()` of the seeded SplitMix64 generator. "
                    + "Xu et al. train this with REINFORCE. Fields: `u`, `cumulative`, `chosen`, `oneHot`, `a`.",
                group: "Hard and local attention") { call in
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
            return record("hard attention (sample)", fields, trace: .hard(t))
        },
        Builtin(name: "sampleFrequencies", signature: "sampleFrequencies(alpha, draws:, seed:)",
                summary: "How often each position is drawn in `draws` inverse-CDF samples from α (fractions).",
                doc: "The uniforms are consecutive draws of one seeded SplitMix64 generator. With many draws the fractions approach α.",
                group: "Hard and local attention") { call in
            let alpha = try call.vector(call.arguments[0], "alpha")
            let draws = try call.integer(try call.required(0, "draws", labelled: true), "draws", minimum: 1, maximum: 1_000_000)
            let seed = try call.integer(try call.required(0, "seed", labelled: true), "seed", minimum: 0)
            return .vector(try call.engine { try HardAttention.frequencies(weights: alpha, draws: draws, seed: UInt64(seed)) })
        },
        Builtin(name: "gumbelSweep", signature: "gumbelSweep(pi, taus:, seed:) · gumbelSweep(pi, taus:, u:) · gumbelSweep(pi, taus:, g:)",
                summary: "Gumbel-softmax y at several temperatures with the same noise: one row per τ.",
                doc: "`gumbelSweep(alpha, taus: [5, 1, 0.5, 0.1], seed: 3)` shows y turning one-hot as τ falls.",
                group: "Hard and local attention") { call in
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
                group: "Hard and local attention") { call in
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
            return record("Gumbel-softmax", fields, trace: .gumbel(t))
        },
        Builtin(name: "localAttention", signature: "localAttention(query, keys:, D:, t:, score:, values:, gaussian:) · localAttention(query, keys:, D:, Wp:, vp:, score:, values:, gaussian:)",
                summary: "Luong's local attention: a window [p_t − D, p_t + D], dot scores softmaxed in it, times a Gaussian (σ = D/2).",
                doc: "`t:` gives local-m (p_t = t); `Wp:`/`vp:` give local-p, p_t = S·sigmoid(v_pᵀ tanh(W_p h_t)). Positions count "
                    + "from 0; the window is centred on round(p_t) and clipped to the sentence; the Gaussian uses the real p_t. "
                    + "`score:` takes any score function (default `.dot`; Luong also uses `.general(W)`). "
                    + "The weights are not renormalised (`sum` < 1). `gaussian: false` drops the Gaussian: with `t:` that is "
                    + "Luong et al.'s own local-m (eq. 7), whose window weights sum to 1. Fields: `p`, `window` ([first, last]), "
                    + "`e`, `align`, `gaussian`, `alpha`, `sum`, `a`. `explain r.alpha[i]`.",
                group: "Hard and local attention") { call in
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
                                              ("sum", .number(t.weightSum)), ("a", .vector(t.context))], trace: .local(t))
        },
        Builtin(name: "operationCounts", signature: "operationCounts(d:, D:, dp:, T:)",
                summary: "Operations of soft vs local attention for S = 8 … 1024: per decoder step and per sentence (a table).",
                doc: "Dot scores on d-dimensional states; local window W = min(2D+1, S); local-p adds a predictor with `dp` hidden "
                    + "units (default d). Per step: global 2·S·d multiplications, S exps, S divisions; local the same with S → W "
                    + "plus the Gaussian (W exps, W divisions, 2W multiplications, W additions). Per sentence: times T "
                    + "(`T:`, default T = S). Columns: global multiplications, the totals per step, local-p / global, "
                    + "and the totals per sentence.",
                group: "Hard and local attention") { call in
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
        Builtin(name: "localAlignment", signature: "localAlignment(queries, keys:, D:, score:, values:, gaussian:) · localAlignment(queries, keys:, D:, Wp:, vp:, score:, values:, gaussian:)",
                summary: "Local attention for every decoder step at once: the banded T × S heatmap of lesson 11.",
                doc: "Row t uses local-m (p_t = t) unless `Wp:`/`vp:` give local-p. `score:` and `gaussian:` as in `localAttention`. Fields: `alpha` (T × S, zero "
                    + "outside each window), `p` (p_t per step), `sum` (Σ weights per step, below 1), `a` (contexts, T × d).",
                group: "Hard and local attention") { call in
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
