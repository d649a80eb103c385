import AttentionEngine
import Testing
@testable import Training

// Two claims the build's speed rests on, checked against the plain one-at-a-time code:
// - a training that keeps more snapshots is the same training (so `TrainingMemo` may serve lesson 1's
//   `train(…)` and lesson 9's `train(…, snapshots: [0, 1, 2, 4, 12])` from one run);
// - `translateAll` gives every sentence the translation `translate` gives it alone.

@Test func snapshotsDoNotChangeTheTraining() throws {
    var plain = TrainingConfiguration()
    plain.epochs = 3
    var kept = plain
    kept.snapshotEpochs = [0, 1, 2, 3]
    let a = try Trainer.train(corpus: lessonCorpus, configuration: plain)
    let b = try Trainer.train(corpus: lessonCorpus, configuration: kept)
    #expect(a.final.fingerprint == b.final.fingerprint && a.final == b.final)
    #expect(a.epochLosses.map(\.bitPattern) == b.epochLosses.map(\.bitPattern))
    #expect(b.snapshots[0].parameters == a.initial && b.snapshots[3].parameters == a.final)
    // A snapshot after epoch k is the final weights of a training of k epochs, bit for bit.
    for k in 1...2 {
        var shorter = plain
        shorter.epochs = k
        let c = try Trainer.train(corpus: lessonCorpus, configuration: shorter)
        #expect(b.snapshots[k].parameters == c.final, "epoch \(k)")
        #expect(c.epochLosses.map(\.bitPattern) == Array(b.epochLosses.prefix(k)).map(\.bitPattern))
    }
}

@Test func batchedTranslationEqualsOneAtATime() throws {
    var c = TrainingConfiguration()
    c.epochs = 1
    let early = try Trainer.train(corpus: lessonCorpus, configuration: c)
    let model = lessonRun.model
    let pairs = lessonCorpus.training + lessonCorpus.heldOut
    let sources = try pairs.map { try model.sourceVocabulary.encode($0.source) }
    // Untrained weights run out of steps, one epoch stops at odd places, the trained model is right.
    for (name, parameters) in [("initial", lessonRun.initial), ("epoch 1", early.final), ("trained", lessonRun.final)] {
        let together = try model.translateAll(parameters, sources: sources)
        let alone = try sources.map { try model.translate(parameters, source: $0) }
        #expect(together == alone, "\(name)")
        #expect(Set(alone.map(\.count)).count > 1, "\(name): translations of several lengths")
    }
    #expect(try model.translateAll(lessonRun.final, sources: []) == [])
    #expect(throws: EngineError.self) { try model.translateAll(lessonRun.final, sources: [[2], []]) }
}
