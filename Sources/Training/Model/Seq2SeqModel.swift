import AttentionEngine

// The tiny encoder–decoder of Bahdanau, Cho & Bengio 2014 ("Neural machine translation by jointly
// learning to align and translate"), recorded on a `Tape` so it can be trained. Parameters and
// shapes are in `Seq2SeqWeights.swift`. For a batch of B sentences of S source words:
//
//   encoder (§3.2)  x_i = E_x[word_i]; →h_i = GRU→(x_i, →h_{i−1}); ←h_i = GRU←(x_i, ←h_{i+1});
//                   h_i = [→h_i; ←h_i]; both directions start from zeros.
//   start (A.2.2)   s₋₁ = tanh(W_s ←h₁ + b_s)   (the state before the first step)
//   step t (§3.1)   e_{t,i} = v_aᵀ tanh(W_a s_{t−1} + U_a h_i)     (eq. 6)
//                   α_t = softmax(e_t),  a_t = Σ_i α_{t,i} h_i     (eqs. 5–6)
//                   s_t = GRU(s_{t−1}, [y_t; a_t])                 (eq. 4, the article's y′_t)
//                   p(word | …) = softmax(W_o [s_t; a_t] + b_o)
//   y_t is E_y of the previous target word (`<bos>` at t = 0): the reference word while
//   training (teacher forcing, Williams & Zipser 1989), the model's own argmax when translating
//   (greedy decoding). The loss is the mean cross-entropy over every predicted word and `<eos>`.
//
// Batches are laid out with sentence b's position i in row b·S + i of the annotation matrix, so
// the whole batch attends with a handful of matrix operations per step. The GRU's last line is
// computed as h₋ + z ⊙ (n − h₋), which equals Bahdanau's (1 − z) ⊙ h₋ + z ⊙ n.

/// The model: its sizes and vocabularies. Parameters travel separately as `Seq2SeqParameters`.
public struct Seq2SeqModel: Equatable, Sendable, Codable {
    /// The sizes of every layer.
    public var sizes: Seq2SeqSizes
    /// Source words by id.
    public var sourceVocabulary: Vocabulary
    /// Target words by id; id 0 is `<eos>`, id 1 `<bos>`.
    public var targetVocabulary: Vocabulary

    /// `<eos>`'s and `<bos>`'s target ids.
    public static let eos = 0, bos = 1

    private enum CodingKeys: String, CodingKey { case sizes, sourceVocabulary, targetVocabulary }

    /// A model for `corpus`'s vocabularies.
    public init(corpus: ToyCorpus, embedding: Int, encoderHidden: Int, decoderHidden: Int, attention: Int) {
        sourceVocabulary = corpus.sourceVocabulary
        targetVocabulary = corpus.targetVocabulary
        sizes = Seq2SeqSizes(sourceVocabulary: corpus.sourceVocabulary.count, targetVocabulary: corpus.targetVocabulary.count,
                             embedding: embedding, encoderHidden: encoderHidden, decoderHidden: decoderHidden, attention: attention)
    }

    /// The parameters as tape variables: leaves needing gradients, or constants when only the
    /// forward pass is wanted (translation).
    static func record(_ parameters: Seq2SeqParameters, on tape: Tape, trainable: Bool) -> Seq2SeqWeights<Tape.Variable> {
        parameters.map { _, m in trainable ? tape.parameter(m) : tape.constant(m) }
    }

    /// What the decoder reads from the encoder.
    struct Encoded {
        /// h, (B·S) × 2H, row b·S + i = h_i of sentence b.
        var annotations: Tape.Variable
        /// U_a h_i for every row of `annotations`, (B·S) × d_a: the key side of the score, computed once.
        var keys: Tape.Variable
        /// s₋₁, B × n.
        var initialState: Tape.Variable
        /// Row b·S + i → b, to repeat a per-sentence row over that sentence's positions.
        var sentenceOfRow: [Int]
        var batchSize: Int, sourceLength: Int
    }

