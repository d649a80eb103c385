import Foundation

// Hard attention: attend to one position instead of a weighted mix.
// - argmax: the one-hot vector of the largest weight (first maximum on ties) — a simplification;
// - sampling (Xu et al. 2015 §4.1, "stochastic hard attention"): draw one position i ~ Categorical(α),
//   trained with REINFORCE because the draw has no gradient (CURRICULUM §C.5);
// - Gumbel-softmax (Jang et al. 2016, eq. 1): y_i = exp((log π_i + g_i)/τ) / Σ_j exp((log π_j + g_j)/τ),
//   g_i = −log(−log u_i), u_i ~ Uniform(0, 1): a differentiable relaxation, one-hot as τ → 0.
//
// Sampling by inverse CDF: with cumulative sums c_i = α_0 + … + α_i and one uniform u ∈ [0, 1), the
// chosen position is the first i with u < c_i (positions of weight 0 are never chosen; if rounding
// leaves c_last < u, the last position of positive weight is taken). Seeded draws use SplitMix64,
// `SeededRandom(seed:).uniform()`, u = (next() >> 11) · 2⁻⁵³ (the first draw).

extension SeededRandom {
    /// Uniform in (0, 1): a zero draw is redrawn, since Gumbel noise needs log u.
    fileprivate mutating func openUniform() -> Double {
        while true { let u = uniform(); if u > 0 { return u } }
    }
}

/// Every intermediate of argmax or sampled hard attention.
public struct HardAttentionTrace: Equatable, Sendable, Codable {
    /// The soft weights α the choice is made from.
    public var weights: Vector
    /// The cumulative sums c_i = α_0 + … + α_i (sampling only).
    public var cumulative: Vector?
    /// The uniform draw u (sampling only).
    public var uniform: Double?
    /// The chosen position.
    public var chosen: Int
    /// The one-hot vector at `chosen`: the hard weights.
    public var oneHot: Vector
    /// The attended value `h_chosen`, when values were given.
    public var context: Vector?

    /// Why this position: the inverse-CDF comparison (sampling) or the maximum (argmax).
    public func explain() -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }
        guard let u = uniform, let c = cumulative else {
            return WorkedArithmetic(title: "the hard (argmax) choice",
                                    lines: [.init(lhs: "i*", symbolic: "argmax_i α_i", substituted: "α\(Entrywise.subscriptDigits(chosen)) = \(f(weights[chosen]))",
                                                  result: "\(chosen)")],
                                    note: "Ties go to the first maximum.")
        }
        let prev = chosen == 0 ? 0 : c[chosen - 1]
        return WorkedArithmetic(title: "the sampled position, by inverse CDF",
                                lines: [.init(lhs: "c\(Entrywise.subscriptDigits(chosen))", symbolic: "α₀ + … + α\(Entrywise.subscriptDigits(chosen))",
                                              result: f(c[chosen])),
                                        .init(lhs: "i*", symbolic: "first i with u < c_i",
                                              substituted: "\(f(prev)) ≤ u = \(f(u)) < \(f(c[chosen]))", result: "\(chosen)")])
    }
}

/// Every intermediate of one Gumbel-softmax draw.
public struct GumbelSoftmaxTrace: Equatable, Sendable, Codable {
    /// The class probabilities π (e.g. attention weights α).
    public var probabilities: Vector
    /// `log π_i` (−∞ where π_i = 0; such positions get y_i = 0).
    public var logProbabilities: Vector
    /// The uniform draws u_i, when the noise was given as uniforms or seeded (else `nil`).
    public var uniforms: Vector?
    /// The Gumbel noise g_i = −log(−log u_i).
    public var gumbel: Vector
    /// `log π_i + g_i`.
    public var perturbed: Vector
    /// τ.
    public var temperature: Double
    /// `(log π_i + g_i)/τ`.
    public var scaled: Vector
    /// The softmax of `perturbed` at temperature τ (stable form: maximum, exponentials, sum).
    public var softmax: SoftmaxTrace
    /// The relaxed one-hot sample y.
    public var y: Vector
    /// argmax of y (first on ties): the hard sample the relaxation approaches as τ → 0.
    public var hardIndex: Int

    /// The arithmetic of one `y_i`.
    public func explain(position i: Int) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }, p = { (x: Double) in ArithmeticText.number(x, .factor) }
        let sub = Entrywise.subscriptDigits(i)
        var lines: [WorkedArithmetic.Line] = []
        if let u = uniforms {
            lines.append(.init(lhs: "g\(sub)", symbolic: "−log(−log u\(sub))", substituted: "−log(−log \(f(u[i])))", result: f(gumbel[i])))
        }
        lines.append(.init(lhs: "log π\(sub) + g\(sub)", substituted: "log \(f(probabilities[i])) + \(p(gumbel[i]))",
                           substituted2: "\(p(logProbabilities[i])) + \(p(gumbel[i]))", result: f(perturbed[i])))
        lines.append(.init(lhs: "y\(sub)", symbolic: "exp((log π\(sub) + g\(sub) − m)/τ) / Σ_j exp((log π_j + g_j − m)/τ)",
                           substituted: "exp((\(p(perturbed[i])) − \(p(softmax.maximum)))/\(f(temperature))) / \(f(softmax.sum))",
                           result: f(y[i])))
        return WorkedArithmetic(title: "y\(sub), one Gumbel-softmax weight at τ = \(f(temperature))", lines: lines,
                                note: "m = \(f(softmax.maximum)) is the largest log π_j + g_j, subtracted for stability; it cancels.")
    }
}

