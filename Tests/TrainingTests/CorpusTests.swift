import AttentionEngine
import Testing
@testable import Training

@Test func corpusFollowsItsRulesAndSplitsCleanly() throws {
    let corpus = try ToyCorpus()
    #expect(corpus.training.count == 320 && corpus.heldOut.count == 80)
    #expect(corpus.training[0] == ToyCorpus.anchor)
    #expect(Set(corpus.training).isDisjoint(with: Set(corpus.heldOut)), "the splits share a sentence")
    #expect(Set(corpus.training + corpus.heldOut).count == 400, "a sentence occurs twice")
    let times = Set(ToyCorpus.times.flatMap(\.0)), verbs = Set(ToyCorpus.verbs.flatMap(\.0))
    for pair in corpus.training + corpus.heldOut {
        // One target word per source word, and the rule's reordering: in the source, time and
        // place come before the verb; in the target, after everything else, place then time.
        #expect(pair.source.count == pair.target.count)
        let alignment = ToyCorpus.referenceAlignment(pair)
        #expect(Set(alignment) == Set(pair.source.indices), "\(pair.source) is not a permutation of \(pair.target)")
        let verb = pair.source.firstIndex { verbs.contains($0) }!
        if let t = pair.source.firstIndex(where: { times.contains($0) }) {
            #expect(t < verb && alignment.last == t, "\(pair)")
        }
        if let p = pair.source.firstIndex(of: "在") { #expect(p < verb && pair.target.contains("at")) }
    }
    // Sentences with a time or a place cross; the anchor is monotone.
    #expect(ToyCorpus.referenceAlignment(ToyCorpus.anchor) == [0, 1, 2, 3])
    let moved = corpus.heldOut.first { $0.source.contains("在") }!
    #expect(ToyCorpus.referenceAlignment(moved) != Array(moved.source.indices))
}

@Test func corpusIsDeterministicAndChecksItsSizes() throws {
    #expect(try ToyCorpus(seed: 7) == ToyCorpus(seed: 7))
    #expect(try ToyCorpus(seed: 7).heldOut != ToyCorpus(seed: 8).heldOut)
    #expect(try ToyCorpus().sourceVocabulary.count == 26)
    #expect(try ToyCorpus().targetVocabulary.words.prefix(2) == ["<eos>", "<bos>"])
    #expect(throws: EngineError.self) { try ToyCorpus(size: 10, heldOut: 10) }
    #expect(throws: EngineError.self) { try ToyCorpus(size: 100_000) }
}

@Test func scheduleBucketsByLengthAndCoversEverySentenceOnce() throws {
    let corpus = try ToyCorpus()
    let schedule = try TrainingSchedule(corpus: corpus, batchSize: 16, shuffleSeed: 2)
    let batches = schedule.batches(epoch: 1)
    #expect(batches.allSatisfy { $0.count <= 16 })
    let seen = batches.flatMap { b in zip(b.sources, b.targets).map { "\($0)|\($1)" } }
    #expect(seen.count == corpus.training.count && Set(seen).count == corpus.training.count)
    #expect(schedule.batches(epoch: 1) == batches && schedule.batches(epoch: 2) != batches)
}

@Test func adamFirstStepMovesEachWeightByTheLearningRate() throws {
    // After one step m̂ = g and v̂ = g², so θ₁ = θ₀ − lr·g/(|g| + ε) (Kingma & Ba 2015, §2).
    var adam = Adam(learningRate: 0.1)
    var theta = [try Matrix([[1, 2, 3]])]
    let g = try Matrix([[0.5, -4, 0]])
    adam.update(&theta, gradients: [g])
    let expected = (0..<3).map { [1.0, 2, 3][$0] - 0.1 * g.storage[$0] / (abs(g.storage[$0]) + 1e-8) }
    #expect(zip(theta[0].storage, expected).allSatisfy { abs($0 - $1) < 1e-15 })
    // Second step by the textbook formulas.
    let g2 = try Matrix([[1, 1, -1]])
    adam.update(&theta, gradients: [g2])
    for k in 0..<3 {
        let m = 0.9 * (0.1 * g.storage[k]) + 0.1 * g2.storage[k]
        let v = 0.999 * (0.001 * g.storage[k] * g.storage[k]) + 0.001 * g2.storage[k] * g2.storage[k]
        let mHat = m / (1 - 0.81), vHat = v / (1 - 0.999 * 0.999)
        #expect(abs(theta[0].storage[k] - (expected[k] - 0.1 * mHat / (vHat.squareRoot() + 1e-8))) < 1e-12)
    }
}