    /// One GRU step for a batch in the engine's (Bahdanau's) convention; `x` is B × in, `h` B × H.
    static func gruStep(_ tape: Tape, _ w: GRUWeights<Tape.Variable>, x: Tape.Variable, h: Tape.Variable) throws -> Tape.Variable {
        // (B, in) @ (in, H) + (B, H) @ (H, H) -> (B, H), weights stored (out × in)
        let z = tape.sigmoid(try tape.add(tape.add(tape.matmulTransposed(x, w.Wz), tape.matmulTransposed(h, w.Uz)), w.bz))
        let r = tape.sigmoid(try tape.add(tape.add(tape.matmulTransposed(x, w.Wr), tape.matmulTransposed(h, w.Ur)), w.br))
        let n = tape.tanh(try tape.add(tape.add(tape.matmulTransposed(x, w.Wn), tape.matmulTransposed(tape.mul(r, h), w.Un)), w.bn))
        return try tape.add(h, tape.mul(z, tape.sub(n, h)))
    }

    /// Runs both encoder directions over `sources` (B sentences of S ids).
    func encode(_ tape: Tape, _ p: Seq2SeqWeights<Tape.Variable>, sources: [[Int]]) throws -> Encoded {
        let B = sources.count, S = sources[0].count, H = sizes.encoderHidden
        let x = try (0..<S).map { i in try tape.gatherRows(p.sourceEmbedding, sources.map { $0[i] }) }   // S × (B, m)
        let zeros = tape.constant(Matrix(rows: B, cols: H))
        var forward: [Tape.Variable] = [], backward = [Tape.Variable](repeating: zeros, count: S)
        var h = zeros
        for i in 0..<S { h = try Self.gruStep(tape, p.encoderForward, x: x[i], h: h); forward.append(h) }
        h = zeros
        for i in stride(from: S - 1, through: 0, by: -1) { h = try Self.gruStep(tape, p.encoderBackward, x: x[i], h: h); backward[i] = h }
        // Rows i·B + b after stacking; gather them into b·S + i.
        let positionMajor = try tape.concatColumns([tape.stackRows(forward), tape.stackRows(backward)])   // (S·B, 2H)
        let annotations = try tape.gatherRows(positionMajor, (0..<(B * S)).map { ($0 % S) * B + $0 / S })   // (B·S, 2H)
        let keys = try tape.matmulTransposed(annotations, p.attentionU)                          // (B·S, 2H) @ (2H, d_a) -> (B·S, d_a)
        let start = tape.tanh(try tape.add(tape.matmulTransposed(backward[0], p.initialW), p.initialB)) // (B, H) @ (H, n) -> (B, n)
        return Encoded(annotations: annotations, keys: keys, initialState: start,
                       sentenceOfRow: (0..<(B * S)).map { $0 / S }, batchSize: B, sourceLength: S)
    }

    /// One decoder step: attend with s_{t−1}, feed [y_t; a_t] into the GRU, read out logits.
    /// - Returns: s_t (B × n), α_t (B × S), a_t (B × 2H) and the logits (B × V_y).
    func decoderStep(_ tape: Tape, _ p: Seq2SeqWeights<Tape.Variable>, _ encoded: Encoded, state: Tape.Variable,
                     previous: [Int]) throws -> (state: Tape.Variable, alpha: Tape.Variable, context: Tape.Variable, logits: Tape.Variable) {
        let query = try tape.matmulTransposed(state, p.attentionW)                             // (B, n) @ (n, d_a) -> (B, d_a)
        let repeated = try tape.gatherRows(query, encoded.sentenceOfRow)                       // (B·S, d_a)
        let hidden = tape.tanh(try tape.add(encoded.keys, repeated))
        let e = try tape.reshape(tape.matmulTransposed(hidden, p.attentionV),                  // (B·S, d_a) @ (d_a, 1) -> (B·S, 1)
                                 rows: encoded.batchSize, cols: encoded.sourceLength)
        let alpha = try tape.softmaxRows(e)                                                    // (B, S)
        let context = try tape.weightedRowSums(alpha, encoded.annotations)                     // (B, S) · (B·S, 2H) -> (B, 2H)
        let y = try tape.gatherRows(p.targetEmbedding, previous)                               // (B, m)
        let state = try Self.gruStep(tape, p.decoder, x: tape.concatColumns([y, context]), h: state)
        let readout = try tape.concatColumns([state, context])                                 // (B, n + 2H)
        let logits = try tape.add(tape.matmulTransposed(readout, p.outputW), p.outputB)        // (B, n + 2H) @ (n + 2H, V_y) -> (B, V_y)
        return (state, alpha, context, logits)
    }

