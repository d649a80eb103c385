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
//   the same outputs in the other, so the cell can also run torch's form (`convention: .torch`,
//   or `GRUCell.fromTorch` from torch's packed [r; z; n] parameters) and a lesson can show both.

/// A GRU cell, in Bahdanau's convention by default or torch's on request (see the file header).
public struct GRUCell: Equatable, Sendable, Codable {
    /// Which published form of the GRU a cell computes.
    public enum Convention: String, Equatable, Sendable, Codable {
        /// n = tanh(W x + U(r ⊙ h₋) + b), h = (1 − z) ⊙ h₋ + z ⊙ n (Bahdanau et al. 2014, A.1.1).
        case bahdanau
        /// n = tanh(W x + b + r ⊙ (U h₋ + b_hn)), h = (1 − z) ⊙ n + z ⊙ h₋ (torch.nn.GRU).
        case torch
    }

    /// Update gate weights.
    public var z: GateWeights
    /// Reset gate weights.
    public var r: GateWeights
    /// Candidate weights.
    public var n: GateWeights
    /// The formula the cell follows.
    public var convention: Convention = .bahdanau
    /// torch's `b_hn`, added to U h₋ inside the reset product (only used by `.torch`; zero when `nil`).
    public var recurrentBiasN: Vector?

    /// A GRU from its three gates' weights.
    /// - Throws: `EngineError` when the gates' shapes differ.
    public init(z: GateWeights, r: GateWeights, n: GateWeights, convention: Convention = .bahdanau,
                recurrentBiasN: Vector? = nil) throws {
        for (g, name) in [(r, "r"), (n, "n")] where g.W.rows != z.W.rows || g.W.cols != z.W.cols {
            throw EngineError("all GRU gates must have the same shape: W_z is \(z.W.shape), W_\(name) is \(g.W.shape)",
                              parameter: "W_\(name)")
        }
        if let b = recurrentBiasN, b.count != n.W.rows {
            throw EngineError("`b_hn` must have one entry per hidden unit: b_hn has \(b.count), W_n is \(n.W.shape)",
                              parameter: "b_hn")
        }
        self.z = z; self.r = r; self.n = n; self.convention = convention; self.recurrentBiasN = recurrentBiasN
    }

    /// A torch-convention GRU from `torch.nn.GRU`'s packed parameters (one layer), so a lesson can
    /// load the same numbers a torch reader sees.
    ///
    /// torch stacks the gates as rows [r; z; n] and keeps two biases per gate; b_r and b_z are sums
    /// `b_i· + b_h·`, while b_hn stays separate because it sits inside the reset product.
    /// - Parameters:
    ///   - weightIH: `weight_ih_l0`, 3H × input.
    ///   - weightHH: `weight_hh_l0`, 3H × H.
    ///   - biasIH: `bias_ih_l0`, 3H entries.
    ///   - biasHH: `bias_hh_l0`, 3H entries.
    /// - Throws: `EngineError` naming the parameter and its shape when the sizes do not fit.
    public static func fromTorch(weightIH: Matrix, weightHH: Matrix, biasIH: Vector, biasHH: Vector) throws -> GRUCell {
        let H3 = weightIH.rows
        guard H3 > 0, H3 % 3 == 0 else {
            throw EngineError("`weight_ih` must have 3H rows (r, z, n stacked): it is \(weightIH.shape)", parameter: "weight_ih")
        }
        let H = H3 / 3
        guard weightHH.rows == H3, weightHH.cols == H else {
            throw EngineError("`weight_hh` must be 3H×H = \(H3)×\(H) to match weight_ih (\(weightIH.shape)): it is \(weightHH.shape)",
                              parameter: "weight_hh")
        }
        guard biasIH.count == H3, biasHH.count == H3 else {
            throw EngineError("`bias_ih` and `bias_hh` must have 3H = \(H3) entries: they have \(biasIH.count) and \(biasHH.count)",
                              parameter: "bias_ih")
        }
        func gate(_ k: Int, _ name: String, recurrentBias: Bool) throws -> GateWeights {
            let rows = (k * H)..<((k + 1) * H)
            let bias = try biasIH.slice(rows).values
            let hh = try biasHH.slice(rows).values
            return try GateWeights(W: weightIH.rows(rows), U: weightHH.rows(rows),
                                   b: Vector(recurrentBias ? zip(bias, hh).map(+) : bias), gate: name)
        }
        return try GRUCell(z: gate(1, "z", recurrentBias: true), r: gate(0, "r", recurrentBias: true),
                           n: gate(2, "n", recurrentBias: false), convention: .torch,
                           recurrentBiasN: biasHH.slice((2 * H)..<(3 * H)))
    }

