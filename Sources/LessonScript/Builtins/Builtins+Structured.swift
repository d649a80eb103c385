import AttentionEngine

// Builtins for lessons 14-16: hierarchical attention, attention with CNNs, sentence vectors from RNN states.
// MARK: - Hierarchical, CNN, sentence vectors

extension BuiltinRegistry {
    static let structuredBuiltins: [Builtin] = [
        Builtin(name: "attentionPooling", signature: "attentionPooling(h, W:, b:, u:)",
                summary: "HAN's attention layer: u_i = tanh(W h_i + b), α = softmax(u_iᵀ u), s = Σ α_i h_i.",
                doc: "`u` is the learned context vector (u_w for words, u_s for sentences). Fields: `u` (the tanh projections), "
                    + "`e`, `alpha`, `s`. `explain p.alpha[i]`.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let h = try call.matrix(call.arguments[0], "h")
            let layer = try call.engine { try AttentionPooling(W: try call.requiredMatrix("W"), b: try call.optionalVector("b"), context: try call.requiredVector("u")) }
            let t = try call.engine { try layer.pool(h) }
            return record("attention pooling", [("u", .matrix(t.hidden)), ("e", .vector(t.scores)), ("alpha", .vector(t.weights)), ("s", .vector(t.pooled))], trace: .attentionPooling(t, context: layer.context))
        },
        Builtin(name: "han", signature: "han(sentence1, sentence2, …, Ww:, bw:, uw:, Ws:, bs:, us:)",
                summary: "Hierarchical attention: word attention per sentence → sentence vectors → sentence attention → document.",
                doc: "Each positional argument is one sentence's word annotations (words × d). Fields: `words` (α per sentence: "
                    + "`doc.words[0]`), `sentences` (the sentence vectors, one row each), `alpha` (sentence weights), `document`.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let sentences = try call.positionalArguments.enumerated().map { try call.matrix($1, "sentence \($0 + 1)") }
            let han = try call.engine {
                HierarchicalAttention(word: try AttentionPooling(W: try call.requiredMatrix("Ww"), b: try call.optionalVector("bw"), context: try call.requiredVector("uw")),
                                      sentence: try AttentionPooling(W: try call.requiredMatrix("Ws"), b: try call.optionalVector("bs"), context: try call.requiredVector("us")))
            }
            let t = try call.engine { try han.encode(sentences, sentenceLabels: (0..<sentences.count).map { "sentence \($0)" }) }
            let words = record("word weights", t.words.enumerated().map { ("sentence\($0.offset)", .vector($0.element.weights)) })
            return record("hierarchical attention", [("words", words), ("sentences", .matrix(t.sentenceVectors)),
                                                     ("alpha", .vector(t.sentences.weights)), ("document", .vector(t.document))], trace: .hierarchical(t, sentenceContext: han.sentence.context))
        },
        Builtin(name: "matchMatrix", signature: "matchMatrix(x0, x1)",
                summary: "ABCNN's attention matrix A_ij = 1/(1 + ‖x0_i − x1_j‖₂) (no softmax).",
                doc: "Rows of `x0` and `x1` are the units (words, or convolution outputs). Fields: `distance`, `A`. `explain m.A[i, j]` works one entry.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let t = try call.engine { try ABCNN.matchMatrix(try call.matrix(call.arguments[0], "x0"), try call.matrix(call.arguments[1], "x1")) }
            return record("ABCNN attention matrix", [("distance", .matrix(t.distances)), ("A", .matrix(t.A))], trace: .match(t))
        },
        Builtin(name: "abcnn1", signature: "abcnn1(x0, x1, W0:, W1:)",
                summary: "ABCNN-1: the attention matrix and the attention feature maps F0 = W0·Aᵀ, F1 = W1·A.",
                doc: "W0 is d × s1, W1 is d × s0; F0 (d × s0) and F1 (d × s1) are in the paper's orientation (columns are words) and "
                    + "are stacked with the inputs as a second channel before convolution. Fields: `A`, `F0`, `F1`.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let t = try call.engine {
                try ABCNN.abcnn1(try call.matrix(call.arguments[0], "x0"), try call.matrix(call.arguments[1], "x1"),
                                 W0: try call.requiredMatrix("W0"), W1: try call.requiredMatrix("W1"))
            }
            return record("ABCNN-1", [("A", .matrix(t.match.A)), ("F0", .matrix(t.featureMap0)), ("F1", .matrix(t.featureMap1))], trace: .match(t.match))
        },
        Builtin(name: "wideConv", signature: "wideConv(x, W:, b:, w:, attention:)",
                summary: "Wide 1-D convolution: w − 1 zero rows each side, windows of w words, tanh(W c_i + b).",
                doc: "W is (d1 × w·d0), the w words of a window concatenated in order. Output has s + w − 1 rows. "
                    + "ABCNN-1: `attention:` adds the attention feature map (rows as words, e.g. `a.F0.T`) as a second channel; "
                    + "W is then (d1 × 2·w·d0), each window holding the x rows then the attention rows. "
                    + "Fields: `padded`, `windows`, `pre`, `output`. `explain c.output[i]` works feature 0 of window i.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let w = try call.integer(try call.required(0, "w", labelled: true), "w", minimum: 1)
            let conv = try call.engine { try WideConvolution(width: w, W: try call.requiredMatrix("W"), b: try call.optionalVector("b")) }
            let x = try call.matrix(call.arguments[0], "x")
            let channels = try [x] + (call.optionalMatrix("attention").map { [$0] } ?? [])
            let t = try call.engine { try conv.apply(channels: channels) }
            return record("wide convolution", [("padded", .matrix(t.padded)), ("windows", .matrix(t.windows)),
                                               ("pre", .matrix(t.preActivation)), ("output", .matrix(t.output))], trace: .wideConvolution(t))
        },
        Builtin(name: "abcnn2", signature: "abcnn2(c0, c1, w:)",
                summary: "ABCNN-2: attention pooling of two convolution outputs with row/column sums of A as weights.",
                doc: "Pooled row j = Σ_{k=j}^{j+w−1} a_k c_k, a₀ = row sums of A, a₁ = column sums. Fields: `A`, `a0`, `a1`, `pooled0`, `pooled1`.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let w = try call.integer(try call.required(0, "w", labelled: true), "w", minimum: 1)
            let t = try call.engine { try ABCNN.abcnn2(try call.matrix(call.arguments[0], "c0"), try call.matrix(call.arguments[1], "c1"), width: w) }
            return record("ABCNN-2", [("A", .matrix(t.match.A)), ("a0", .vector(t.weights0)), ("a1", .vector(t.weights1)),
                                      ("pooled0", .matrix(t.pooled0)), ("pooled1", .matrix(t.pooled1))], trace: .match(t.match))
        },
        Builtin(name: "attentivePooling", signature: "attentivePooling(q, a, U:)",
                summary: "dos Santos's attentive pooling: G = tanh(q U aᵀ), row/column max, softmax → weights; beside max pooling.",
                doc: "Fields: `G`, `gq`, `ga` (row and column maxima), `sigmaQ`, `sigmaA` (weights), `rq`, `ra` (pooled vectors), "
                    + "`maxQ`, `maxA` (plain max pooling). `explain p.sigmaQ[j]`.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let t = try call.engine {
                try AttentivePooling.pool(question: try call.matrix(call.arguments[0], "q"), answer: try call.matrix(call.arguments[1], "a"),
                                          U: try call.requiredMatrix("U"))
            }
            return record("attentive pooling", [("G", .matrix(t.G)), ("gq", .vector(t.rowMax)), ("ga", .vector(t.columnMax)),
                                                ("sigmaQ", .vector(t.questionWeights)), ("sigmaA", .vector(t.answerWeights)),
                                                ("rq", .vector(t.questionVector)), ("ra", .vector(t.answerVector)),
                                                ("maxQ", .vector(t.questionMaxPool)), ("maxA", .vector(t.answerMaxPool))], trace: .attentivePooling(t))
        },
        Builtin(name: "sentenceVectors", signature: "sentenceVectors(H, w:) · sentenceVectors(x, cell:, w:)",
                summary: "Three sentence vectors from RNN states: last state, mean, and attention pooling (Zhou et al. 2016).",
                doc: "M = tanh(H), α = softmax(wᵀM), r = Σ α_t h_t, h* = tanh(r). Rows of H are steps. With `cell:` (e.g. "
                    + "`lstm(input: 3, hidden: 4, seed: 1)`) the first argument is the input sentence and the cell runs over it from "
                    + "zeros to make H. Fields: `H`, `last`, `mean`, `M`, `e`, `alpha`, `r`, `attention` (h*). `explain v.attention[c]`.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let first = try call.matrix(call.arguments[0], "H")
            let w = try call.requiredVector("w")
            let t: SentencePoolingTrace
            if let c = call.argument("cell") {
                let cell = try recurrentCell(c, call)
                t = try call.engine(renaming: ["inputs": "x"]) { try SentencePooling.run(cell: cell, inputs: first, w: w).pooling }
            } else {
                t = try call.engine { try SentencePooling.pool(states: first, w: w) }
            }
            return record("sentence vectors", [("H", .matrix(t.states)), ("last", .vector(t.last)), ("mean", .vector(t.mean)), ("M", .matrix(t.M)),
                                               ("e", .vector(t.scores)), ("alpha", .vector(t.weights)), ("r", .vector(t.r)),
                                               ("attention", .vector(t.attention))], trace: .sentencePooling(t))
        },
        Builtin(name: "bidirectional", signature: "bidirectional(x, forward:, backward:)",
                summary: "Bidirectional annotations h_t = [→h_t; ←h_t]: one cell reads left to right, the other right to left.",
                doc: "Both start from zeros. HAN's word and sentence encoders are bidirectional GRUs: "
                    + "`han(bidirectional(s1, forward: f, backward: b), …)`. One row per position, the forward half first.",
                group: "Hierarchical, CNN and LSTM attention") { call in
            let x = try call.matrix(call.arguments[0], "x")
            let f = try recurrentCell(try call.required(0, "forward", labelled: true), call)
            let b = try recurrentCell(try call.required(0, "backward", labelled: true), call)
            return .matrix(try call.engine { try BidirectionalAnnotations.run(x, forward: f, backward: b) })
        },
    ]
}
