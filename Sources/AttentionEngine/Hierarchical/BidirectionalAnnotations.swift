// Bidirectional annotations (Bahdanau et al. 2014 §3.2; HAN eqs. 2–4, 8–9 use the same with GRUs):
//     →h_t = cell_fwd(x_t, →h_{t−1}),  ←h_t = cell_bwd(x_t, ←h_{t+1}),  h_t = [→h_t; ←h_t]
// Both directions start from the zero state. The result has one row per position, 2·hidden wide.

public enum BidirectionalAnnotations {
    /// Runs `forward` left to right and `backward` right to left over the rows of `inputs`.
    /// - Returns: the annotations (T × (h_fwd + h_bwd)), forward half first, row labels kept.
    /// - Throws: `EngineError` naming both shapes when a cell expects another input width.
    public static func run(_ inputs: Matrix, forward: RecurrentCell, backward: RecurrentCell) throws -> Matrix {
        for (name, cell) in [("forward", forward), ("backward", backward)] where cell.inputSize != inputs.cols {
            throw EngineError.shape("bidirectional annotations", inputs.shape, .vector(cell.inputSize),
                                    "a \(name) cell taking inputs as wide as a row (inputs T × d, the cell's input size)", parameter: name)
        }
        let T = inputs.rows
        var fwd: [Vector] = [], bwd = [Vector](repeating: Vector([]), count: T)
        var state = forward.zeroState
        for t in 0..<T {
            state = try forward.step(input: inputs.row(t), state: state).state
            fwd.append(state.h)
        }
        state = backward.zeroState
        for t in stride(from: T - 1, through: 0, by: -1) {
            state = try backward.step(input: inputs.row(t), state: state).state
            bwd[t] = state.h
        }
        let rows = (0..<T).map { Vector(fwd[$0].values + bwd[$0].values) }
        return try Matrix(stacking: rows, rowLabels: inputs.rowLabels)
    }
}
