import AttentionEngine

// Builtins for lessons 6, 12 and 13: Q/K/V projections, masks, self-attention and multi-head attention.
// MARK: - Self-attention, masks, multi-head

extension BuiltinRegistry {
    static let selfAttentionBuiltins: [Builtin] = [
        Builtin(name: "causalMask", signature: "causalMask(n)",
                summary: "The n×n causal mask: 1 where query i may attend to key j ≤ i, 0 above the diagonal.",
                doc: "Masks mean “may attend” (torch SDPA and Keras; torch `nn.MultiheadAttention` uses the opposite). "
                    + "Masked weights are exactly 0.", group: "Self- and multi-head attention") { call in
            let n = try call.integer(call.arguments[0], "n", minimum: 1)
            try Limits.check(rows: n, cols: n, at: call.location)
            return .matrix(maskMatrix(AttentionMask.causal(n)))
        },
        Builtin(name: "paddingMask", signature: "paddingMask(queries, keys, valid:)",
                summary: "A queries×keys mask allowing the first `valid` keys (the rest is padding).",
                doc: "A row that allows nothing is an error when used: libraries disagree (zeros, uniform, NaN), so we refuse.",
                group: "Self- and multi-head attention") { call in
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
                group: "Self- and multi-head attention") { call in
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
                group: "Self- and multi-head attention") { call in
            let x = try call.matrix(call.arguments[0], "x")
            let y = try call.optionalMatrix("keys") ?? x
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let mha = try call.multiHeadLayer(heads: h, biases: true)
            let mask = try call.attentionMask(queries: x.rows, keys: y.rows)
            try checkAttentionWork(call, queries: x.rows, keys: y.rows, width: max(x.cols, y.cols))
            return multiHeadRecord(try call.engine(renaming: ["value": "keys", "key": "keys", "query": "x"]) {
                try mha.attend(query: x, key: y, value: y, mask: mask)
            })
        },
        Builtin(name: "multiheadTorch", signature: "multiheadTorch(x, heads:, inProjWeight:, inProjBias:, outProjWeight:, outProjBias:, keys:, attnMask:, keyPaddingMask:)",
                summary: "Multi-head attention from torch `nn.MultiheadAttention` weights.",
                doc: "`in_proj_weight` is (3E × E) with rows `[W_q; W_k; W_v]`; torch computes `x @ Wᵀ + b`. Same fields as `multihead`. "
                    + "Masks come under torch's names and polarity, the opposite of `mask:` elsewhere: `attnMask:` is a T × S "
                    + "1/0 matrix where 1 (torch's `True`) *blocks* a position, `keyPaddingMask:` an S-vector where 1 marks padding. "
                    + "Both may be given; a position is attended when neither blocks it. (`mask:` is refused here, because a torch "
                    + "mask passed as `mask:` would attend only to what it meant to block.)",
                group: "Self- and multi-head attention") { call in
            let x = try call.matrix(call.arguments[0], "x")
            let y = try call.optionalMatrix("keys") ?? x
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let mha = try call.engine(renaming: ["in_proj_weight": "inProjWeight", "in_proj_bias": "inProjBias",
                                                 "out_proj.weight": "outProjWeight", "bo": "outProjBias"]) {
                try MultiHeadAttention(torchInProjWeight: try call.requiredMatrix("inProjWeight"), inProjBias: try call.optionalVector("inProjBias"),
                                       outProjWeight: try call.requiredMatrix("outProjWeight"), outProjBias: try call.optionalVector("outProjBias"),
                                       heads: h)
            }
            let mask = try call.torchMask(queries: x.rows, keys: y.rows)
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
                group: "Self- and multi-head attention") { call in
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
