import AttentionEngine
import Foundation

// The full forward pass of one sentence, computed by the engine's own forward code rather than
// the tape: `BidirectionalAnnotations.run` for the encoder, `Decoder.bahdanau` with the trained
// GRU (`GRUCell`, Bahdanau's convention) and the additive score for the decoder. So a trained
// model's steps carry every field of `bahdanau(…)` (e, α, a, y′ = [y_t; a_t], the gates, s) and
// every existing table, heatmap and worked explanation applies to them. The tests check that this
// trace and the tape's forward pass agree.

/// One sentence through the model, every intermediate kept.
public struct Seq2SeqTrace: Equatable, Sendable {
    /// The source words (column labels of the alignment).
    public var source: [String]
    /// The words produced, step by step, ending with `<eos>` when the model chose to stop within
    /// 2S + 2 steps (the rows' labels); with a given target, that target and `<eos>`.
    public var output: [String]
    /// The target words fed in, y_t: `<bos>`, then the previous output word.
    public var inputs: [String]
    /// The source embeddings, S × m.
    public var embeddings: Matrix
    /// The annotations h_i = [→h_i; ←h_i], S × 2H.
    public var annotations: Matrix
    /// s₋₁ = tanh(W_s ←h₁ + b_s), the state the first step starts from.
    public var initialState: Vector
    /// The decoder run: per step e, α, a, y′ = [y_t; a_t], the GRU's gates and s_t; the alignment
    /// is T × S with rows labelled by the word produced at that step.
    public var run: DecoderRun
    /// W_o [s_t; a_t] + b_o per step, T × V_y (columns: target words).
    public var logits: Matrix
    /// softmax of each row of `logits`.
    public var probabilities: Matrix
}

extension Seq2SeqModel {
    /// The trace of `source` under `parameters`.
    /// - Parameters:
    ///   - target: words to feed back (teacher forcing), `<eos>` appended; `nil` translates greedily.
    /// - Throws: `EngineError` for an unknown word or parameters of the wrong shapes.
    public func trace(_ parameters: Seq2SeqParameters, source: [String], target: [String]? = nil) throws -> Seq2SeqTrace {
        try checkShapes(parameters)
        guard !source.isEmpty else { throw EngineError("the source sentence is empty", parameter: "source") }
        let sourceIds = try sourceVocabulary.encode(source)
        var outputIds: [Int]
        if let target {
            outputIds = try targetVocabulary.encode(target) + [Self.eos]
        } else {
            let (words, stopped) = try greedy(parameters, source: sourceIds, maxLength: nil)
            outputIds = words + (stopped ? [Self.eos] : [])
        }
        let output = outputIds.map { targetVocabulary.words[$0] }
        let p = parameters, H = sizes.encoderHidden
        let x = gather(p.sourceEmbedding, sourceIds, labels: source)
        let annotations = try BidirectionalAnnotations.run(x, forward: .gru(p.encoderForward.cell), backward: .gru(p.encoderBackward.cell))
        // s₋₁ = tanh(W_s ←h₁ + b_s): (n, H) @ (H) -> (n)
        let backwardFirst = try annotations.row(0).slice(H..<(2 * H))
        let start = try p.initialW.matmul(Vector(backwardFirst.values))
        let initial = Vector((0..<start.count).map { Foundation.tanh(start.values[$0] + p.initialB[0, $0]) })
        let inputIds = [Self.bos] + outputIds.dropLast()
        let y = gather(p.targetEmbedding, inputIds, labels: output)
        let score = ScoreFunction.additive(W1: p.attentionU, W2: p.attentionW, v: p.attentionV.row(0))
        let run = try Decoder.bahdanau(encoder: annotations, targets: y, initialState: CellState(h: initial),
                                       cell: .gru(p.decoder.cell), score: score)
        // logits_t = W_o [s_t; a_t] + b_o for every step: (T, n + 2H) @ (n + 2H, V_y) -> (T, V_y)
        let readout = try run.states.concatenatedColumns(run.contexts)
        var logits = try readout.matmulTransposed(p.outputW)
        for t in 0..<logits.rows { for j in 0..<logits.cols { logits[t, j] += p.outputB[0, j] } }
        logits.rowLabels = output; logits.colLabels = targetVocabulary.words
        return Seq2SeqTrace(source: source, output: output, inputs: inputIds.map { targetVocabulary.words[$0] },
                            embeddings: x, annotations: annotations, initialState: initial, run: run,
                            logits: logits, probabilities: try Softmax.rows(logits))
    }

    /// Rows `ids` of `table`, labelled.
    private func gather(_ table: Matrix, _ ids: [Int], labels: [String]) -> Matrix {
        Matrix(rows: ids.count, cols: table.cols, storage: ids.flatMap { table.row($0).values }, rowLabels: labels)
    }
}
