import Foundation

// Sentence vectors from the states of a recurrent network (Zhou et al. 2016, §3.3, eqs. 9–12):
//     M  = tanh(H)              H holds the LSTM outputs h_1 … h_T
//     α  = softmax(wᵀ M)
//     r  = H αᵀ                 (Σ_t α_t h_t)
//     h* = tanh(r)
// beside the two plain choices: the last state h_T and the mean of the states.
// The paper's H is d × T (columns are steps); here H is T × d (rows are steps), so wᵀM becomes
// `tanh(H) w`: // (T, d) @ (d) -> (T).

/// The three sentence vectors of lesson 16, with the attention pooling's intermediates.
public struct SentencePoolingTrace: Equatable, Sendable, Codable {
    /// H (T × d), one row per step.
    public var states: Matrix
    /// h_T.
    public var last: Vector
    /// (1/T) Σ_t h_t.
    public var mean: Vector
    /// M = tanh(H) (T × d).
    public var M: Matrix
    /// wᵀ M (T), before softmax.
    public var scores: Vector
    /// softmax(wᵀ M), stable form.
    public var softmax: SoftmaxTrace
    /// α (T).
    public var weights: Vector { softmax.weights }
    /// r = H αᵀ (d).
    public var r: Vector
    /// h* = tanh(r) (d): the attention sentence vector.
    public var attention: Vector

    /// The arithmetic of one component of h*.
    public func explainAttention(component c: Int) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }
        return WorkedArithmetic(title: "h*[\(c)], component \(c) of the attention sentence vector",
                                lines: [.init(lhs: "r[\(c)]", symbolic: "Σ_t α_t h_t[\(c)]",
                                              substituted: Notation.products(weights.values, states.column(c).values, limit: 8),
                                              result: f(r[c])),
                                        .init(lhs: "h*[\(c)]", symbolic: "tanh(r[\(c)])", substituted: "tanh(\(f(r[c])))", result: f(attention[c]))])
    }
}

public enum SentencePooling {
    /// The last state, the mean, and attention pooling with the learned vector w (d).
    /// - Throws: `EngineError` naming both shapes when w is not as long as a state.
    public static func pool(states H: Matrix, w: Vector) throws -> SentencePoolingTrace {
        guard w.count == H.cols else {
            throw EngineError.shape("attention pooling", w.shape, H.shape, "w with one entry per state component (H is T × d)", parameter: "w")
        }
        let T = H.rows
        var mean = Vector(repeating: 0, count: H.cols)
        for t in 0..<T { mean = try mean + H.row(t) }
        mean = (1 / Double(T)) * mean
        let M = Entrywise.tanh(H)
        let scores = try M.matmul(w)                               // (T, d) @ (d) -> (T)
        let soft = try Softmax.trace(Vector(scores.values, labels: H.rowLabels))
        let r = Entrywise.weightedSum(soft.weights, H)              // Σ_t α_t h_t
        return SentencePoolingTrace(states: H, last: H.row(T - 1), mean: mean, M: M,
                                    scores: Vector(scores.values, labels: H.rowLabels), softmax: soft,
                                    r: r, attention: Entrywise.tanh(r))
    }
}

extension SentencePooling {
    /// Runs a recurrent cell (Zhou et al. use an LSTM; any engine cell works) over the rows of
    /// `inputs` from the zero state, then pools its states.
    /// - Returns: the cell's steps (gates and states) and the pooling of H = [h_1; …; h_T].
    /// - Throws: `EngineError` when the inputs are not as wide as the cell expects, or w mismatches.
    public static func run(cell: RecurrentCell, inputs: Matrix, w: Vector) throws -> (steps: [CellStep], pooling: SentencePoolingTrace) {
        guard inputs.cols == cell.inputSize else {
            throw EngineError("the \(cell.kind) cell expects inputs of width \(cell.inputSize): inputs are \(inputs.shape)", parameter: "inputs")
        }
        var state = cell.zeroState
        var steps: [CellStep] = []
        for t in 0..<inputs.rows {
            let step = try cell.step(input: inputs.row(t), state: state)
            steps.append(step)
            state = step.state
        }
        let H = try Matrix(stacking: steps.map(\.state.h), rowLabels: inputs.rowLabels)
        return (steps, try pool(states: H, w: w))
    }
}
