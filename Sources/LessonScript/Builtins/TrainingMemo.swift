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

    /// One training: its corpus, its configuration with every epoch kept, the run.
    private struct Entry {
        var corpus: CorpusRecipe
        var configuration: TrainingConfiguration
        var run: TrainingRun
    }

    private let lock = NSLock()
    /// Oldest first; beyond `capacity` the oldest is dropped, so a process that trains many
    /// configurations (a fuzzer) does not keep them all (each holds every epoch's weights). A short
    /// list compared with `==` rather than a dictionary: the configuration is compared whole, and
    /// nothing is hashed into bytes that LeakSanitizer cannot follow.
    private var entries: [Entry] = []
    private let capacity = 4

    /// The run for `corpus` and `configuration`, trained now unless this process already has it
    /// (with any snapshots).
    /// - Throws: `EngineError` from the trainer.
    func run(_ corpus: CorpusRecipe, _ configuration: TrainingConfiguration) throws -> TrainingRun {
        // Snapshots do not change the training, so the stored run keeps every epoch and each
        // caller gets the snapshots it asked for.
        var general = configuration
        general.snapshotEpochs = Array(0...max(configuration.epochs, 0))
        guard configuration.epochs >= 0, configuration.snapshotEpochs.allSatisfy({ $0 >= 0 && $0 <= configuration.epochs }) else {
            return try Trainer.train(corpus: corpus.draw(), configuration: configuration)   // reports the bad epoch
        }
        lock.lock()
        defer { lock.unlock() }
        let full: TrainingRun
        if let entry = entries.first(where: { $0.corpus == corpus && $0.configuration == general }) {
            full = entry.run
        } else {
            full = try Trainer.train(corpus: corpus.draw(), configuration: general)
            entries.append(Entry(corpus: corpus, configuration: general, run: full))
            if entries.count > capacity { entries.removeFirst() }
        }
        var run = full
        run.configuration = configuration
        run.snapshots = configuration.snapshotEpochs.map { full.snapshots[$0] }
        return run
    }
}
