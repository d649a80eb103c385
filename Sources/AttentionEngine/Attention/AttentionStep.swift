// One attention step and its trace: e_i = F(s, h_i), α = softmax(e), a = Σ_i α_i v_i.
// Bahdanau et al. 2014, eqs. (5)–(6); Luong et al. 2015, eqs. (5), (7); in the query–key–value
// view (Vaswani et al. 2017, §3.2) the query is s and keys and values are both h unless given.

/// Everything one attention step computed, for `show step` and `explain`.
public struct AttentionStep: Equatable, Sendable, Codable {
    /// The query s (e.g. the decoder state s_{t−1}).
    public var query: Vector
    /// Keys, S × d_h (row i is h_i, labelled by source tokens).
    public var keys: Matrix
    /// Values, S × d_v (the keys unless given).
    public var values: Matrix
    /// The score function F.
    public var score: ScoreFunction
    /// Scores e (before softmax), one per key.
    public var e: Vector
    /// The softmax's intermediates (maximum, exponentials, sum).
    public var softmax: SoftmaxTrace
    /// Weights α = softmax(e) (after softmax), summing to 1.
    public var alpha: Vector
    /// The context a = Σ_i α_i v_i, labelled by the values' column labels.
    public var a: Vector

    public init(query: Vector, keys: Matrix, values: Matrix, score: ScoreFunction, e: Vector, softmax: SoftmaxTrace,
                alpha: Vector, a: Vector) {
        self.query = query; self.keys = keys; self.values = values; self.score = score
        self.e = e; self.softmax = softmax; self.alpha = alpha; self.a = a
    }

    /// The arithmetic behind score `e_i`.
    /// - Parameter i: 0-based source position.
    /// - Throws: `EngineError` when `i` is outside 0..<S.
    public func explainScore(_ i: Int) throws -> WorkedArithmetic {
        try score.explain(query: query, keys: keys, position: i)
    }

    /// The arithmetic behind α = softmax(e): maximum, shifted scores, exponentials, sum, ratios.
    public func explainWeights() -> WorkedArithmetic {
        softmax.explain()
    }

    /// The arithmetic behind a = Σ_i α_i v_i, one line per component.
    ///
    /// Line k reads `a[k] = α₀×h₀[k] + α₁×h₁[k] + … = result`. The values are written h when
    /// they are the keys (seq2seq attention, K = V = h), v otherwise.
    public func explainContext() -> WorkedArithmetic {
        let S = values.rows
        let v = values == keys ? "h" : "v"
        var lines: [WorkedArithmetic.Line] = []
        let symbolic = (0..<S).map { "α\(Notation.sub($0))\(v)\(Notation.sub($0))" }.joined(separator: " + ")
        lines.append(.init(lhs: "a", symbolic: ArithmeticText(symbolic), result: Notation.vector(a.values)))
        for k in 0..<values.cols {
            let column = (0..<S).map { values[$0, k] }
            let name = "a[" + (Notation.label(values.colLabels, k) ?? "\(k)") + "]"
            lines.append(.init(lhs: ArithmeticText(name), substituted: Notation.products(alpha.values, column),
                               result: "\(num: a.values[k])"))
        }
        return WorkedArithmetic(title: ArithmeticText("a = Σᵢ αᵢ \(v)ᵢ, the context vector"), lines: lines)
    }
}

/// The result of attending with many queries at once (rows of `queries`).
public struct AttentionMatrices: Equatable, Sendable, Codable {
    /// Scores, T × S (rows labelled by the queries' row labels, columns by the keys').
    public var e: Matrix
    /// Weights, T × S, each row summing to 1: the alignment matrix.
    public var alpha: Matrix
    /// Contexts, T × d_v: row t is Σ_i α_{t,i} v_i.
    public var a: Matrix

    public init(e: Matrix, alpha: Matrix, a: Matrix) { self.e = e; self.alpha = alpha; self.a = a }
}
