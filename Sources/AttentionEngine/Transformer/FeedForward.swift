// Position-wise feed-forward network (Vaswani et al. 2017 §3.3, eq. 2):
//     FFN(x) = max(0, x W₁ + b₁) W₂ + b₂
// The paper writes row vectors with W₁ (d_model × d_ff). Here weights are (out × in) as everywhere in
// the engine, so W1 is (d_ff × d_model), W2 is (d_model × d_ff) and FFN(X) = max(0, X W1ᵀ + b1) W2ᵀ + b2.

public struct FeedForwardTrace: Equatable, Sendable, Codable {
    /// X W1ᵀ + b1 (n × d_ff).
    public var hiddenPreActivation: Matrix
    /// max(0, ·) (n × d_ff).
    public var hidden: Matrix
    /// hidden W2ᵀ + b2 (n × d_model).
    public var output: Matrix
}

public struct FeedForward: Equatable, Sendable, Codable {
    /// (d_ff × d_model)
    public var W1: Matrix
    public var b1: Vector?
    /// (d_model × d_ff)
    public var W2: Matrix
    public var b2: Vector?

    /// - Throws: `EngineError` naming both shapes when W2 does not map back from d_ff.
    public init(W1: Matrix, b1: Vector? = nil, W2: Matrix, b2: Vector? = nil) throws {
        guard W2.cols == W1.rows else {
            throw EngineError.shape("the feed-forward network", W1.shape, W2.shape, "W2 with one column per row of W1 (W1 is d_ff × d, W2 is d × d_ff)", parameter: "W2")
        }
        self.W1 = W1; self.b1 = b1; self.W2 = W2; self.b2 = b2
    }

    public func apply(_ X: Matrix) throws -> FeedForwardTrace {
        let pre = try Projection.apply(X, weight: W1, bias: b1, parameter: "W1")        // (n, d) @ (d, d_ff)
        let hidden = pre.map { max(0, $0) }
        var out = try Projection.apply(hidden, weight: W2, bias: b2, parameter: "W2")   // (n, d_ff) @ (d_ff, d)
        out.rowLabels = X.rowLabels
        return FeedForwardTrace(hiddenPreActivation: pre, hidden: hidden, output: out)
    }
}