    /// The teacher-forced loss of `batch` on `tape`: mean cross-entropy over its B · (T + 1) predictions.
    func loss(_ tape: Tape, _ p: Seq2SeqWeights<Tape.Variable>, _ batch: Batch) throws -> Tape.Variable {
        let encoded = try encode(tape, p, sources: batch.sources)
        let T = batch.targets[0].count
        var state = encoded.initialState
        var readouts: [Tape.Variable] = [], wanted: [Int] = []
        for t in 0...T {
            let previous = batch.targets.map { t == 0 ? Self.bos : $0[t - 1] }
            let step = try decoderStep(tape, p, encoded, state: state, previous: previous)
            state = step.state
            readouts.append(step.logits)
            wanted += batch.targets.map { t == T ? Self.eos : $0[t] }
        }
        return try tape.crossEntropy(tape.stackRows(readouts), targets: wanted)               // ((T+1)·B, V_y), row t·B + b
    }

    /// The loss of `batch` under `parameters` and ∂loss/∂θ for every tensor θ.
    /// - Throws: `EngineError` when a word id or a shape does not fit the model.
    public func lossAndGradients(_ parameters: Seq2SeqParameters, batch: Batch) throws -> (loss: Double, gradients: Seq2SeqParameters) {
        try checkShapes(parameters)
        let tape = Tape()
        let p = Self.record(parameters, on: tape, trainable: true)
        let loss = try self.loss(tape, p, batch)
        try tape.backward(from: loss)
        return (tape.value(loss)[0, 0], p.map { _, v in tape.gradient(v) })
    }

    /// The loss of `batch` under `parameters`, without gradients.
    public func loss(_ parameters: Seq2SeqParameters, batch: Batch) throws -> Double {
        try checkShapes(parameters)
        let tape = Tape()
        return try tape.value(loss(tape, Self.record(parameters, on: tape, trainable: false), batch))[0, 0]
    }

    /// Greedy translation of `source` ids: at every step the most probable word (the first on a tie)
    /// is fed back, until `<eos>` or `maxLength` words.
    /// - Returns: target word ids, without `<eos>`.
    public func translate(_ parameters: Seq2SeqParameters, source: [Int], maxLength: Int? = nil) throws -> [Int] {
        try greedy(parameters, source: source, maxLength: maxLength).words
    }

    /// Greedy decoding; `stopped` says whether the model chose `<eos>` (rather than running out of steps).
    func greedy(_ parameters: Seq2SeqParameters, source: [Int], maxLength: Int?) throws -> (words: [Int], stopped: Bool) {
        try checkShapes(parameters)
        guard !source.isEmpty else { throw EngineError("the source sentence is empty", parameter: "source") }
        let tape = Tape()
        let p = Self.record(parameters, on: tape, trainable: false)
        let encoded = try encode(tape, p, sources: [source])
        var state = encoded.initialState, previous = Self.bos, words: [Int] = []
        for _ in 0..<(maxLength ?? source.count * 2 + 2) {
            let step = try decoderStep(tape, p, encoded, state: state, previous: [previous])
            let logits = tape.value(step.logits).storage
            var best = 0
            for j in logits.indices where logits[j] > logits[best] { best = j }
            if best == Self.eos { return (words, true) }
            words.append(best); previous = best; state = step.state
        }
        return (words, false)
    }

    /// Greedy translation of a sentence given as words.
    /// - Throws: `EngineError` naming an unknown source word.
    public func translate(_ parameters: Seq2SeqParameters, _ source: [String]) throws -> [String] {
        try translate(parameters, source: sourceVocabulary.encode(source)).map { targetVocabulary.words[$0] }
    }

    /// Word pairs as a batch of ids (all sources of one length, all targets of one length).
    /// - Throws: `EngineError` for an unknown word or lengths that differ.
    public func batch(_ pairs: [ToyCorpus.Pair]) throws -> Batch {
        try Batch(sources: pairs.map { try sourceVocabulary.encode($0.source) },
                  targets: pairs.map { try targetVocabulary.encode($0.target) })
    }

    /// - Throws: `EngineError` naming the first tensor whose shape differs from the model's.
    func checkShapes(_ parameters: Seq2SeqParameters) throws {
        for (name, (m, shape)) in zip(Seq2SeqParameters.names, zip(parameters.list, sizes.shapes)) where m.rows != shape.0 || m.cols != shape.1 {
            throw EngineError("`\(name)` must be \(shape.0)×\(shape.1) for this model, found \(m.shape)", parameter: name)
        }
    }
}
