import Foundation

// The gated recurrent unit of Cho et al. 2014 (arXiv 1406.1078, eqs. 5–8) in the form Bahdanau
// et al. 2014 use for their decoder (appendix A.1.1):
//   z = σ(W_z x + U_z h₋ + b_z)            update gate
//   r = σ(W_r x + U_r h₋ + b_r)            reset gate
//   n = tanh(W x + U (r ⊙ h₋) + b)         candidate h̃ — reset applied BEFORE the matmul
//   h = (1 − z) ⊙ h₋ + z ⊙ n               Bahdanau's interpolation
// How libraries differ (CURRICULUM §B):
// - Cho et al. 2014, eq. 7 write h = z ⊙ h₋ + (1 − z) ⊙ h̃: the same cell with z and 1 − z swapped.
// - torch.nn.GRU: n = tanh(W_in x + b_in + r ⊙ (W_hn h₋ + b_hn)) — reset AFTER the matmul, with a
//   separate recurrent bias — and h = (1 − z) ⊙ n + z ⊙ h₋ (Cho's interpolation). Keras's
//   `reset_after=True` (the default) matches torch. Weights trained in one convention do not give
//   the same outputs in the other.

/// A GRU cell in Bahdanau's convention (see the file header for torch's).
public struct GRUCell: Equatable, Sendable {
    /// Update gate weights.
    public var z: GateWeights
    /// Reset gate weights.
    public var r: GateWeights
    /// Candidate weights.
    public var n: GateWeights

    /// A GRU from its three gates' weights.
    /// - Throws: `EngineError` when the gates' shapes differ.
    public init(z: GateWeights, r: GateWeights, n: GateWeights) throws {
        for (g, name) in [(r, "r"), (n, "n")] where g.W.rows != z.W.rows || g.W.cols != z.W.cols {
            throw EngineError("all GRU gates must have the same shape: W_z is \(z.W.shape), W_\(name) is \(g.W.shape)",
                              parameter: "W_\(name)")
        }
        self.z = z; self.r = r; self.n = n
    }

    /// Seeded weights: gates z, r, n from seeds `seed`, `seed+3`, `seed+6` (each W, U, b; see `GateWeights.random`).
    public static func random(inputSize: Int, hiddenSize: Int, seed: UInt64) -> GRUCell {
        GRUCell(unchecked: GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed),
                GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed &+ 3),
                GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed &+ 6))
    }

    init(unchecked z: GateWeights, _ r: GateWeights, _ n: GateWeights) { self.z = z; self.r = r; self.n = n }

    public var inputSize: Int { z.inputSize }
    public var hiddenSize: Int { z.hiddenSize }

    /// One step. Gates in order: `z`, `r`, `n` (the candidate h̃), `h`.
    /// - Throws: `EngineError` when x or the state has the wrong size.
    public func step(input: Vector, state: CellState) throws -> CellStep {
        try checkStep("GRU", input: input, state: state, inputSize: inputSize, hiddenSize: hiddenSize, needsCell: false)
        let x = input.values, hp = state.h.values
        let zPre = z.preactivation(x, hp), rPre = r.preactivation(x, hp)
        let zv = zPre.map(sigmoid), rv = rPre.map(sigmoid)
        let reset = zip(rv, hp).map(*)
        let nPre = n.preactivation(x, reset)
        let nv = nPre.map { Foundation.tanh($0) }
        var h = [Double](repeating: 0, count: hiddenSize)
        for k in 0..<hiddenSize { h[k] = (1 - zv[k]) * hp[k] + zv[k] * nv[k] }
        let gates = [
            GateTrace(name: "z", formula: "σ(W_z x + U_z h₋ + b_z)", preactivation: Vector(zPre), nonlinearity: "σ", value: Vector(zv)),
            GateTrace(name: "r", formula: "σ(W_r x + U_r h₋ + b_r)", preactivation: Vector(rPre), nonlinearity: "σ", value: Vector(rv)),
            GateTrace(name: "n", formula: "tanh(W x + U(r ⊙ h₋) + b)", preactivation: Vector(nPre), nonlinearity: "tanh", value: Vector(nv)),
            GateTrace(name: "h", formula: "(1 − z) ⊙ h₋ + z ⊙ n", value: Vector(h)),
        ]
        return CellStep(kind: "gru", input: input, previous: state, gates: gates, state: CellState(h: Vector(h)))
    }
}
