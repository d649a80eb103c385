// Luong et al. 2015, §3: the RNN runs first, s_t = f(s_{t−1}, x_t); the CURRENT state scores every
// h_i (eq. 7, with one of the content scores listed after it: dot, general, concat), a_t = Σ α_{t,i} h_i, and context and state combine AFTER
// the RNN into the attentional state h̃_t = tanh(W_c[a_t; s_t]) (eq. 5). With input feeding (§3.3)
// x_t = [y_t; h̃_{t−1}] (h̃ before step 0 is zero), so past alignment decisions reach the RNN.

extension Decoder {
    /// Luong's flow: run the cell, score with s_t, combine `h̃_t = tanh(W_c[a_t; s_t])`.
    /// - Parameters:
    ///   - encoder: h, S × d_h.
    ///   - targets: y, T × d_y.
    ///   - initialState: s before step 0 (zeros when `nil`).
    ///   - cell: takes d_y inputs, or d_y + d_o with input feeding.
    ///   - score: queried with s_t.
    ///   - Wc: d_o × (d_h + d_s).
    ///   - inputFeeding: feed `[y_t; h̃_{t−1}]` instead of `y_t`.
    /// - Returns: the run; `outputs` are the h̃_t.
    /// - Throws: `EngineError` for mismatched shapes.
    public static func luong(encoder: Matrix, targets: Matrix, initialState: CellState? = nil, cell: RecurrentCell,
                             score: ScoreFunction, Wc: Matrix, inputFeeding: Bool = false) throws -> DecoderRun {
        let cellInput: (name: String, size: Int) = inputFeeding
            ? ("[y_t; h̃_{t−1}] (\(targets.cols) + \(Wc.rows), Wc is \(Wc.shape))", targets.cols + Wc.rows)
            : ("y_t", targets.cols)
        var state = try start(encoder: encoder, targets: targets, initialState: initialState, cell: cell, cellInput: cellInput)
        guard Wc.cols == encoder.cols + cell.hiddenSize, Wc.rows > 0 else {
            throw EngineError("`Wc` must be d_o×(d_h + d_s) = d_o×\(encoder.cols + cell.hiddenSize) to multiply [a_t; s_t]: "
                              + "Wc is \(Wc.shape), h is \(encoder.shape), s has \(cell.hiddenSize) entries", parameter: "Wc")
        }
        let prepared = try PreparedScore(score, queryCount: cell.hiddenSize, keys: encoder)
        var previousOutput = Vector(repeating: 0, count: Wc.rows)
        var steps: [DecoderStep] = [], alphas: [[Double]] = []
        for t in 0..<targets.rows {
            let (y, token) = target(targets, t)
            let sub = Notation.sub(t)
            let input = inputFeeding
                ? DecoderInput(blocks: [VectorBlock(name: "y" + sub, value: y),
                                        VectorBlock(name: "h̃" + (t == 0 ? "₋₁" : Notation.sub(t - 1)), value: previousOutput)])
                : DecoderInput(blocks: [VectorBlock(name: "y" + sub, value: y)])
            let cellStep = try cell.step(input: input.vector, state: state)
            let attention = try Attention.step(prepared: prepared, query: cellStep.state.h, values: encoder)  // scores use s_t
            let combination = try AttentionalCombination(Wc: Wc, blocks: [VectorBlock(name: "a" + sub, value: attention.a),
                                                                          VectorBlock(name: "s" + sub, value: cellStep.state.h)])
            steps.append(DecoderStep(t: t, token: token, previousState: state, attention: attention, context: attention.a,
                                     input: input, cell: cellStep, combination: combination, output: combination.output))
            alphas.append(attention.alpha.values)
            previousOutput = combination.output
            state = cellStep.state
        }
        return DecoderRun(flow: inputFeeding ? "luong(inputFeeding)" : "luong", steps: steps, alphas: alphas,
                          encoder: encoder, targets: targets)
    }
}
