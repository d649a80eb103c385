// Hierarchical attention (Yang et al. 2016, HAN §2.2): words → sentence vectors → document vector.
//     word level:     u_it = tanh(W_w h_it + b_w), α_it = softmax_t(u_itᵀ u_w), s_i = Σ_t α_it h_it
//     sentence level: u_i  = tanh(W_s h_i + b_s),  α_i  = softmax_i(u_iᵀ u_s),  v   = Σ_i α_i h_i
// The paper runs bidirectional GRUs to get h_it and h_i; here the word annotations are given (use
// `BidirectionalAnnotations.run` with two GRU cells to follow the paper), and the sentence
// annotations are the sentence vectors s_i themselves unless `sentenceAnnotations` maps them
// (e.g. `{ try BidirectionalAnnotations.run($0, forward: …, backward: …) }`).

/// Both levels of one hierarchical attention.
public struct HierarchicalTrace: Equatable, Sendable, Codable {
    /// One word-level pooling per sentence.
    public var words: [AttentionPoolingTrace]
    /// The sentence vectors s_i stacked (sentences × d).
    public var sentenceVectors: Matrix
    /// The sentence-level pooling over the sentence annotations.
    public var sentences: AttentionPoolingTrace
    /// The document vector v.
    public var document: Vector
}

public struct HierarchicalAttention: Equatable, Sendable, Codable {
    /// W_w, b_w, u_w.
    public var word: AttentionPooling
    /// W_s, b_s, u_s.
    public var sentence: AttentionPooling

    public init(word: AttentionPooling, sentence: AttentionPooling) {
        self.word = word
        self.sentence = sentence
    }

    /// Encodes a document given as one annotation matrix per sentence (words × d each).
    /// - Parameter sentenceAnnotations: maps the stacked sentence vectors to the sentence-level
    ///   annotations h_i (e.g. a sentence GRU); `nil` uses the sentence vectors directly.
    /// - Throws: `EngineError` for an empty document or mismatched widths (naming both shapes).
    public func encode(_ document: [Matrix], sentenceLabels: [String]? = nil,
                       sentenceAnnotations: ((Matrix) throws -> Matrix)? = nil) throws -> HierarchicalTrace {
        guard let first = document.first else { throw EngineError("a document needs at least one sentence", parameter: "document") }
        for (k, s) in document.enumerated() where s.cols != first.cols {
            throw EngineError.shape("hierarchical attention", first.shape, s.shape,
                                    "every sentence with the same annotation width (sentence 0 and sentence \(k))", parameter: "document")
        }
        let words = try document.map { try word.pool($0) }
        let vectors = try Matrix(stacking: words.map(\.pooled), rowLabels: sentenceLabels)
        let annotations = try sentenceAnnotations?(vectors) ?? vectors
        let top = try sentence.pool(annotations)
        return HierarchicalTrace(words: words, sentenceVectors: vectors, sentences: top, document: top.pooled)
    }
}
