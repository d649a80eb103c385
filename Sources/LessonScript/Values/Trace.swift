import AttentionEngine
import Training

/// The engine trace behind a record, as data: what `explain` works from.
///
/// Records used to carry an `explain` closure; a closure cannot be written to disk, so a cached
/// record could not explain itself. A trace is `Codable` and `Equatable` like every engine value,
/// and `explain` is a plain function of it (`explainer`). Each case holds exactly what its
/// explanation needs: the engine trace, and the parameters the trace does not keep (a context
/// vector, γ and β).
public indirect enum Trace: Equatable, Sendable, Codable {
    /// `attend(…)`: one attention step.
    case attention(AttentionStep)
    /// `step(cell, x)`: one RNN/GRU/LSTM step.
    case cellStep(CellStep)
    /// One step of a decoder run (`dec.steps[t]`).
    case decoderStep(DecoderStep)
    /// A cell made by `rnn`, `gru` or `lstm`: its weights, typed, so builtins need not rebuild it
    /// from field names. Nothing to explain.
    case cell(RecurrentCell)
    /// `hardArgmax` / `hardSample`.
    case hard(HardAttentionTrace)
    /// `gumbelSoftmax`.
    case gumbel(GumbelSoftmaxTrace)
    /// `localAttention`.
    case local(LocalAttentionTrace)
    /// `attentionPooling`: the trace and the learned context vector u.
    case attentionPooling(AttentionPoolingTrace, context: Vector)
    /// `han`: the trace and the sentence-level context vector u_s.
    case hierarchical(HierarchicalTrace, sentenceContext: Vector)
    /// `matchMatrix`, `abcnn1`, `abcnn2`: ABCNN's match matrix.
    case match(MatchMatrixTrace)
    /// `wideConv`.
    case wideConvolution(WideConvolutionTrace)
    /// `attentivePooling`.
    case attentivePooling(AttentivePoolingTrace)
    /// `sentenceVectors`.
    case sentencePooling(SentencePoolingTrace)
    /// `layerNorm` (field `output`) or a Transformer encoder's first norm (field `norm1`).
    case layerNorm(LayerNormTrace, gamma: Vector, beta: Vector, field: String)
    /// `selfAttention`, `qkvAttention`.
    case qkv(QKVTrace)
    /// `multihead` and the attention inside Transformer layers.
    case multiHead(MultiHeadTrace)
    /// `toyCorpus`: the recipe the corpus is drawn from. Nothing to explain.
    case corpus(CorpusRecipe)
    /// `seq2seq` (a run of 0 epochs) and `train`: the model, its initial, snapshot and final
    /// weights and its losses, with the corpus it was made for. Nothing to explain itself; its
    /// decoder steps (`decode(…)`) explain as `.decoderStep`.
    case training(TrainingRun, corpus: CorpusRecipe)

    /// The runtime explainer: what can be asked and the function that answers.
    public var explainer: Explainer? {
        switch self {
        case .cell, .corpus, .training:
            return nil
        case .attention(let step):
            return Explainer(offers: "`.e[i]` (one score), `.alpha` (the softmax), `.a` (the weighted sum), or the whole step") { request in
                switch (request.field, request.index) {
                case ("e", let i?): return try step.explainScore(i)
                case ("alpha", nil): return step.explainWeights()
                case ("a", nil): return step.explainContext()
                default: throw ExplainRefusal.unsupported
                }
            } explainAll: {
                // Every score, then the softmax, then the weighted sum: the step in the order it ran.
                (0..<step.e.count).compactMap { try? step.explainScore($0) }
                    + [step.explainWeights(), step.explainContext()]
            }
        case .cellStep(let s):
            return Explainer(offers: "the whole step (`explain s1`)") { request in
                guard request.field == nil, request.index == nil else { throw ExplainRefusal.unsupported }
                return s.explain()
            }
        case .decoderStep(let s):
            return Explainer(offers: "`.e[i]`, `.alpha`, `.a` (with attention), `.input`, `.s`, `.output`, or the whole step") { request in
                switch (request.field, request.index) {
                case ("e", let i?): if let at = s.attention { return try at.explainScore(i) }
                case ("alpha", nil): if let at = s.attention { return at.explainWeights() }
                case ("a", nil): if let at = s.attention { return at.explainContext() }
                case ("input", nil): return s.input.explain()
                case ("s", nil): return s.cell.explain()
                case ("output", nil):
                    if let c = s.combination { return c.explain() }
                    return s.cell.explain()
                default: break
                }
                throw ExplainRefusal.unsupported
            } explainAll: {
                s.explain()
            }
        case .hard(let t):
            return Explainer(offers: "`.chosen`") { r in t.explain() }
        case .gumbel(let t):
            return Explainer(offers: "`.y[i]`") { r in
                t.explain(position: try indexed(r, "y", count: t.y.count, kind: "weight"))
            }
        case .local(let t):
            return Explainer(offers: "`.alpha[i]`") { r in
                t.explainWeight(position: try indexed(r, "alpha", count: t.weights.count, kind: "weight"))
            }
        case .attentionPooling(let t, let context):
            return Explainer(offers: "`.alpha[i]`") { r in
                t.explainWeight(try indexed(r, "alpha", count: t.weights.count, kind: "weight"), context: context)
            }
        case .hierarchical(let t, let context):
            return Explainer(offers: "`.alpha[i]` (sentence i's weight)") { r in
                t.sentences.explainWeight(try indexed(r, "alpha", count: t.sentences.weights.count, kind: "weight"),
                                          context: context)
            }
        case .match(let m):
            return Explainer(offers: "`.A[i, j]` (one entry; `.A[i]` is column 0)") { r in try explainMatch(m, r) }
        case .wideConvolution(let t):
            return Explainer(offers: "`.output[i]` (feature 0 of window i)") { r in
                t.explain(window: try indexed(r, "output", count: t.output.rows, kind: "window"), feature: 0)
            }
        case .attentivePooling(let t):
            return Explainer(offers: "`.sigmaQ[j]`") { r in
                t.explainQuestionWeight(try indexed(r, "sigmaQ", count: t.questionWeights.count, kind: "weight"))
            }
        case .sentencePooling(let t):
            return Explainer(offers: "`.attention[c]`") { r in
                t.explainAttention(component: try indexed(r, "attention", count: t.attention.count, kind: "component"))
            }
        case .layerNorm(let t, let gamma, let beta, let field):
            return Explainer(offers: field == "output" ? "`.output[r]`" : "`.\(field)[r]` (layer norm of row r)") { r in
                t.explainRow(try indexed(r, field, count: t.output.rows, kind: "row"), gamma: gamma, beta: beta)
            }
        case .qkv(let t):
            return Explainer(offers: "`.e[i]` (query i's scores), `.alpha[i]` (their softmax), `.output[i]` (column 0 of output row i)") { r in
                switch r.field {
                case "output":
                    let i = try indexed(r, "output", count: t.output.rows, kind: "output row")
                    return t.attention.explainOutput(query: i, column: 0)
                case "alpha": return try weightRowExplanation(t.attention, r)
                default: return try scoreRowExplanation(t.attention, r)
                }
            }
        case .multiHead(let t):
            return Explainer(offers: "`.heads[h]` (head h's scores for query 0)") { r in
                let h = try indexed(r, "heads", count: t.heads.count, kind: "head")
                let row = try scoreRowExplanation(t.heads[h].attention, Explainer.Request(field: "heads", index: 0))
                return WorkedArithmetic(title: "head \(h): " + row.title + " (d_k = \(t.heads[h].attention.queries.cols))",
                                        lines: row.lines, note: row.note)
            }
        }
    }
}
