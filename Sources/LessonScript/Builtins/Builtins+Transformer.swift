import AttentionEngine

// Builtins for lesson 17: positional encoding, layer norm, feed-forward, encoder and decoder layers.
// MARK: - Transformer

extension BuiltinRegistry {
    static let transformerBuiltins: [Builtin] = [
        Builtin(name: "positionalEncoding", signature: "positionalEncoding(n, d)",
                summary: "Sinusoidal positions: PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(…); pos from 0.",
                group: "Transformer",
                explanation: { call in
                    let n = try call.integer(call.arguments[0], "n", minimum: 1), d = try call.integer(call.arguments[1], "d", minimum: 1)
                    return PositionalEncoding.explain(position: min(1, n - 1), column: 0, dModel: d)
                }) { call in
            let n = try call.integer(call.arguments[0], "n", minimum: 1), d = try call.integer(call.arguments[1], "d", minimum: 1)
            try Limits.check(rows: n, cols: d, at: call.location)
            return .matrix(try call.engine { try PositionalEncoding.sinusoidal(positions: n, dModel: d) })
        },
        Builtin(name: "layerNorm", signature: "layerNorm(x, gamma:, beta:, eps:)",
                summary: "Layer norm per row: (x − μ)/√(σ² + ε), then γ ⊙ x̂ + β (ε = 1e-5, biased variance as torch).",
                doc: "γ defaults to ones, β to zeros. Fields: `mean`, `variance`, `normalized`, `output`. `explain n.output[r]` works row r.",
                group: "Transformer") { call in
            let x = try call.matrix(call.arguments[0], "x")
            let eps = try call.argument("eps").map { try call.number($0, "eps") } ?? 1e-5
            let gamma = try call.optionalVector("gamma") ?? Vector(repeating: 1, count: x.cols)
            let beta = try call.optionalVector("beta") ?? Vector(repeating: 0, count: gamma.count)
            let ln = try call.engine { try LayerNorm(gamma: gamma, beta: beta, epsilon: eps) }
            let t = try call.engine { try ln.apply(x) }
            return record("layer norm", [("mean", .vector(t.mean)), ("variance", .vector(t.variance)),
                                         ("normalized", .matrix(t.normalized)), ("output", .matrix(t.output))], trace: .layerNorm(t, gamma: gamma, beta: beta, field: "output"))
        },
        Builtin(name: "feedForward", signature: "feedForward(x, W1:, b1:, W2:, b2:)",
                summary: "Position-wise FFN: max(0, x W1ᵀ + b1) W2ᵀ + b2, weights (out × in).",
                doc: "The paper writes `max(0, xW₁ + b₁)W₂ + b₂` with (in × out) weights; here W1 is d_ff × d, W2 is d × d_ff. "
                    + "Fields: `hidden`, `output`.",
                group: "Transformer") { call in
            let ffn = try call.feedForwardLayer()
            let t = try call.engine { try ffn.apply(try call.matrix(call.arguments[0], "x")) }
            return record("feed-forward", [("hidden", .matrix(t.hidden)), ("output", .matrix(t.output))])
        },
        Builtin(name: "transformerEncoder", signature: "transformerEncoder(x, heads:, Wq:, Wk:, Wv:, Wo:, bq:, bk:, bv:, bo:, W1:, b1:, W2:, b2:, gamma1:, beta1:, gamma2:, beta2:, eps:, mask:)",
                summary: "One post-norm encoder layer: LayerNorm(x + MultiHead(x)), then LayerNorm(z + FFN(z)).",
                doc: "Add the positional encoding to `x` first. The attention biases `bq…bo` and the layer norms' `gamma1`/`beta1`, "
                    + "`gamma2`/`beta2` and `eps` are optional (γ = 1, β = 0, ε = 1e-5), so torch's `nn.TransformerEncoderLayer` "
                    + "(post-norm, ReLU, no dropout) loads whole: `self_attn.in_proj_*` split in three, `norm1.weight`/`.bias`… Fields: `attention` "
                    + "(the multi-head record), `residual1`, `norm1`, `hidden`, `residual2`, `output`.",
                group: "Transformer") { call in
            let x = try call.matrix(call.arguments[0], "x")
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let layer = TransformerEncoderLayer(attention: try call.multiHeadLayer(heads: h, biases: true), norm1: try call.layerNorm(1, size: x.cols),
                                                feedForward: try call.feedForwardLayer(), norm2: try call.layerNorm(2, size: x.cols))
            let mask = try call.attentionMask(queries: x.rows, keys: x.rows)
            try checkAttentionWork(call, queries: x.rows, keys: x.rows, width: max(x.cols, layer.feedForward.W1.rows))
            let t = try call.engine { try layer.apply(x, mask: mask) }
            return record("Transformer encoder layer",
                          [("attention", multiHeadRecord(t.attention)), ("residual1", .matrix(t.residual1)), ("norm1", .matrix(t.norm1.output)),
                           ("hidden", .matrix(t.feedForward.hidden)), ("residual2", .matrix(t.residual2)), ("output", .matrix(t.output))], trace: .layerNorm(t.norm1, gamma: layer.norm1.gamma, beta: layer.norm1.beta, field: "norm1"))
        },
        Builtin(name: "transformerDecoder",
                signature: "transformerDecoder(y, memory:, heads:, Wq:, Wk:, Wv:, Wo:, bq:, bk:, bv:, bo:, crossWq:, crossWk:, crossWv:, crossWo:, crossBq:, crossBk:, crossBv:, crossBo:, W1:, b1:, W2:, b2:, gamma1:, beta1:, gamma2:, beta2:, gamma3:, beta3:, eps:, memoryMask:)",
                summary: "One post-norm decoder layer: causal self-attention, cross-attention to the encoder output, feed-forward.",
                doc: "Z1 = LayerNorm(y + MultiHead(y, y, y, causal)); Z2 = LayerNorm(Z1 + MultiHead(Z1, memory, memory)) — queries "
                    + "from the decoder, keys and values from the encoder; out = LayerNorm(Z2 + FFN(Z2)). `Wq…Wo` are the "
                    + "self-attention weights, `crossWq…crossWo` the cross-attention's; biases (`bq…bo`, `crossBq…crossBo`) and the "
                    + "three layer norms' `gammaK`/`betaK` and `eps` are optional, so torch's `nn.TransformerDecoderLayer` loads whole. "
                    + "`memoryMask:` is a 1/0 matrix (T × S). "
                    + "Fields: `selfAttention`, `norm1`, `crossAttention` (multi-head records), `norm2`, `hidden`, `output`.",
                group: "Transformer") { call in
            let y = try call.matrix(call.arguments[0], "y"), memory = try call.requiredMatrix("memory")
            let h = try call.integer(try call.required(0, "heads", labelled: true), "heads", minimum: 1)
            let layer = TransformerDecoderLayer(
                selfAttention: try call.multiHeadLayer(heads: h, biases: true), norm1: try call.layerNorm(1, size: y.cols),
                crossAttention: try call.multiHeadLayer(heads: h, prefix: "cross", biases: true), norm2: try call.layerNorm(2, size: y.cols),
                feedForward: try call.feedForwardLayer(), norm3: try call.layerNorm(3, size: y.cols))
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
