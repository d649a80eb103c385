import Foundation
import Testing
import Training
@testable import LessonScript

// TrainingForecast reads a lesson's cells for the trainings they will ask for and runs them
// ahead; the lesson then gets the memo's run. Checked here: which statements it can follow, that
// the run a lesson gets after a forecast is the one `Trainer.train` gives directly (bit for bit),
// and that a forecast that fails leaves the error to the lesson's own run.

@Suite struct TrainingForecastTests {
    static func lesson(_ cells: [String]) -> TrainingForecast.LessonCells {
        var line = 1
        return TrainingForecast.LessonCells(file: "lessons/99-t.md", precision: 4, budget: .standard, cells: cells.map { source in
            defer { line += source.split(separator: "\n", omittingEmptySubsequences: false).count + 3 }
            return (source, line)
        })
    }

    static let setup = """
        let corpus = toyCorpus(seed: 7, size: 30, heldOut: 6)
        let model = seq2seq(corpus, embed: 3, hidden: 3, attention: 3, seed: 11)
        """

    @Test func findsEveryTrainingItCanFollow() {
        let cells = [
            Self.setup,
            "let run = train(model, corpus, epochs: 2, snapshots: [0, 1])\nshow run.loss",
            // `k` comes from arithmetic, which the forecast does not follow: this training is left to the lesson.
            "let k = 1 + 1\nlet other = train(seq2seq(corpus, seed: 2), corpus, epochs: k)",
            "let third = train(seq2seq(corpus, embed: 3, hidden: 3, attention: 3, seed: 3), corpus, epochs: 1)",
            // Does not parse: runs nothing, forecasts nothing.
            "let broken = train(model, corpus epochs: 2",
            // `model` rebound by something the forecast cannot follow: trainings of it are left alone.
            "let model = 3 * 4\nlet fourth = train(model, corpus, epochs: 1)",
        ]
        #expect(TrainingForecast([Self.lesson(cells)]).count == 2)
        #expect(TrainingForecast([Self.lesson([Self.setup])]).count == 0)
        #expect(TrainingForecast([Self.lesson(cells), Self.lesson(cells)]).count == 4)
    }

    @Test func theLessonGetsTheRunTrainingAloneGives() throws {
        let cells = [Self.setup, "let run = train(model, corpus, epochs: 2, snapshots: [0, 1], learningRate: 0.02)"]
        let forecast = TrainingForecast([Self.lesson(cells), Self.lesson(cells)])
        #expect(forecast.count == 2)
        // Two threads, one training: the second job finds it in hand and goes on.
        DispatchQueue.concurrentPerform(iterations: 2) { _ in forecast.runAll() }
        let session = Session(file: "lessons/99-t.md")
        for cell in cells { #expect(session.run(cell).diagnostics.isEmpty) }
        guard case .record(let record)? = session.value(of: "run"), case .training(let run, _)? = record.trace else {
            Issue.record("`run` is not a trained model")
            return
        }
        var c = TrainingConfiguration()
        c.embedding = 3; c.encoderHidden = 3; c.decoderHidden = 3; c.attention = 3; c.seed = 11
        c.epochs = 2; c.snapshotEpochs = [0, 1]; c.learningRate = 0.02
        let alone = try Trainer.train(corpus: CorpusRecipe(size: 30, heldOut: 6, seed: 7).draw(), configuration: c)
        #expect(run == alone)
        #expect(run.final.fingerprint == alone.final.fingerprint)
    }

    @Test func aForecastThatFailsLeavesTheErrorToTheLesson() {
        let cells = [Self.setup, "let big = train(model, corpus, epochs: 500)"]
        let forecast = TrainingForecast([Self.lesson(cells)])
        #expect(forecast.count == 1)
        forecast.runAll()
        let session = Session(file: "lessons/99-t.md")
        #expect(session.run(cells[0]).diagnostics.isEmpty)
        let result = session.run(cells[1], firstLine: 5)
        #expect(result.diagnostics.first?.location.line == 5, "\(result.diagnostics)")
    }

    @Test func aForecastSkipsATrainingAlreadyInHand() throws {
        var c = TrainingConfiguration()
        c.embedding = 2; c.encoderHidden = 2; c.decoderHidden = 2; c.attention = 2; c.seed = 12; c.epochs = 1
        let corpus = CorpusRecipe(size: 20, heldOut: 4, seed: 5)
        #expect(!TrainingMemo.forecasting)
        #expect(TrainingMemo.$forecasting.withValue(true) { TrainingMemo.forecasting })
        // Nobody has it: the forecast trains it. Then it is in hand: a forecast skips it, a lesson gets it.
        let first = try TrainingMemo.shared.run(corpus, c, ahead: true)
        #expect(first != nil)
        #expect(try TrainingMemo.shared.run(corpus, c, ahead: true) == nil)
        var withSnapshots = c
        withSnapshots.snapshotEpochs = [1]
        let later = try TrainingMemo.shared.run(corpus, withSnapshots)
        #expect(later?.final == first?.final && later?.snapshots.map(\.parameters) == [first!.final])
    }
}
