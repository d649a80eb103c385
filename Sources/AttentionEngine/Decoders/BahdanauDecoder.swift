// Bahdanau et al. 2014, §3.1 and appendix A.1.2: at step t the previous state s_{t−1} scores every
// h_i (e_{t,i} = a(s_{t−1}, h_i), eq. 6), α_t = softmax(e_t) (eq. 6), a_t = Σ α_{t,i} h_i (eq. 5),
// and the context goes INTO the RNN: s_t = f(s_{t−1}, [y_t; a_t]) (eq. 4, the article's y'_t).

extension Decoder {
    /// Bahdanau's flow: score with s_{t−1}, feed `[y_t; a_t]` into the cell.
    /// - Parameters:
    ///   - encoder: h, S × d_h (keys and values).
    ///   - targets: y, T × d_y, one embedding per step.
    ///   - initialState: s before step 0 (zeros when `nil`).
    ///   - cell: a cell taking d_y + d_h inputs.
    ///   - score: the score function, queried with s_{t−1} (d_s entries).
    /// - Returns: the run with a T × S alignment.
    /// - Throws: `EngineError` for mismatched shapes.
    public static func bahdanau(encoder: Matrix, targets: Matrix, initialState: CellState? = nil, cell: RecurrentCell,
                                score: ScoreFunction) throws -> DecoderRun {
        var state = try start(encoder: encoder, targets: targets, initialState: initialState, cell: cell,
                              cellInput: ("[y_t; a_t] (\(targets.cols) + \(encoder.cols))", targets.cols + encoder.cols))
        let prepared = try PreparedScore(score, queryCount: cell.hiddenSize, keys: encoder)
        var steps: [DecoderStep] = [], alphas: [[Double]] = []
        steps.reserveCapacity(targets.rows)
        for t in 0..<targets.rows {
            let (y, token) = target(targets, t)
            let attention = try Attention.step(prepared: prepared, query: state.h, values: encoder)   // scores use s_{t−1}
            let input = DecoderInput(y: y, a: attention.a, t: t)                                       // y'_t = [y_t; a_t]
            let cellStep = try cell.step(input: input.vector, state: state)
            steps.append(DecoderStep(t: t, token: token, previousState: state, attention: attention, context: attention.a,
                                     input: input, cell: cellStep, combination: nil, output: cellStep.state.h))
            alphas.append(attention.alpha.values)
            state = cellStep.state
        }
        return DecoderRun(flow: "bahdanau", steps: steps, alphas: alphas, encoder: encoder, targets: targets)
    }
}
