import AttentionEngine

// The nine tensors of one GRU in the engine's convention (Bahdanau et al. 2014, appendix A.1.1;
// `GRUCell.swift`): z = σ(W_z x + U_z h₋ + b_z), r = σ(W_r x + U_r h₋ + b_r),
// n = tanh(W x + U(r ⊙ h₋) + b), h = (1 − z) ⊙ h₋ + z ⊙ n. Weights are (out × in); biases are
// 1 × H rows so they broadcast over a batch.

/// One GRU's weights, generic so the same layout holds matrices, tape variables or gradients.
public struct GRUWeights<Element> {
    /// Update gate: input weights (H × in), recurrent weights (H × H), bias (1 × H).
    public var Wz: Element, Uz: Element, bz: Element
    /// Reset gate, same shapes.
    public var Wr: Element, Ur: Element, br: Element
    /// Candidate n (the paper's h̃), same shapes; `Un` multiplies r ⊙ h₋.
    public var Wn: Element, Un: Element, bn: Element

    /// The tensors in a fixed order: z's W, U, b, then r's, then n's.
    public var list: [Element] { [Wz, Uz, bz, Wr, Ur, br, Wn, Un, bn] }

    /// The inverse of `list`.
    public init(list: some Collection<Element>) {
        let l = Array(list)
        precondition(l.count == 9, "a GRU has 9 tensors")
        (Wz, Uz, bz, Wr, Ur, br, Wn, Un, bn) = (l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7], l[8])
    }

    /// The names of `list`, as lessons write them.
    public static var names: [String] { ["W_z", "U_z", "b_z", "W_r", "U_r", "b_r", "W", "U", "b"] }
}

extension GRUWeights: Equatable where Element: Equatable {}
extension GRUWeights: Sendable where Element: Sendable {}

extension GRUWeights where Element == Matrix {
    /// The engine's cell with these weights, so a trained GRU runs through `GRUCell.step` and the
    /// engine's decoder traces.
    public var cell: GRUCell {
        get throws {
            try GRUCell(z: GateWeights(W: Wz, U: Uz, b: bz.row(0), gate: "z"),
                        r: GateWeights(W: Wr, U: Ur, b: br.row(0), gate: "r"),
                        n: GateWeights(W: Wn, U: Un, b: bn.row(0), gate: "n"))
        }
    }
}
