import Foundation

// The long short-term memory cell (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et
// al. 2000) in the form of Graves 2013 (arXiv 1308.0850, eqs. 7–11) without peepholes, gates in
// torch's order i, f, g, o:
//   i = σ(W_i x + U_i h₋ + b_i)   f = σ(W_f x + U_f h₋ + b_f)
//   g = tanh(W_g x + U_g h₋ + b_g) o = σ(W_o x + U_o h₋ + b_o)
//   c = f ⊙ c₋ + i ⊙ g            h = o ⊙ tanh(c)
// torch.nn.LSTM computes the same, with two biases (b_ih + b_hh) where we keep one.

/// An LSTM cell; its state carries (h, c).
public struct LSTMCell: Equatable, Sendable, Codable {
    /// Input gate weights.
    public var i: GateWeights
    /// Forget gate weights.
    public var f: GateWeights
    /// Candidate (cell input) weights.
    public var g: GateWeights
    /// Output gate weights.
    public var o: GateWeights

    /// An LSTM from its four gates' weights.
    /// - Throws: `EngineError` when the gates' shapes differ.
    public init(i: GateWeights, f: GateWeights, g: GateWeights, o: GateWeights) throws {
        for (gate, name) in [(f, "f"), (g, "g"), (o, "o")] where gate.W.rows != i.W.rows || gate.W.cols != i.W.cols {
            throw EngineError("all LSTM gates must have the same shape: W_i is \(i.W.shape), W_\(name) is \(gate.W.shape)",
                              parameter: "W_\(name)")
        }
        self.i = i; self.f = f; self.g = g; self.o = o
    }

    /// Seeded weights: gates i, f, g, o from seeds `seed`, `seed+3`, `seed+6`, `seed+9`.
    public static func random(inputSize: Int, hiddenSize: Int, seed: UInt64) -> LSTMCell {
        let gate = { (k: UInt64) in GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed &+ k) }
        return LSTMCell(unchecked: gate(0), gate(3), gate(6), gate(9))
    }

    init(unchecked i: GateWeights, _ f: GateWeights, _ g: GateWeights, _ o: GateWeights) {
        self.i = i; self.f = f; self.g = g; self.o = o
    }

    public var inputSize: Int { i.inputSize }
    public var hiddenSize: Int { i.hiddenSize }

    /// One step. Gates in order: `i`, `f`, `g`, `o`, `c`, `h`. A state without `c` starts from c₋ = 0.
    /// - Throws: `EngineError` when x, h or c has the wrong size.
    public func step(input: Vector, state: CellState) throws -> CellStep {
        try checkStep("LSTM", input: input, state: state, inputSize: inputSize, hiddenSize: hiddenSize, needsCell: true)
        let x = input.values, hp = state.h.values
        let cp = state.c?.values ?? [Double](repeating: 0, count: hiddenSize)
        let (iPre, iTerms) = i.preactivation(x, hp), (fPre, fTerms) = f.preactivation(x, hp)
        let (gPre, gTerms) = g.preactivation(x, hp), (oPre, oTerms) = o.preactivation(x, hp)
        let iv = iPre.map(sigmoid), fv = fPre.map(sigmoid), gv = gPre.map { Foundation.tanh($0) }, ov = oPre.map(sigmoid)
        var c = [Double](repeating: 0, count: hiddenSize), h = c
        for k in 0..<hiddenSize {
            c[k] = fv[k] * cp[k] + iv[k] * gv[k]
            h[k] = ov[k] * Foundation.tanh(c[k])
        }
        let gates = [
            GateTrace(name: "i", formula: "σ(W_i x + U_i h₋ + b_i)", preactivation: Vector(iPre), terms: iTerms, nonlinearity: "σ", value: Vector(iv)),
            GateTrace(name: "f", formula: "σ(W_f x + U_f h₋ + b_f)", preactivation: Vector(fPre), terms: fTerms, nonlinearity: "σ", value: Vector(fv)),
            GateTrace(name: "g", formula: "tanh(W_g x + U_g h₋ + b_g)", preactivation: Vector(gPre), terms: gTerms, nonlinearity: "tanh", value: Vector(gv)),
            GateTrace(name: "o", formula: "σ(W_o x + U_o h₋ + b_o)", preactivation: Vector(oPre), terms: oTerms, nonlinearity: "σ", value: Vector(ov)),
            GateTrace(name: "c", formula: "f ⊙ c₋ + i ⊙ g", value: Vector(c)),
            GateTrace(name: "h", formula: "o ⊙ tanh(c)", value: Vector(h)),
        ]
        let previous = CellState(h: state.h, c: Vector(cp))
        return CellStep(kind: "lstm", input: input, previous: previous, gates: gates, state: CellState(h: Vector(h), c: Vector(c)))
    }
}
