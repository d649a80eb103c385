import Foundation
import Training

/// Trainings already run in this process, by corpus and configuration.
///
/// Several lessons show the same trained model (lessons 1, 2, 4 and 9 all train the lesson's
/// default run). Training is deterministic — the same corpus and configuration give bit-identical
/// weights (`TrainingTests`) — so the second lesson may reuse the first's result instead of
/// training again; a cold site build then trains once. The lock is held while training, so two
/// lessons built at once wait for one training rather than running two. The per-cell cache
/// (`CellCache`) covers warm builds; this covers the cold one.
final class TrainingMemo: @unchecked Sendable {
    static let shared = TrainingMemo()

    private struct Key: Hashable {
        var corpus: CorpusRecipe
        var configuration: Data
    }

    private let lock = NSLock()
    private var runs: [Key: TrainingRun] = [:]
    /// Keys from oldest to newest: beyond `capacity` runs the oldest is dropped, so a process that
    /// trains many configurations (a fuzzer) does not keep every one (each holds every epoch's weights).
    private var order: [Key] = []
    private let capacity = 4

    /// The run for `corpus` and `configuration`, trained now unless this process already has it
    /// (with any snapshots).
    /// - Throws: `EngineError` from the trainer.
    func run(_ corpus: CorpusRecipe, _ configuration: TrainingConfiguration) throws -> TrainingRun {
        // Snapshots do not change the training, so the key leaves them out and the stored run keeps
        // every epoch; each caller gets the snapshots it asked for.
        var general = configuration
        general.snapshotEpochs = Array(0...max(configuration.epochs, 0))
        guard configuration.epochs >= 0, configuration.snapshotEpochs.allSatisfy({ $0 >= 0 && $0 <= configuration.epochs }) else {
            return try Trainer.train(corpus: corpus.draw(), configuration: configuration)   // reports the bad epoch
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let key = Key(corpus: corpus, configuration: try encoder.encode(general))
        lock.lock()
        defer { lock.unlock() }
        let full: TrainingRun
        if let run = runs[key] {
            full = run
        } else {
            full = try Trainer.train(corpus: corpus.draw(), configuration: general)
            runs[key] = full
            order.append(key)
            if order.count > capacity { runs[order.removeFirst()] = nil }
        }
        var run = full
        run.configuration = configuration
        run.snapshots = configuration.snapshotEpochs.map { full.snapshots[$0] }
        return run
    }
}
