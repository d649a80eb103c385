import Foundation

// Local attention (Luong et al. 2015 §3.2).
// At target step t the model picks an aligned position p_t and attends only inside the window
// [p_t − D, p_t + D]:
//   local-m (monotonic):  p_t = t
//   local-p (predictive): p_t = S · sigmoid(v_pᵀ tanh(W_p h_t))          (eq. 9)
//   a_t(i) = align(h_t, h̄_i) · exp(−(i − p_t)²/(2σ²)),  σ = D/2          (eq. 10)
// where align is the softmax of the scores over the window only.
//
// Where the sources differ: the paper introduces the Gaussian with local-p (eq. 10); its local-m
// uses the window softmax alone (eq. 7, weights summing to 1). CURRICULUM.md asks for the Gaussian
// with both, as many implementations do. The Gaussian is therefore on by default for both, and
// `gaussian: false` gives the paper's local-m exactly (lesson 11 shows the two side by side).
//
// Conventions this engine fixes (the paper leaves them open; CURRICULUM §C.6):
// - Positions i and t count from 0. local-p's p_t is real, in (0, S): it may lie past the last
//   position S − 1; the window is then clipped.
// - The window is centred on round(p_t) (halves away from zero): i ∈ [round(p_t) − D, round(p_t) + D],
//   2D + 1 positions, then clipped to [0, S − 1] at the sentence edges (fewer positions there).
//   For local-m p_t is an integer and round changes nothing. A local-p p_t above S − ½ rounds to S,
//   past the last position; the centre is then taken as S − 1, so the window is never empty.
// - The Gaussian uses the real p_t, so with local-p no position gets the full factor 1.
// - The weights are NOT renormalised after the Gaussian: they sum to less than 1 (the trace shows
//   the sum). Positions outside the window get exactly 0.
// - D = 0 gives σ = 0; the Gaussian is then taken as its limit: 1 where i = p_t, 0 elsewhere.
// - The score is any engine `ScoreFunction` (Luong's "dot" by default), or scores given by the caller.

/// How p_t, the aligned source position, is chosen.
public enum LocalPosition: Equatable, Sendable, Codable {
    /// local-m: p_t = t.
    case monotonic(t: Int)
    /// local-p: p_t = S · sigmoid(v_pᵀ tanh(W_p h_t)), W_p (d_p × d), v_p (d_p).
    case predictive(Wp: Matrix, vp: Vector)
}

/// Every intermediate of one local-attention step.
public struct LocalAttentionTrace: Equatable, Sendable, Codable {
    /// S, the source length.
    public var sourceLength: Int
    /// D, the half-width.
    public var halfWidth: Int
    /// σ = D/2.
    public var sigma: Double
    /// local-p only: W_p h_t, tanh(W_p h_t), v_pᵀ tanh(W_p h_t) and its sigmoid.
    public var projected: Vector?
    public var activated: Vector?
    public var logit: Double?
    public var sigmoid: Double?
    /// p_t (real for local-p).
    public var position: Double
    /// round(p_t), clamped to [0, S − 1]: the window's centre.
    public var center: Int
    /// The window before clipping, [round(p_t) − D, round(p_t) + D].
    public var unclippedWindow: ClosedRange<Int>
    /// The window after clipping to [0, S − 1] (never empty; optional only for the explanation of
    /// positions outside it).
    public var window: ClosedRange<Int>?
    /// The scores, at window positions only (0 elsewhere, never used).
    public var scores: Vector
    /// The softmax over the window (maximum, exponentials, sum), masked outside it.
    public var softmax: SoftmaxTrace?
    /// `align(h_t, h̄_i)`: the softmax over the window (0 outside); sums to 1.
    public var align: Vector
    /// Whether the Gaussian factor was applied (`false`: the paper's plain local-m, eq. 7).
    public var usesGaussian: Bool = true
    /// `exp(−(i − p_t)²/(2σ²))` inside the window (0 outside); all 1 in the window without the Gaussian.
    public var gaussian: Vector
    /// The weights a_t(i) = align × Gaussian (0 outside the window).
    public var weights: Vector
    /// Σ_i a_t(i), below 1: local attention does not renormalise.
    public var weightSum: Double
    /// The context c_t = Σ_i a_t(i) h̄_i.
    public var context: Vector

