import AttentionEngine
@testable import Training

// Central finite differences, the independent reference every gradient here is compared with, in
// their fourth-order form (the five-point stencil, e.g. Fornberg 1988):
//   ∂L/∂θ_k ≈ (L(θ − 2h e_k) − 8 L(θ − h e_k) + 8 L(θ + h e_k) − L(θ + 2h e_k)) / 12h,
// truncation error O(h⁴). The two-point form (L(θ + h) − L(θ − h))/2h has error O(h²) plus
// rounding ≈ ε|L|/h, and for the model's small attention gradients at initialisation the sum of
// the two stays near 1e−6 relative whatever h is; with h = 1e−4 the five-point stencil brings
// truncation to ~1e−16 and rounding to ~1e−12, far below the 1e−6 the tests demand.

/// Relative error between an analytic and a numeric gradient: ‖g − ĝ‖∞ / max(‖g‖∞, ‖ĝ‖∞),
/// 0 when both are zero (a tensor the loss does not depend on).
func relativeError(_ analytic: [Double], _ numeric: [Double]) -> Double {
    let diff = zip(analytic, numeric).map { abs($0 - $1) }.max() ?? 0
    let scale = max(analytic.map(abs).max() ?? 0, numeric.map(abs).max() ?? 0)
    return scale == 0 ? 0 : diff / scale
}

/// ∂f/∂input_k by central differences, for every entry of every input.
func numericGradients(_ inputs: [Matrix], h: Double = 1e-4, _ f: ([Matrix]) throws -> Double) rethrows -> [[Double]] {
    var out: [[Double]] = []
    for n in inputs.indices {
        var g = [Double](repeating: 0, count: inputs[n].storage.count)
        for k in g.indices {
            func at(_ step: Double) throws -> Double {
                var moved = inputs
                moved[n].storage[k] += step
                return try f(moved)
            }
            g[k] = (try at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h)
        }
        out.append(g)
    }
    return out
}

/// Checks an operation's gradient: L = Σ op(inputs) ⊙ R for a fixed random R (so every output
/// entry gets a different weight), analytic gradients from the tape against central differences.
/// - Returns: the worst relative error over the inputs marked `differentiable`.
func gradientCheck(_ inputs: [Matrix], differentiable: [Bool]? = nil,
                   _ op: (Tape, [Tape.Variable]) throws -> Tape.Variable) throws -> Double {
    func loss(_ xs: [Matrix]) throws -> (Tape, [Tape.Variable], Tape.Variable) {
        let tape = Tape()
        let vars = xs.enumerated().map { (differentiable?[$0.offset] ?? true) ? tape.parameter($0.element) : tape.constant($0.element) }
        let out = try op(tape, vars)
        let y = tape.value(out)
        let R = Matrix.random(rows: y.rows, cols: y.cols, seed: 99)
        return (tape, vars, tape.sum(try tape.mul(out, tape.constant(R))))
    }
    let (tape, vars, L) = try loss(inputs)
    try tape.backward(from: L)
    let numeric = try numericGradients(inputs) { xs in let (t, _, l) = try loss(xs); return t.value(l)[0, 0] }
    var worst = 0.0
    for n in inputs.indices where differentiable?[n] ?? true {
        worst = max(worst, relativeError(tape.gradient(vars[n]).storage, numeric[n]))
    }
    return worst
}
