// The encoder–decoder without attention (Cho et al. 2014; Sutskever et al. 2014): one context
// vector c summarises the whole source and is the same at every step — the bottleneck of lesson 1.
// Lesson 8's three places for c: (a) the initial state s_0 = c (Sutskever), (b) part of every input
// [y_t; c] (Cho et al. 2014, eq. 4 style), (c) after the RNN, o_t = tanh(W_c[c; s_t]).

/// Which summary of the encoder states is the fixed context.
public enum FixedContext: Equatable, Sendable, Codable {
    /// c = h_{S−1}, the last encoder state (attention with one-hot weights on the last position).
    case last
    /// c = (1/S) Σ_i h_i (attention with uniform weights).
    case mean
}

/// Where a fixed context enters the decoder (CURRICULUM lesson 8).
public enum ContextPlacement: Equatable, Sendable, Codable {
    /// (a) s_0 = c; inputs are y_t alone. Needs d_s = d_h.
    case initialState
    /// (b) every input is [y_t; c].
    case everyInput
    /// (c) inputs are y_t; each output is tanh(W_c[c; s_t]); W_c is d_o × (d_h + d_s).
    case afterRNN(Wc: Matrix)

    var name: String {
        switch self {
        case .initialState: return "initialState"
        case .everyInput: return "everyInput"
        case .afterRNN: return "afterRNN"
        }
    }
}

extension Decoder {
    /// The plain encoder–decoder: the fixed context enters every input, `x_t = [y_t; c]`.
    ///
    /// The trace's contexts are identical at every step and its alignment rows are all the same
    /// (one-hot on the last position for `.last`, uniform for `.mean`): that is the bottleneck.
    /// - Parameters:
    ///   - encoder: h, S × d_h.
    ///   - targets: y, T × d_y.
    ///   - initialState: s before step 0 (zeros when `nil`).
    ///   - cell: takes d_y + d_h inputs.
    ///   - context: how c summarises h.
    /// - Returns: the run.
    /// - Throws: `EngineError` for mismatched shapes.
    public static func noAttention(encoder: Matrix, targets: Matrix, initialState: CellState? = nil, cell: RecurrentCell,
                                   context: FixedContext = .last) throws -> DecoderRun {
        var run = try fixedContext(encoder: encoder, targets: targets, initialState: initialState, cell: cell,
                                   placement: .everyInput, context: context)
        run.flow = "noAttention"
        return run
    }

    /// A decoder with one fixed context c placed as lesson 8's (a), (b) or (c).
    /// - Parameters:
    ///   - encoder: h, S × d_h.
    ///   - targets: y, T × d_y.
    ///   - initialState: s before step 0 (zeros when `nil`); replaced by c for `.initialState`.
    ///   - cell: takes d_y inputs, or d_y + d_h for `.everyInput`.
    ///   - placement: where c enters.
    ///   - context: how c summarises h.
    /// - Returns: the run; outputs are tanh(W_c[c; s_t]) for `.afterRNN`, else s_t.
    /// - Throws: `EngineError` for mismatched shapes.
    public static func fixedContext(encoder: Matrix, targets: Matrix, initialState: CellState? = nil, cell: RecurrentCell,
                                    placement: ContextPlacement, context: FixedContext = .last) throws -> DecoderRun {
        let inputName: (name: String, size: Int) = placement == .everyInput
            ? ("[y_t; c] (\(targets.cols) + \(encoder.cols))", targets.cols + encoder.cols)
            : ("y_t", targets.cols)
        var state = try start(encoder: encoder, targets: targets, initialState: initialState, cell: cell, cellInput: inputName)
        let S = encoder.rows   // ≥ 1 after `start`
        var weights = [Double](repeating: 0, count: S)
        switch context {
        case .last: weights[S - 1] = 1
        case .mean: weights = [Double](repeating: 1 / Double(S), count: S)
        }
        // c = Σ_i w_i h_i with the fixed weights: (S) @ (S, d_h) -> (d_h)
        var cValues = WeightedSum.rows(weights, encoder)
        if case .last = context { cValues = encoder.row(S - 1).values }   // exactly h_{S−1}, no rounding
        let c = Vector(cValues, labels: encoder.colLabels)
        if case .initialState = placement {
            guard c.count == cell.hiddenSize else {
                throw EngineError("s_0 = c needs the encoder size to equal the decoder's hidden size: "
                                  + "h is \(encoder.shape) (d_h = \(encoder.cols)), the cell's hidden size is \(cell.hiddenSize)",
                                  parameter: "cell")
            }
            state = cell.state(h: Vector(c.values))
        }
        var steps: [DecoderStep] = []
        for t in 0..<targets.rows {
            let (y, token) = target(targets, t)
            let sub = Notation.sub(t)
            let input: DecoderInput = placement == .everyInput
                ? DecoderInput(blocks: [VectorBlock(name: "y" + sub, value: y), VectorBlock(name: "c", value: c)])
                : DecoderInput(blocks: [VectorBlock(name: "y" + sub, value: y)])
            let cellStep = try cell.step(input: input.vector, state: state)
            var combination: AttentionalCombination?
            if case .afterRNN(let Wc) = placement {
                combination = try AttentionalCombination(Wc: Wc, blocks: [VectorBlock(name: "c", value: c),
                                                                          VectorBlock(name: "s" + sub, value: cellStep.state.h)])
            }
            steps.append(DecoderStep(t: t, token: token, previousState: state, attention: nil, context: c, input: input,
                                     cell: cellStep, combination: combination, output: combination?.output ?? cellStep.state.h))
            state = cellStep.state
        }
        return DecoderRun(flow: "fixedContext(\(placement.name))", steps: steps,
                          alphas: Array(repeating: weights, count: targets.rows), encoder: encoder, targets: targets)
    }
}
