import Foundation

// Attention pooling with a learned context vector (Yang et al. 2016, HAN, eqs. 5–7 and 8–10):
//     u_i = tanh(W h_i + b)          // (d_u × d) · (d) -> (d_u)
//     α_i = exp(u_iᵀ u_c) / Σ_j exp(u_jᵀ u_c)
//     s   = Σ_i α_i h_i
// The context vector u_c (u_w for words, u_s for sentences) is a learned query: this is dot-score
// attention whose keys are the projected u_i and whose values are the annotations h_i.

/// Every intermediate of one attention pooling.
public struct AttentionPoolingTrace: Equatable, Sendable, Codable {
    /// The annotations h (n × d), one row per word (or sentence).
    public var annotations: Matrix
    /// `W h_i + b` (n × d_u).
    public var projected: Matrix
    /// `u_i = tanh(W h_i + b)` (n × d_u).
    public var hidden: Matrix
    /// The scores `u_iᵀ u_c` (n).
    public var scores: Vector
    /// The softmax, stable form.
    public var softmax: SoftmaxTrace
    /// α (n).
    public var weights: Vector { softmax.weights }
    /// `Σ_i α_i h_i` (d).
    public var pooled: Vector

    /// The arithmetic of one weight α_i.
    public func explainWeight(_ i: Int, context: Vector) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }
        let sub = Entrywise.subscriptDigits(i)
        return WorkedArithmetic(
            title: "α\(sub), the attention-pooling weight of row \(i)",
            lines: [
                .init(lhs: "u\(sub)ᵀu_c", substituted: Notation.products(hidden.row(i).values, context.values, limit: 8),
                      result: f(scores[i])),
                .init(lhs: "α\(sub)", symbolic: "exp(e\(sub) − m) / Σ_j exp(e_j − m)",
                      substituted: "\(f(softmax.exponentials[i])) / \(f(softmax.sum))", result: f(weights[i])),
            ])
    }
}

/// A HAN attention layer: projection W, b and the learned context vector.
public struct AttentionPooling: Equatable, Sendable, Codable {
    /// (d_u × d)
    public var W: Matrix
    /// (d_u), or `nil`.
    public var b: Vector?
    /// The learned context vector (d_u): `u_w` or `u_s`.
    public var context: Vector

    /// - Throws: `EngineError` naming both shapes when `context` is not as long as W has rows.
    public init(W: Matrix, b: Vector? = nil, context: Vector) throws {
        guard context.count == W.rows else {
            throw EngineError.shape("attention pooling", context.shape, W.shape, "a context vector with one entry per row of W", parameter: "context")
        }
        self.W = W; self.b = b; self.context = context
    }

    /// Pools the rows of `H` into one vector.
    public func pool(_ H: Matrix) throws -> AttentionPoolingTrace {
        let projected = try Projection.apply(H, weight: W, bias: b, parameter: "W")   // (n, d) @ (d, d_u) -> (n, d_u)
        let hidden = Entrywise.tanh(projected)
        let scores = try hidden.matmul(context)                                         // (n, d_u) @ (d_u) -> (n)
        let soft = try Softmax.trace(Vector(scores.values, labels: H.rowLabels))
        return AttentionPoolingTrace(annotations: H, projected: projected, hidden: hidden,
                                     scores: Vector(scores.values, labels: H.rowLabels), softmax: soft,
                                     pooled: Entrywise.weightedSum(soft.weights, H))
    }
}
