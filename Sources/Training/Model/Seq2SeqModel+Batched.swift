import AttentionEngine

// Greedy translation of many sentences at once. Every operation of the forward pass works row by
// row — a row of a matrix product reads only its own row of the left operand, the softmax, the
// weighted sum and the entrywise functions are per row — so sentence b's numbers in a batch are
// the same bits as when it is translated alone, and so are its argmax choices. Sentences of one
// source length share a batch (the annotation layout needs one length); a batch runs until every
// sentence has chosen `<eos>` or used its 2S + 2 steps, and a sentence that stopped is carried
// along without being read. `accuracy` over a corpus split is 600 greedy decodes in lesson 9:
// batched, they cost a few dozen tape passes instead of hundreds.

extension Seq2SeqModel {
    /// Greedy translations of `sources` (ids), as `translate(_:source:)` gives them one by one.
    /// - Returns: per source, in order, the target word ids without `<eos>`.
    /// - Throws: `EngineError` for an empty source or parameters of the wrong shapes.
    public func translateAll(_ parameters: Seq2SeqParameters, sources: [[Int]]) throws -> [[Int]] {
        try checkShapes(parameters)
        if sources.contains(where: \.isEmpty) { throw EngineError("the source sentence is empty", parameter: "source") }
        var results = [[Int]](repeating: [], count: sources.count)
        // Groups by length, in order of first appearance (the grouping does not change any number).
        var groups: [Int: [Int]] = [:], lengths: [Int] = []
        for (k, s) in sources.enumerated() {
            if groups[s.count] == nil { lengths.append(s.count) }
            groups[s.count, default: []].append(k)
        }
        for length in lengths {
            let members = groups[length]!
            let words = try greedyBatch(parameters, sources: members.map { sources[$0] }, steps: length * 2 + 2)
            for (k, w) in zip(members, words) { results[k] = w }
        }
        return results
    }

    /// Greedy decoding of B sources of one length for at most `steps` words each.
    private func greedyBatch(_ parameters: Seq2SeqParameters, sources: [[Int]], steps: Int) throws -> [[Int]] {
        let tape = Tape()
        let p = Self.record(parameters, on: tape, trainable: false)
        let encoded = try encode(tape, p, sources: sources)
        let B = sources.count, V = sizes.targetVocabulary
        var state = encoded.initialState
        var previous = [Int](repeating: Self.bos, count: B)
        var words = [[Int]](repeating: [], count: B), running = [Bool](repeating: true, count: B)
        var left = B
        for _ in 0..<steps where left > 0 {
            let step = try decoderStep(tape, p, encoded, state: state, previous: previous)
            let logits = tape.value(step.logits).storage                      // (B, V_y)
            for b in 0..<B where running[b] {
                var best = 0
                for j in 0..<V where logits[b * V + j] > logits[b * V + best] { best = j }
                if best == Self.eos { running[b] = false; left -= 1; continue }
                words[b].append(best); previous[b] = best
            }
            state = step.state
        }
        return words
    }
}
