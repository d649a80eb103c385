import AttentionEngine

// The training loop: for every epoch, for every batch of the schedule, the teacher-forced loss
// and its gradient by back-propagation (`Tape`), then one Adam step (`Adam`). Everything runs on
// one thread in a fixed order, so the same configuration gives bit-identical weights every time.

/// The weights after a given epoch.
public struct TrainingSnapshot: Equatable, Sendable, Codable {
    /// Epochs completed (0 = the initial weights).
    public var epoch: Int
    /// Every tensor after that epoch.
    public var parameters: Seq2SeqParameters
}

/// Everything one training run produced: plain values, no closures, Codable so a build can cache it.
public struct TrainingRun: Equatable, Sendable, Codable {
    /// The settings it ran with.
    public var configuration: TrainingConfiguration
    /// The model's sizes and vocabularies.
    public var model: Seq2SeqModel
    /// The weights before the first update.
    public var initial: Seq2SeqParameters
    /// The weights after the last epoch.
    public var final: Seq2SeqParameters
    /// Per epoch, the mean cross-entropy per predicted word over the epoch's batches, each batch's
    /// loss taken before its update (weighted by its number of predictions).
    public var epochLosses: [Double]
    /// The weights at `configuration.snapshotEpochs`, in that order.
    public var snapshots: [TrainingSnapshot]
}

/// Trains the tiny Bahdanau model on a corpus.
public enum Trainer {
    /// The model the configuration describes, for `corpus`'s vocabularies.
    public static func model(for corpus: ToyCorpus, _ c: TrainingConfiguration) -> Seq2SeqModel {
        Seq2SeqModel(corpus: corpus, embedding: c.embedding, encoderHidden: c.encoderHidden,
                     decoderHidden: c.decoderHidden, attention: c.attention)
    }

    /// Trains from `Seq2SeqParameters.initial(…, seed: configuration.seed)` for `configuration.epochs` epochs.
    /// - Throws: `EngineError` for impossible sizes or settings.
    public static func train(corpus: ToyCorpus, configuration c: TrainingConfiguration) throws -> TrainingRun {
        for (name, value) in [("embedding", c.embedding), ("encoderHidden", c.encoderHidden), ("decoderHidden", c.decoderHidden),
                              ("attention", c.attention)] where value < 1 {
            throw EngineError("`\(name)` must be at least 1, found \(value)", parameter: name)
        }
        guard c.epochs >= 0 else { throw EngineError("`epochs` must be at least 0, found \(c.epochs)", parameter: "epochs") }
        guard c.learningRate > 0, c.learningRate.isFinite else {
            throw EngineError("`learningRate` must be positive, found \(c.learningRate)", parameter: "learningRate")
        }
        for (name, beta) in [("beta1", c.beta1), ("beta2", c.beta2)] where !(beta >= 0 && beta < 1) {
            throw EngineError("`\(name)` must be in [0, 1), found \(beta)", parameter: name)
        }
        guard c.epsilon > 0, c.epsilon.isFinite else {
            throw EngineError("`epsilon` must be positive, found \(c.epsilon)", parameter: "epsilon")
        }
        if let bad = c.snapshotEpochs.first(where: { $0 < 0 || $0 > c.epochs }) {
            throw EngineError("snapshot epoch \(bad) is outside 0…\(c.epochs)", parameter: "snapshotEpochs")
        }
        let model = model(for: corpus, c)
        let schedule = try TrainingSchedule(corpus: corpus, batchSize: c.batchSize, shuffleSeed: c.shuffleSeed)
        let initial = Seq2SeqParameters.initial(model.sizes, seed: c.seed)
        var tensors = initial.list
        var adam = Adam(learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2, epsilon: c.epsilon)
        var losses: [Double] = [], kept: [Int: Seq2SeqParameters] = [0: initial]
        for epoch in 1...max(c.epochs, 1) where c.epochs > 0 {
            var total = 0.0, count = 0
            for batch in schedule.batches(epoch: epoch) {
                let (loss, gradients) = try model.lossAndGradients(Seq2SeqParameters(list: tensors), batch: batch)
                total += loss * Double(batch.tokenCount); count += batch.tokenCount
                adam.update(&tensors, gradients: gradients.list)
            }
            losses.append(total / Double(count))
            if c.snapshotEpochs.contains(epoch) { kept[epoch] = Seq2SeqParameters(list: tensors) }
        }
        return TrainingRun(configuration: c, model: model, initial: initial, final: Seq2SeqParameters(list: tensors),
                           epochLosses: losses, snapshots: c.snapshotEpochs.map { TrainingSnapshot(epoch: $0, parameters: kept[$0]!) })
    }

    /// The share of `pairs` whose greedy translation equals the reference exactly.
    public static func accuracy(_ model: Seq2SeqModel, _ parameters: Seq2SeqParameters, on pairs: [ToyCorpus.Pair]) throws -> Double {
        guard !pairs.isEmpty else { return 0 }
        // All at once (`translateAll`): the same translations as one `translate` per pair.
        let translations = try model.translateAll(parameters, sources: pairs.map { try model.sourceVocabulary.encode($0.source) })
        let correct = zip(pairs, translations).filter { pair, ids in ids.map { model.targetVocabulary.words[$0] } == pair.target }.count
        return Double(correct) / Double(pairs.count)
    }
}