extension WorkedArithmetic.Line {
    /// A line with two substitution stages joined by `=`.
    init(lhs: ArithmeticText, substituted: ArithmeticText, substituted2: ArithmeticText, result: ArithmeticText) {
        self.init(lhs: lhs, symbolic: substituted, substituted: substituted2, result: result)
    }
}

/// The noise of a Gumbel-softmax draw: explicit so lessons can check every number, or seeded.
public enum GumbelNoise: Equatable, Sendable, Codable {
    /// Uniforms u_i ∈ (0, 1), one per position; g_i = −log(−log u_i).
    case uniforms([Double])
    /// The Gumbel noise g_i itself.
    case gumbel([Double])
    /// Uniforms drawn in order from `SeededRandom(seed:)` (u = 0 redrawn).
    case seed(UInt64)
    /// No noise (g = 0): y = softmax(log π / τ), which is π itself at τ = 1.
    case none
}

public enum HardAttention {
    /// The one-hot vector of the largest weight (the first one on ties).
    /// - Parameter values: the rows to pick from (S × d), or `nil`.
    /// - Throws: `EngineError` when the weights are empty or values have a different number of rows.
    public static func argmax(weights: Vector, values: Matrix? = nil) throws -> HardAttentionTrace {
        try check(weights, values)
        var best = 0
        for i in 1..<weights.count where weights[i] > weights[best] { best = i }
        return HardAttentionTrace(weights: weights, cumulative: nil, uniform: nil, chosen: best,
                                  oneHot: oneHot(best, like: weights), context: values?.row(best))
    }

    /// Draws one position from α by inverse CDF with the given uniform u ∈ [0, 1).
    /// - Throws: `EngineError` for u outside [0, 1), negative weights, weights not summing to 1 (±1e-6),
    ///   or values of the wrong length.
    public static func sample(weights: Vector, uniform u: Double, values: Matrix? = nil) throws -> HardAttentionTrace {
        try check(weights, values)
        guard u >= 0, u < 1 else { throw EngineError("the uniform draw u must be in [0, 1), found \(Entrywise.show(u))", parameter: "uniform") }
        guard weights.values.allSatisfy({ $0 >= 0 }) else {
            throw EngineError("sampling needs weights ≥ 0, found \(Entrywise.show(weights.values.min()!))", parameter: "weights")
        }
        let total = weights.values.reduce(0, +)
        guard abs(total - 1) <= 1e-6 else {
            throw EngineError("sampling needs weights summing to 1, found a sum of \(Entrywise.show(total))", parameter: "weights")
        }
        var cumulative = [Double](), running = 0.0
        for w in weights.values { running += w; cumulative.append(running) }
        let chosen = cumulative.firstIndex(where: { u < $0 }) ?? weights.values.lastIndex(where: { $0 > 0 })!
        return HardAttentionTrace(weights: weights, cumulative: Vector(cumulative, labels: weights.labels), uniform: u,
                                  chosen: chosen, oneHot: oneHot(chosen, like: weights), context: values?.row(chosen))
    }

    /// Draws one position from α with the first `SeededRandom(seed:).uniform()`.
    public static func sample(weights: Vector, seed: UInt64, values: Matrix? = nil) throws -> HardAttentionTrace {
        var rng = SeededRandom(seed: seed)
        return try sample(weights: weights, uniform: rng.uniform(), values: values)
    }

