import Foundation
import Training

let corpus = try ToyCorpus()
var config = TrainingConfiguration()
if let e = ProcessInfo.processInfo.environment["EPOCHS"].flatMap(Int.init) { config.epochs = e }
let clock = ContinuousClock()
var run: TrainingRun!
let t = clock.measure { run = try! Trainer.train(corpus: corpus, configuration: config) }
print("time", t)
print(run.epochLosses.map { String(format: "%.4f", $0) }.joined(separator: " "))
print("heldout", try Trainer.accuracy(run.model, run.final, on: corpus.heldOut), "train", try Trainer.accuracy(run.model, run.final, on: corpus.training))
print(try run.model.translate(run.final, ToyCorpus.anchor.source))
for pair in [ToyCorpus.anchor] + corpus.heldOut.filter({ $0.source.count == 7 }).prefix(2) {
    let tr = try run.model.trace(run.final, source: pair.source)
    print(pair.source, tr.output, ToyCorpus.referenceAlignment(pair))
    for t in 0..<tr.run.alignment.rows { print(tr.output[t], tr.run.alignment.row(t).values.map { String(format: "%.2f", $0) }.joined(separator: " ")) }
}