    /// The arithmetic of one weight with its Gaussian factor.
    public func explainWeight(position i: Int) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }, p = { (x: Double) in ArithmeticText.number(x, .factor) }
        let sub = Entrywise.subscriptDigits(i)
        guard let window, window.contains(i) else {
            return WorkedArithmetic(title: "a(\(i)), outside the window", lines: [.init(lhs: "a(\(i))", result: "0")],
                                    note: "Position \(i) lies outside the window \(window.map { "[\($0.lowerBound), \($0.upperBound)]" } ?? "(empty)"), so it gets exactly 0.")
        }
        let alignLine: WorkedArithmetic.Line = softmax.map { sm in
            .init(lhs: "align\(sub)", symbolic: "exp(e\(sub) − m) / Σ_{j∈[\(window.lowerBound), \(window.upperBound)]} exp(e_j − m)",
                  substituted: "exp(\(p(scores[i])) − \(p(sm.maximum))) / \(f(sm.sum))", result: f(align[i]))
        } ?? .init(lhs: "align\(sub)", symbolic: "softmax over the window [\(window.lowerBound), \(window.upperBound)]", result: f(align[i]))
        guard usesGaussian else {
            return WorkedArithmetic(title: "a(\(i)), one local-m weight (window softmax, no Gaussian)",
                                    lines: [alignLine, .init(lhs: "a(\(i))", symbolic: "align\(sub)", result: f(weights[i]))],
                                    note: "Without the Gaussian the window's weights sum to 1, as in Luong et al.'s eq. (7).")
        }
        return WorkedArithmetic(
            title: "a(\(i)), one local-attention weight with its Gaussian factor",
            lines: [
                alignLine,
                .init(lhs: "G\(sub)", symbolic: "exp(−(i − p_t)²/(2σ²))",
                      substituted: "exp(−(\(i) − \(p(position)))²/(2×\(f(sigma))²))", result: f(gaussian[i])),
                .init(lhs: "a(\(i))", symbolic: "align\(sub) × G\(sub)", substituted: "\(f(align[i]))×\(f(gaussian[i]))", result: f(weights[i])),
            ],
            note: "The weights are not renormalised: Σ a = \(f(weightSum)) < 1.")
    }
}

public enum LocalAttention {
    /// One local-attention step.
    /// - Parameters:
    ///   - query: h_t, the current decoder state (d).
    ///   - keys: h̄, the encoder states (S × d).
    ///   - values: the rows averaged into the context (S × d_v); defaults to `keys`.
    ///   - score: Luong's align score (`.dot` by default; `.general(W:)` and `.concat` are the paper's others).
    ///   - halfWidth: D ≥ 0.
    ///   - position: local-m or local-p.
    ///   - gaussian: multiply by the Gaussian (default); `false` with local-m is the paper's eq. (7).
    /// - Throws: `EngineError` for D < 0, t outside [0, S), and shape mismatches (naming both shapes).
    public static func attend(query: Vector, keys: Matrix, values: Matrix? = nil, score: ScoreFunction = .dot,
                              halfWidth: Int, position: LocalPosition, gaussian: Bool = true) throws -> LocalAttentionTrace {
        if case .dot = score, query.count != keys.cols {
            throw EngineError.shape("local attention", query.shape, keys.shape,
                                    "a query as wide as each key (query d, keys S × d)", parameter: "keys")
        }
        // All S scores are computed here for simplicity; only the window's are used (a real
        // implementation scores just the 2D + 1 window positions: see `OperationCounts`).
        var scores = try score.scores(query: query, keys: keys)
        scores.labels = keys.rowLabels
        return try attend(scores: scores, query: query, values: values ?? keys, halfWidth: halfWidth, position: position,
                          gaussian: gaussian)
    }