    /// One Gumbel-softmax draw.
    /// - Parameters:
    ///   - probabilities: π, entries ≥ 0 with at least one > 0 (need not be normalised: log π shifts by a constant).
    ///   - temperature: τ > 0.
    ///   - noise: explicit uniforms or Gumbel values (one per position), a seed, or none.
    /// - Throws: `EngineError` for τ ≤ 0, negative π, noise of the wrong length (naming both shapes) or u outside (0, 1).
    public static func gumbelSoftmax(probabilities: Vector, temperature: Double, noise: GumbelNoise) throws -> GumbelSoftmaxTrace {
        let n = probabilities.count
        guard n > 0 else { throw EngineError("Gumbel-softmax needs at least one probability", parameter: "probabilities") }
        guard temperature > 0, temperature.isFinite else {
            throw EngineError("Gumbel-softmax needs a temperature τ > 0, found \(Entrywise.show(temperature))", parameter: "temperature")
        }
        guard probabilities.values.allSatisfy({ $0 >= 0 }), probabilities.values.contains(where: { $0 > 0 }) else {
            throw EngineError("Gumbel-softmax needs probabilities ≥ 0, not all 0", parameter: "probabilities")
        }
        var uniforms: [Double]?, g: [Double] = []
        switch noise {
        case .uniforms(let u):
            guard u.count == n else {
                throw EngineError.shape("Gumbel-softmax", .vector(u.count), probabilities.shape, "one uniform per probability", parameter: "noise")
            }
            if let bad = u.first(where: { !($0 > 0 && $0 < 1) }) {
                throw EngineError("Gumbel noise needs uniforms in (0, 1) (log 0 is −∞), found \(Entrywise.show(bad))", parameter: "noise")
            }
            uniforms = u
        case .gumbel(let values):
            guard values.count == n else {
                throw EngineError.shape("Gumbel-softmax", .vector(values.count), probabilities.shape, "one Gumbel value per probability", parameter: "noise")
            }
            g = values
        case .seed(let seed):
            var rng = SeededRandom(seed: seed)
            uniforms = (0..<n).map { _ in rng.openUniform() }
        case .none:
            g = Array(repeating: 0, count: n)
        }
        if let uniforms { g = uniforms.map { -Foundation.log(-Foundation.log($0)) } }
        let logPi = probabilities.values.map { Foundation.log($0) }          // −∞ at π_i = 0
        let allowed = probabilities.values.map { $0 > 0 }
        let perturbed = zip(logPi, g).map { $0.isFinite ? $0 + $1 : 0 }      // masked below where π_i = 0
        let scaled = zip(perturbed, allowed).map { $1 ? $0 / temperature : 0 }
        let soft = try Softmax.trace(Vector(perturbed, labels: probabilities.labels), mask: allowed, temperature: temperature)
        var hard = 0
        for i in 1..<n where soft.weights[i] > soft.weights[hard] { hard = i }
        let labels = probabilities.labels
        return GumbelSoftmaxTrace(probabilities: probabilities, logProbabilities: Vector(logPi, labels: labels),
                                  uniforms: uniforms.map { Vector($0, labels: labels) }, gumbel: Vector(g, labels: labels),
                                  perturbed: Vector(zip(perturbed, allowed).map { $1 ? $0 : -.infinity }, labels: labels),
                                  temperature: temperature, scaled: Vector(zip(scaled, allowed).map { $1 ? $0 : -.infinity }, labels: labels),
                                  softmax: soft, y: soft.weights, hardIndex: hard)
    }

    /// How often each position is drawn in `draws` samples, as fractions: the uniforms are
    /// consecutive `uniform()` draws of one `SeededRandom(seed:)` (so the lesson can show the
    /// frequencies approaching α as draws grow).
    /// - Throws: `EngineError` when `draws` < 1 or the weights are not a distribution.
    public static func frequencies(weights: Vector, draws: Int, seed: UInt64) throws -> Vector {
        guard draws >= 1 else { throw EngineError("draws must be at least 1, found \(Entrywise.show(draws))", parameter: "draws") }
        var rng = SeededRandom(seed: seed)
        var counts = [Double](repeating: 0, count: weights.count)
        for _ in 0..<draws { counts[try sample(weights: weights, uniform: rng.uniform()).chosen] += 1 }
        return Vector(counts.map { $0 / Double(draws) }, labels: weights.labels)
    }

    /// Gumbel-softmax at several temperatures with the same noise: one row of y per τ (lesson 10's
    /// τ = 5 … 0.1 table, converging to the one-hot of argmax(log π + g)).
    /// - Throws: as `gumbelSoftmax`, for any τ.
    public static func gumbelSweep(probabilities: Vector, temperatures: [Double], noise: GumbelNoise) throws -> Matrix {
        guard !temperatures.isEmpty else { throw EngineError("give at least one temperature", parameter: "temperatures") }
        let rows = try temperatures.map { try gumbelSoftmax(probabilities: probabilities, temperature: $0, noise: noise).y }
        return try Matrix(stacking: rows, rowLabels: temperatures.map { "τ = \(EngineError.number($0, digits: 4))" })
    }

    private static func check(_ weights: Vector, _ values: Matrix?) throws {
        guard weights.count > 0 else { throw EngineError("hard attention needs at least one weight", parameter: "weights") }
        if let values, values.rows != weights.count {
            throw EngineError.shape("hard attention", weights.shape, values.shape, "one value row per weight", parameter: "values")
        }
    }

    private static func oneHot(_ i: Int, like w: Vector) -> Vector {
        var v = Vector(repeating: 0, count: w.count)
        v[i] = 1
        v.labels = w.labels
        return v
    }
}
