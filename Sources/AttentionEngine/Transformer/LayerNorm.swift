import Foundation

// Layer normalisation (Ba et al. 2016), as in the Transformer (Vaswani et al. 2017 §3.1) and torch
// `nn.LayerNorm`: per row x (d entries),
//     μ = (1/d) Σ x_k,   σ² = (1/d) Σ (x_k − μ)²   (biased variance, as torch),
//     x̂ = (x − μ)/√(σ² + ε),   y = γ ⊙ x̂ + β,   ε = 1e-5 by default.

public struct LayerNormTrace: Equatable, Sendable, Codable {
    public var input: Matrix
    /// μ per row.
    public var mean: Vector
    /// σ² per row.
    public var variance: Vector
    /// x̂, mean 0 and variance σ²/(σ² + ε) ≈ 1 per row.
    public var normalized: Matrix
    /// γ ⊙ x̂ + β.
    public var output: Matrix
    public var epsilon: Double

    /// The arithmetic of one row.
    public func explainRow(_ r: Int, gamma: Vector, beta: Vector) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }, p = { (x: Double) in ArithmeticText.number(x, .factor) }
        let x = input.row(r).values, d = x.count
        let k = 0
        // The first 8 terms of each sum are written out, so a d = 512 row stays one line.
        let more: ArithmeticText = d > 8 ? " + …" : ""
        let terms = ArithmeticText.joined(x.prefix(8).map(p), separator: " + ")
        let squares = ArithmeticText.joined(x.prefix(8).map { v -> ArithmeticText in "(\(p(v)) − \(p(mean[r])))²" }, separator: " + ")
        return WorkedArithmetic(
            title: "layer norm of row \(r)",
            lines: [
                .init(lhs: "μ", symbolic: "(1/\(d)) Σ x_k", substituted: "(\(terms)\(more)) / \(d)",
                      result: f(mean[r])),
                .init(lhs: "σ²", symbolic: "(1/\(d)) Σ (x_k − μ)²",
                      substituted: "(\(squares)\(more)) / \(d)",
                      result: f(variance[r])),
                .init(lhs: "x̂₀", symbolic: "(x₀ − μ) / √(σ² + ε)", substituted: "(\(p(x[k])) − \(p(mean[r]))) / √(\(f(variance[r])) + \(full: epsilon))",
                      result: f(normalized[r, k])),
                .init(lhs: "y₀", symbolic: "γ₀ x̂₀ + β₀", substituted: "\(p(gamma[k]))×\(p(normalized[r, k])) + \(p(beta[k]))", result: f(output[r, k])),
            ])
    }
}

public struct LayerNorm: Equatable, Sendable, Codable {
    public var gamma: Vector
    public var beta: Vector
    public var epsilon: Double

    /// - Throws: `EngineError` when γ and β differ in length or ε ≤ 0.
    public init(gamma: Vector, beta: Vector, epsilon: Double = 1e-5) throws {
        guard gamma.count == beta.count else {
            throw EngineError.shape("layer norm", gamma.shape, beta.shape, "γ and β of the same length", parameter: "beta")
        }
        guard epsilon > 0 else { throw EngineError("layer norm needs ε > 0, found \(Entrywise.show(epsilon))", parameter: "epsilon") }
        self.gamma = gamma; self.beta = beta; self.epsilon = epsilon
    }

    /// γ = 1, β = 0 (torch's initial values).
    public init(size: Int, epsilon: Double = 1e-5) {
        gamma = Vector(repeating: 1, count: size); beta = Vector(repeating: 0, count: size); self.epsilon = epsilon
    }

    public func apply(_ X: Matrix) throws -> LayerNormTrace {
        guard X.cols == gamma.count else {
            throw EngineError.shape("layer norm", X.shape, gamma.shape, "γ with one entry per column of the input", parameter: "gamma")
        }
        let d = Double(X.cols)
        var mean = [Double](), variance = [Double]()
        var normalized = X, output = X
        for r in 0..<X.rows {
            let x = X.row(r).values
            let mu = x.reduce(0, +) / d
            let v = x.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / d
            mean.append(mu); variance.append(v)
            let inv = 1 / (v + epsilon).squareRoot()
            for k in 0..<X.cols {
                normalized[r, k] = (x[k] - mu) * inv
                output[r, k] = gamma[k] * normalized[r, k] + beta[k]
            }
        }
        return LayerNormTrace(input: X, mean: Vector(mean, labels: X.rowLabels), variance: Vector(variance, labels: X.rowLabels),
                              normalized: normalized, output: output, epsilon: epsilon)
    }
}