    /// Local-m for every target step t = 0 … T−1 at once: the banded T × S alignment of lesson 11.
    /// - Parameter queries: the decoder states h_t, one row per target step (T ≤ S).
    /// - Returns: one trace per step, and the weights stacked (T × S, zero outside each band).
    public static func alignment(queries: Matrix, keys: Matrix, values: Matrix? = nil, score: ScoreFunction = .dot,
                                 halfWidth: Int, predictor: (Wp: Matrix, vp: Vector)? = nil,
                                 gaussian: Bool = true) throws -> (steps: [LocalAttentionTrace], weights: Matrix) {
        let steps = try (0..<queries.rows).map { t in
            try attend(query: queries.row(t), keys: keys, values: values, score: score, halfWidth: halfWidth,
                       position: predictor.map { .predictive(Wp: $0.Wp, vp: $0.vp) } ?? .monotonic(t: t), gaussian: gaussian)
        }
        var weights = try Matrix(stacking: steps.map(\.weights), rowLabels: queries.rowLabels)
        weights.colLabels = keys.rowLabels
        return (steps, weights)
    }

    /// One local-attention step from given scores (any score function), one per source position.
    /// - Parameter query: h_t; needed only for local-p.
    public static func attend(scores allScores: Vector, query: Vector? = nil, values: Matrix, halfWidth D: Int,
                              position: LocalPosition, gaussian useGaussian: Bool = true) throws -> LocalAttentionTrace {
        let S = values.rows
        guard allScores.count == S else {
            throw EngineError.shape("local attention", allScores.shape, values.shape, "one score per value row", parameter: "scores")
        }
        guard D >= 0 else { throw EngineError("the half-width D must be ≥ 0, found \(Entrywise.show(D))", parameter: "halfWidth") }
        var trace = LocalAttentionTrace(sourceLength: S, halfWidth: D, sigma: Double(D) / 2, position: 0, center: 0,
                                        unclippedWindow: 0...0, scores: Vector(repeating: 0, count: S),
                                        align: Vector(repeating: 0, count: S), gaussian: Vector(repeating: 0, count: S),
                                        weights: Vector(repeating: 0, count: S), weightSum: 0,
                                        context: Vector(repeating: 0, count: values.cols))
        switch position {
        case .monotonic(let t):
            guard t >= 0, t < S else {
                throw EngineError("local-m needs the target position t in 0..<S = 0..<\(S), found \(Entrywise.show(t))", parameter: "t")
            }
            trace.position = Double(t)
        case .predictive(let Wp, let vp):
            guard let query else { throw EngineError("local-p needs the decoder state h_t", parameter: "query") }
            let projected = try Projection.apply(query, weight: Wp, parameter: "Wp")   // (d_p × d) · (d) -> (d_p)
            guard vp.count == projected.count else {
                throw EngineError.shape("local-p", vp.shape, Wp.shape, "v_p with one entry per row of W_p", parameter: "vp")
            }
            let activated = Entrywise.tanh(projected)
            let logit = try vp.dot(activated)
            let sig = Entrywise.sigmoid(logit)
            trace.projected = projected; trace.activated = activated; trace.logit = logit; trace.sigmoid = sig
            trace.position = Double(S) * sig
        }
        // round halves away from zero; local-p's p_t ∈ (0, S) can round to S, one past the end.
        let center = min(max(Int(trace.position.rounded()), 0), S - 1)
        trace.center = center
        trace.unclippedWindow = (center - D)...(center + D)
        let window = max(0, center - D)...min(S - 1, center + D)
        trace.window = window
        var windowScores = [Double](repeating: 0, count: S)
        for i in window { windowScores[i] = allScores[i] }
        let mask = (0..<S).map { window.contains($0) }
        let soft = try Softmax.trace(Vector(windowScores, labels: allScores.labels), mask: mask)
        let align = soft.weights
        trace.softmax = soft
        trace.scores = Vector(windowScores, labels: allScores.labels)
        trace.align = align
        let twoSigmaSq = 2 * trace.sigma * trace.sigma
        trace.usesGaussian = useGaussian
        for i in window {
            let d = Double(i) - trace.position
            if !useGaussian { trace.gaussian[i] = 1 } else {
                trace.gaussian[i] = twoSigmaSq == 0 ? (d == 0 ? 1 : 0) : Foundation.exp(-(d * d) / twoSigmaSq)
            }
            trace.weights[i] = align[i] * trace.gaussian[i]
        }
        trace.gaussian.labels = allScores.labels
        trace.weights.labels = allScores.labels
        trace.weightSum = trace.weights.values.reduce(0, +)
        trace.context = Entrywise.weightedSum(trace.weights, values)
        return trace
    }
}
