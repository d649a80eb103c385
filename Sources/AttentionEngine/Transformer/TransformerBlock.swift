// Transformer layers (Vaswani et al. 2017 §3.1, Figure 1), post-norm as in the paper:
//     encoder:  Z = LayerNorm(X + MultiHead(X, X, X));  Y = LayerNorm(Z + FFN(Z))
//     decoder:  Z1 = LayerNorm(Y + MultiHead(Y, Y, Y, causal))
//               Z2 = LayerNorm(Z1 + MultiHead(Z1, M, M))      M: the encoder output (cross-attention)
//               out = LayerNorm(Z2 + FFN(Z2))
// (Most current code uses pre-norm, x + Sublayer(LayerNorm(x)); the lesson shows the paper's form.)
// The input embeddings plus positional encodings are the caller's: see `PositionalEncoding`.
// Dropout is omitted (it is off at inference).

/// Every intermediate of one encoder layer.
public struct TransformerEncoderTrace: Equatable, Sendable, Codable {
    public var input: Matrix
    public var attention: MultiHeadTrace
    /// X + MultiHead(X, X, X).
    public var residual1: Matrix
    public var norm1: LayerNormTrace
    public var feedForward: FeedForwardTrace
    /// Z + FFN(Z).
    public var residual2: Matrix
    public var norm2: LayerNormTrace
    public var output: Matrix { norm2.output }
}

/// One encoder layer: self-attention, add & norm, feed-forward, add & norm.
public struct TransformerEncoderLayer: Equatable, Sendable, Codable {
    public var attention: MultiHeadAttention
    public var norm1: LayerNorm
    public var feedForward: FeedForward
    public var norm2: LayerNorm

    public init(attention: MultiHeadAttention, norm1: LayerNorm, feedForward: FeedForward, norm2: LayerNorm) {
        self.attention = attention; self.norm1 = norm1; self.feedForward = feedForward; self.norm2 = norm2
    }

    /// - Parameter mask: "may attend" (n × n), e.g. a padding mask.
    public func apply(_ X: Matrix, mask: [[Bool]]? = nil) throws -> TransformerEncoderTrace {
        let att = try attention.selfAttend(X, mask: mask)
        let r1 = try Entrywise.add(X, att.output, "the residual X + MultiHead(X)", parameter: "Wo")
        let n1 = try norm1.apply(r1)
        let ff = try feedForward.apply(n1.output)
        let r2 = try Entrywise.add(n1.output, ff.output, "the residual Z + FFN(Z)", parameter: "W2")
        let n2 = try norm2.apply(r2)
        return TransformerEncoderTrace(input: X, attention: att, residual1: r1, norm1: n1, feedForward: ff, residual2: r2, norm2: n2)
    }
}

/// Every intermediate of one decoder layer.
public struct TransformerDecoderTrace: Equatable, Sendable, Codable {
    public var input: Matrix
    public var memory: Matrix
    /// Masked (causal) self-attention.
    public var selfAttention: MultiHeadTrace
    public var residual1: Matrix
    public var norm1: LayerNormTrace
    /// Cross-attention: queries from the decoder, keys and values from the encoder output.
    public var crossAttention: MultiHeadTrace
    public var residual2: Matrix
    public var norm2: LayerNormTrace
    public var feedForward: FeedForwardTrace
    public var residual3: Matrix
    public var norm3: LayerNormTrace
    public var output: Matrix { norm3.output }
}

/// One decoder layer: causal self-attention, cross-attention to the encoder, feed-forward; add & norm after each.
public struct TransformerDecoderLayer: Equatable, Sendable, Codable {
    public var selfAttention: MultiHeadAttention
    public var norm1: LayerNorm
    public var crossAttention: MultiHeadAttention
    public var norm2: LayerNorm
    public var feedForward: FeedForward
    public var norm3: LayerNorm

    public init(selfAttention: MultiHeadAttention, norm1: LayerNorm, crossAttention: MultiHeadAttention, norm2: LayerNorm,
                feedForward: FeedForward, norm3: LayerNorm) {
        self.selfAttention = selfAttention; self.norm1 = norm1; self.crossAttention = crossAttention
        self.norm2 = norm2; self.feedForward = feedForward; self.norm3 = norm3
    }

    /// - Parameters:
    ///   - Y: the decoder input (T × d_model).
    ///   - memory: the encoder output (S × d_model).
    ///   - memoryMask: "may attend" (T × S) for the cross-attention, e.g. source padding.
    public func apply(_ Y: Matrix, memory: Matrix, memoryMask: [[Bool]]? = nil) throws -> TransformerDecoderTrace {
        let sa = try selfAttention.selfAttend(Y, mask: AttentionMask.causal(Y.rows))
        let r1 = try Entrywise.add(Y, sa.output, "the residual Y + MaskedMultiHead(Y)")
        let n1 = try norm1.apply(r1)
        let ca: MultiHeadTrace
        do {
            ca = try crossAttention.attend(query: n1.output, key: memory, value: memory, mask: memoryMask)
        } catch var error as EngineError {
            // Both sub-layers have a `Wq`; say which one failed (the script calls them `crossWq`…).
            if let p = error.parameter, p.hasPrefix("W") || p.hasPrefix("b") {
                error.parameter = "cross" + p.prefix(1).uppercased() + p.dropFirst()
                error.message = "cross-attention: " + error.message
            }
            throw error
        }
        let r2 = try Entrywise.add(n1.output, ca.output, "the residual Z1 + MultiHead(Z1, M, M)")
        let n2 = try norm2.apply(r2)
        let ff = try feedForward.apply(n2.output)
        let r3 = try Entrywise.add(n2.output, ff.output, "the residual Z2 + FFN(Z2)")
        let n3 = try norm3.apply(r3)
        return TransformerDecoderTrace(input: Y, memory: memory, selfAttention: sa, residual1: r1, norm1: n1, crossAttention: ca,
                                       residual2: r2, norm2: n2, feedForward: ff, residual3: r3, norm3: n3)
    }
}
