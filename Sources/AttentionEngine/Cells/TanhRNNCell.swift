import Foundation

// The plain (Elman) recurrent step s = tanh(W x + U s₋ + b): the generic "RNN step" of the article,
// the f in Bahdanau et al. 2014, eq. (1) before gating.

/// A tanh RNN cell, `s = tanh(W x + U s₋ + b)`.
public struct TanhRNNCell: Equatable, Sendable, Codable {
    /// The weights: W (hidden × input), U (hidden × hidden), b (hidden).
    public var weights: GateWeights

    /// A cell with the given weights.
    /// - Throws: `EngineError` when U is not hidden × hidden or b's length differs.
    public init(W: Matrix, U: Matrix, b: Vector? = nil) throws {
        weights = try GateWeights(W: W, U: U, b: b)
    }

    /// Seeded weights (see `GateWeights.random`): W, U, b from seeds `seed`, `seed+1`, `seed+2`.
    public static func random(inputSize: Int, hiddenSize: Int, seed: UInt64) -> TanhRNNCell {
        TanhRNNCell(weights: GateWeights.random(inputSize: inputSize, hiddenSize: hiddenSize, seed: seed))
    }

    init(weights: GateWeights) { self.weights = weights }

    public var inputSize: Int { weights.inputSize }
    public var hiddenSize: Int { weights.hiddenSize }

    /// One step. Gates: `s` (the new state, with its pre-activation `W x + U s₋ + b`).
    /// - Throws: `EngineError` when x or the state has the wrong size.
    public func step(input: Vector, state: CellState) throws -> CellStep {
        try checkStep("tanh RNN", input: input, state: state, inputSize: inputSize, hiddenSize: hiddenSize, needsCell: false)
        let (pre, terms) = weights.preactivation(input.values, state.h.values)
        let s = Vector(pre.map { Foundation.tanh($0) })
        return CellStep(kind: "rnn", input: input, previous: state,
                        gates: [GateTrace(name: "h", formula: "tanh(W x + U h₋ + b)", preactivation: Vector(pre), terms: terms,
                                          nonlinearity: "tanh", value: s)],
                        state: CellState(h: s))
    }
}
