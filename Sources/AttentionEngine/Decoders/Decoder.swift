// Decoders that run T steps over encoder states and record every step (CURRICULUM lessons 1, 2,
// 7, 8). Conventions shared by all of them:
// - encoder states `h` are S × d_h, row labels = source tokens; target input embeddings `y` are
//   T × d_y, row labels = target tokens; steps are numbered t = 0 ..< T like rows in the script
//   language, and "the previous state" at t = 0 is the initial state (zeros unless given).
// - the alignment matrix is T × S: row t is α_t, rows labelled by target tokens, columns by source tokens.

/// Namespace for the decoder flows: `fixedContext`/`noAttention`, `bahdanau`, `luong`.
public enum Decoder {}

/// One decoder step, every intermediate kept.
public struct DecoderStep: Equatable, Sendable, Codable {
    /// The step index (0-based row of the alignment matrix).
    public var t: Int
    /// The target token of this step (the row label of `y`), if any.
    public var token: String?
    /// The state the step started from (s_{t−1}; the initial state at t = 0).
    public var previousState: CellState
    /// The attention step (query, e, softmax, α, a); `nil` for a fixed context.
    public var attention: AttentionStep?
    /// The context used at this step: a_t, or the fixed c.
    public var context: Vector
    /// What entered the cell, with its blocks named (e.g. `[y_t; a_t]`).
    public var input: DecoderInput
    /// The recurrent step (gates and new state s_t).
    public var cell: CellStep
    /// `tanh(W_c[…])` after the RNN (Luong's h̃_t, or lesson 8's placement (c)); `nil` otherwise.
    public var combination: AttentionalCombination?
    /// The step's output: the combination's value when there is one, else the new state s_t.
    public var output: Vector

    public init(t: Int, token: String?, previousState: CellState, attention: AttentionStep?, context: Vector,
                input: DecoderInput, cell: CellStep, combination: AttentionalCombination?, output: Vector) {
        self.t = t; self.token = token; self.previousState = previousState; self.attention = attention
        self.context = context; self.input = input; self.cell = cell; self.combination = combination; self.output = output
    }

    /// The new state s_t.
    public var state: CellState { cell.state }

    /// The step's arithmetic in the order it happened: for Bahdanau's flow score e_{t,i} for every i,
    /// softmax, context, the input [y_t; a_t], the cell; for Luong's the cell first, then attention
    /// and h̃_t; for a fixed context the input, the cell and any combination.
    /// - Returns: one `WorkedArithmetic` per stage.
    public func explain() -> [WorkedArithmetic] {
        var attentionParts: [WorkedArithmetic] = []
        if let attention {
            for i in 0..<attention.keys.rows {
                if let worked = try? attention.explainScore(i) { attentionParts.append(worked) }
            }
            attentionParts.append(attention.explainWeights())
            attentionParts.append(attention.explainContext())
        }
        let inputPart = input.explain(name: "x" + Notation.sub(t))
        let cellPart = cell.explain()
        let combined = combination.map { [$0.explain()] } ?? []
        // Luong's flow runs the cell before attending; everything else attends (if at all) first.
        if combination != nil, attention != nil {
            return [inputPart, cellPart] + attentionParts + combined
        }
        return attentionParts + [inputPart, cellPart] + combined
    }
}

/// A whole decoder run.
public struct DecoderRun: Equatable, Sendable, Codable {
    /// Which flow produced it: "noAttention", "fixedContext(initialState)", "bahdanau", "luong", ….
    public var flow: String
    /// Every step's trace, t = 0 ..< T.
    public var steps: [DecoderStep]
    /// α for every step, T × S (rows: target tokens, columns: source tokens).
    public var alignment: Matrix
    /// The new hidden states s_t, T × d_s.
    public var states: Matrix
    /// The contexts (a_t or c), T × d_h: identical rows for a fixed context.
    public var contexts: Matrix
    /// The outputs (h̃_t, or s_t when there is no combination), T × d_o.
    public var outputs: Matrix

    public init(flow: String, steps: [DecoderStep], alignment: Matrix, states: Matrix, contexts: Matrix, outputs: Matrix) {
        self.flow = flow; self.steps = steps; self.alignment = alignment; self.states = states
        self.contexts = contexts; self.outputs = outputs
    }

    /// Stacks per-step vectors into the run's matrices.
    init(flow: String, steps: [DecoderStep], alphas: [[Double]], encoder: Matrix, targets: Matrix) {
        let T = steps.count, S = encoder.rows
        func stack(_ rows: [[Double]], _ cols: Int, colLabels: [String]? = nil) -> Matrix {
            Matrix(rows: T, cols: cols, storage: rows.flatMap { $0 }, rowLabels: targets.rowLabels, colLabels: colLabels)
        }
        self.init(flow: flow, steps: steps,
                  alignment: stack(alphas, S, colLabels: encoder.rowLabels),
                  states: stack(steps.map(\.cell.state.h.values), steps.first?.cell.state.h.count ?? 0),
                  contexts: stack(steps.map(\.context.values), encoder.cols, colLabels: encoder.colLabels),
                  outputs: stack(steps.map(\.output.values), steps.first?.output.count ?? 0))
    }
}

extension Decoder {
    /// Checks the shared inputs and returns the starting state.
    static func start(encoder: Matrix, targets: Matrix, initialState: CellState?, cell: RecurrentCell,
                      cellInput: (name: String, size: Int)) throws -> CellState {
        guard encoder.rows > 0, encoder.cols > 0 else {
            throw EngineError("the encoder states are empty: h is \(encoder.shape)", parameter: "encoder")
        }
        guard targets.rows > 0, targets.cols > 0 else {
            throw EngineError("the target embeddings are empty: y is \(targets.shape)", parameter: "targets")
        }
        guard cell.inputSize == cellInput.size else {
            throw EngineError("the cell takes inputs of \(cell.inputSize) entries, but \(cellInput.name) has \(cellInput.size) "
                              + "(targets y are \(targets.shape), encoder h is \(encoder.shape))", parameter: "cell")
        }
        let state = initialState ?? cell.zeroState
        guard state.h.count == cell.hiddenSize else {
            throw EngineError("the initial state must have \(cell.hiddenSize) entries (the cell's hidden size), "
                              + "but s has \(state.h.count)", parameter: "initialState")
        }
        if case .lstm = cell, state.c == nil { return CellState(h: state.h, c: Vector(repeating: 0, count: state.h.count)) }
        return state
    }

    /// The target embedding y_t, labelled like the source of the row.
    static func target(_ targets: Matrix, _ t: Int) -> (Vector, String?) {
        (targets.row(t), Notation.label(targets.rowLabels, t))
    }
}

extension Attention {
    /// One attention step with a score whose key side is already prepared (decoders reuse it every step).
    static func step(prepared: PreparedScore, query: Vector, values: Matrix) throws -> AttentionStep {
        guard query.count == prepared.queryCount else {
            throw EngineError("the query must have \(prepared.queryCount) entries, but s has \(query.count)", parameter: "query")
        }
        let e = Vector(prepared.scores(query.values), labels: prepared.keys.rowLabels)
        let trace = try Softmax.trace(e)
        // a = αᵀ V: (S) @ (S, d_v) -> (d_v)
        let a = WeightedSum.rows(trace.weights.values, values)
        return AttentionStep(query: query, keys: prepared.keys, values: values, score: prepared.score, e: e,
                             softmax: trace, alpha: trace.weights, a: Vector(a, labels: values.colLabels))
    }
}
