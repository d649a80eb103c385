import AttentionEngine

// Attention in three steps (CURRICULUM lesson 6): e = F(query, keys), α = softmax(e), a = Σ αᵢ vᵢ.

extension BuiltinRegistry {
    static let attentionBuiltins: [Builtin] = [
        Builtin(name: "attend", signature: "attend(query:, keys:, values:, score:, mask:, temperature:)",
                summary: "One query attends over the keys: a record with `e` (scores), `alpha` (weights), `a` (context).",
                doc: "`values:` defaults to `keys` (seq2seq attention: K = V = h). `mask:` marks the positions that may be "
                    + "attended to; masked weights are exactly 0. Labels of the key rows (source tokens) label `e` and `alpha`. "
                    + "`explain step.e[i]` shows score i worked out, `explain step.alpha` the softmax, `explain step.a` the weighted sum.",
                group: "Attention") { call in
            let step = try attentionStep(call)
            return attentionRecord(step)
        },
        Builtin(name: "scores", signature: "scores(query:, keys:, score:)",
                summary: "Just the scores e = F(query, keysᵢ), before softmax.",
                group: "Attention") { call in
            let query = try call.vector(try call.required(0, "query", labelled: true), "query")
            let keys = try call.rows(try call.required(0, "keys", labelled: true), "keys")
            let score = try scoreFunction(call)
            return .vector(try call.engine { try score.scores(query: query, keys: keys) })
        },
        Builtin(name: "attendAll", signature: "attendAll(queries:, keys:, values:, score:, mask:, temperature:)",
                summary: "Every row of `queries` attends over the keys: `e` and `alpha` are T×S, `a` is T×d.",
                doc: "Self-attention is `attendAll(queries: x, keys: x, score: .scaledDot)`. `mask:` is a T×S matrix of 1/0 "
                    + "(or one row used for every query).",
                group: "Attention") { call in
            let queries = try call.rows(try call.required(0, "queries", labelled: true), "queries")
            let keys = try call.rows(try call.required(0, "keys", labelled: true), "keys")
            let values = try call.argument("values").map { try call.rows($0, "values") }
            let score = try scoreFunction(call)
            let tau = try call.argument("temperature").map { try call.number($0, "temperature") } ?? 1
            var mask: [[Bool]]?
            if let a = call.argument("mask") {
                if case .matrix(let m) = a.value {
                    mask = try (0..<m.rows).map { try call.mask(.init(label: "mask", value: .vector(m.row($0)), location: a.location)) }
                } else {
                    mask = Array(repeating: try call.mask(a), count: queries.rows)
                }
            }
            try Arithmetic.checkWork(queries.rows, max(keys.cols, 1), keys.rows, at: call.location)
            let r = try call.engine { try Attention.attendAll(queries: queries, keys: keys, values: values, score: score,
                                                               mask: mask, temperature: tau) }
            return .record(Record(kind: "attention over all queries",
                                  fields: [("e", .matrix(r.e)), ("alpha", .matrix(r.alpha)), ("a", .matrix(r.a))]))
        },
    ]

    static func attentionStep(_ call: BuiltinCall) throws -> AttentionStep {
        let query = try call.vector(try call.required(0, "query", labelled: true), "query")
        let keys = try call.rows(try call.required(0, "keys", labelled: true), "keys")
        let values = try call.argument("values").map { try call.rows($0, "values") }
        let score = try scoreFunction(call)
        let mask = try call.argument("mask").map { try call.mask($0) }
        let tau = try call.argument("temperature").map { try call.number($0, "temperature") } ?? 1
        return try call.engine {
            try Attention.attend(query: query, keys: keys, values: values, score: score, mask: mask, temperature: tau)
        }
    }

    /// The `score:` argument as the engine's score function.
    static func scoreFunction(_ call: BuiltinCall) throws -> ScoreFunction {
        let a = try call.required(0, "score", labelled: true)
        guard case .scoreFunction(let f) = a.value else {
            throw call.wrongType(a, "score", "a score function like `.dot` or `.additive(W1: W1, W2: W2, v: v)`")
        }
        return try ScoreFunctions.engine(f, at: a.location)
    }

    /// `e`, `alpha`, `a` of one attention step, with the step kept to explain them.
    static func attentionRecord(_ step: AttentionStep, extra: [(name: String, value: Value)] = []) -> Value {
        // Captions say what was computed: the actual score formula, and vᵢ when values were given.
        let summed = step.values == step.keys ? "hᵢ" : "vᵢ"
        let captions = ["e": "eᵢ = \(step.score.formula(key: step.values == step.keys ? "h" : "k"))", "alpha": "α = softmax(e)", "a": "a = Σᵢ αᵢ \(summed)"]
        return .record(Record(kind: "attention step", fields: [("e", .vector(step.e)), ("alpha", .vector(step.alpha)), ("a", .vector(step.a))] + extra,
                              trace: .attention(step), captions: captions))
    }
}
