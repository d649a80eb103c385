import AttentionEngine
import Foundation
import Testing
@testable import Training

// Properties of the lesson's trained model (one training run shared by the tests below) and
// determinism of training.

let lessonCorpus = try! ToyCorpus()
let lessonRun = try! Trainer.train(corpus: lessonCorpus, configuration: TrainingConfiguration())

@Test func trainingIsBitIdenticalAcrossRuns() throws {
    var c = TrainingConfiguration()
    c.epochs = 2; c.snapshotEpochs = [0, 1, 2]
    let a = try Trainer.train(corpus: lessonCorpus, configuration: c), b = try Trainer.train(corpus: lessonCorpus, configuration: c)
    #expect(a == b)
    #expect(a.final.list.map(\.storage) == b.final.list.map(\.storage))
    #expect(a.snapshots.map(\.epoch) == [0, 1, 2] && a.snapshots[0].parameters == a.initial && a.snapshots[2].parameters == a.final)
    // The shared lesson run starts from the same weights and follows the same two first epochs.
    #expect(a.initial == lessonRun.initial && a.epochLosses == Array(lessonRun.epochLosses.prefix(2)))
    // A run survives a JSON round trip bit for bit (a cache can store it).
    #expect(try JSONDecoder().decode(TrainingRun.self, from: JSONEncoder().encode(a)) == a)
}

@Test func lossFallsAndHeldOutAccuracyIsAtLeast95Percent() throws {
    let losses = lessonRun.epochLosses
    #expect(losses.count == lessonRun.configuration.epochs)
    #expect(losses.last! < losses.first! / 100, "\(losses)")
    let accuracy = try Trainer.accuracy(lessonRun.model, lessonRun.final, on: lessonCorpus.heldOut)
    print("held-out exact-match accuracy: \(accuracy); final weights' fingerprint 0x\(String(lessonRun.final.fingerprint, radix: 16))")
    #expect(accuracy >= 0.95)
}

@Test func anchorSentenceAttendsToItsOwnWords() throws {
    let trace = try lessonRun.model.trace(lessonRun.final, source: ToyCorpus.anchor.source)
    #expect(trace.output == ToyCorpus.anchor.target + ["<eos>"])
    for t in ToyCorpus.anchor.target.indices {
        let row = trace.run.alignment.row(t).values
        #expect(row.firstIndex(of: row.max()!) == t, "\(trace.output[t]) attends \(row)")
    }
    print("alignment of 我 爱 机器 学习:", (0..<4).map { t in trace.run.alignment.row(t).values.map { Int(($0 * 100).rounded()) } })
}

@Test func reorderedSentenceAlignmentCrosses() throws {
    // A held-out sentence with both a time and a place: its translation moves them to the end.
    let pair = lessonCorpus.heldOut.first { $0.source.count == 7 && $0.source.contains("在") }!
    let trace = try lessonRun.model.trace(lessonRun.final, source: pair.source)
    #expect(trace.output == pair.target + ["<eos>"])
    let argmax = pair.target.indices.map { t in
        let row = trace.run.alignment.row(t).values
        return row.firstIndex(of: row.max()!)!
    }
    // Crossing: a later target word attends to an earlier source word than some word before it.
    let crosses = argmax.indices.contains { a in argmax.indices.contains { b in a < b && argmax[a] > argmax[b] } }
    #expect(crosses, "\(pair.source) → \(pair.target): \(argmax)")
    print("reordered \(pair.source.joined(separator: " ")): argmax", argmax, "reference", ToyCorpus.referenceAlignment(pair))
    // The time word, last in the target, attends to the time word, second in the source.
    #expect(argmax.last == ToyCorpus.referenceAlignment(pair).last)
}

@Test(arguments: [("epochs", -1.0), ("learningRate", 0.0), ("beta1", 1.0), ("epsilon", 0.0), ("batchSize", 0.0), ("embedding", 0.0),
                  ("snapshotEpochs", 99.0)])
func impossibleSettingsAreReportedByName(_ setting: String, _ value: Double) throws {
    var c = TrainingConfiguration()
    switch setting {
    case "epochs": c.epochs = Int(value)
    case "learningRate": c.learningRate = value
    case "beta1": c.beta1 = value
    case "epsilon": c.epsilon = value
    case "batchSize": c.batchSize = Int(value)
    case "embedding": c.embedding = Int(value)
    default: c.snapshotEpochs = [Int(value)]
    }
    #expect { try Trainer.train(corpus: smallCorpus, configuration: c) } throws: { error in
        (error as? EngineError)?.parameter == setting
    }
}