    /// Seeded weights: gates z, r, n from seeds `seed`, `seed+3`, `seed+6` (each W, U, b; see `GateWeights.random`).
    public static func random(inputSize: Int, hiddenSize: Int, seed: UInt64) -> GRUCell {
        GRUCell(unchecked: GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed),
                GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed &+ 3),
                GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed &+ 6))
    }

    init(unchecked z: GateWeights, _ r: GateWeights, _ n: GateWeights) { self.z = z; self.r = r; self.n = n; recurrentBiasN = nil }

    public var inputSize: Int { z.inputSize }
    public var hiddenSize: Int { z.hiddenSize }

    /// One step in the cell's convention. Gates in order: `z`, `r`, `n` (the candidate h̃), `h`.
    /// - Throws: `EngineError` when x or the state has the wrong size.
    public func step(input: Vector, state: CellState) throws -> CellStep {
        try checkStep("GRU", input: input, state: state, inputSize: inputSize, hiddenSize: hiddenSize, needsCell: false)
        let x = input.values, hp = state.h.values
        let (zPre, zTerms) = z.preactivation(x, hp), (rPre, rTerms) = r.preactivation(x, hp)
        let zv = zPre.map(sigmoid), rv = rPre.map(sigmoid)
        var nPre: [Double], nTerms: [Vector]
        var h = [Double](repeating: 0, count: hiddenSize)
        switch convention {
        case .bahdanau:
            (nPre, nTerms) = n.preactivation(x, zip(rv, hp).map(*))        // reset before the matmul: U(r ⊙ h₋)
        case .torch:
            nPre = Matrix.multiplyVector(n.W.storage, n.W.rows, n.W.cols, x)   // (H, d_x) @ (d_x) -> (H)
            let uh = Matrix.multiplyVector(n.U.storage, n.U.rows, n.U.cols, hp) // (H, H) @ (H) -> (H)
            let bhn = recurrentBiasN?.values ?? [Double](repeating: 0, count: hiddenSize)
            let gated = (0..<hiddenSize).map { rv[$0] * (uh[$0] + bhn[$0]) }                  // reset after the matmul
            nTerms = [Vector(nPre), n.b, Vector(gated)]
            for k in 0..<hiddenSize { nPre[k] += n.b.values[k] + gated[k] }
        }
        let nv = nPre.map { Foundation.tanh($0) }
        for k in 0..<hiddenSize {
            h[k] = convention == .bahdanau ? (1 - zv[k]) * hp[k] + zv[k] * nv[k] : (1 - zv[k]) * nv[k] + zv[k] * hp[k]
        }
        let gates = [
            GateTrace(name: "z", formula: "σ(W_z x + U_z h₋ + b_z)", preactivation: Vector(zPre), terms: zTerms, nonlinearity: "σ", value: Vector(zv)),
            GateTrace(name: "r", formula: "σ(W_r x + U_r h₋ + b_r)", preactivation: Vector(rPre), terms: rTerms, nonlinearity: "σ", value: Vector(rv)),
            GateTrace(name: "n", formula: convention == .bahdanau ? "tanh(W x + U(r ⊙ h₋) + b)" : "tanh(W x + b + r ⊙ (U h₋ + b_hn))",
                      preactivation: Vector(nPre), terms: nTerms, nonlinearity: "tanh", value: Vector(nv)),
            GateTrace(name: "h", formula: convention == .bahdanau ? "(1 − z) ⊙ h₋ + z ⊙ n" : "(1 − z) ⊙ n + z ⊙ h₋", value: Vector(h)),
        ]
        return CellStep(kind: "gru", input: input, previous: state, gates: gates, state: CellState(h: Vector(h)))
    }
}
