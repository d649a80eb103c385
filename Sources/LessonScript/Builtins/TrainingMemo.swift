import Foundation
import Training

/// Trainings already run (or running) in this process, by corpus and configuration.
///
/// Several lessons show the same trained model (lessons 1, 2, 4 and 9 all train the lesson's
/// default run). Training is deterministic — the same corpus and configuration give bit-identical
/// weights, and keeping snapshots does not change it (`TrainingTests`) — so the second lesson may
/// reuse the first's result instead of training again; a cold site build then trains once. A
/// lesson that asks for a training another thread is running waits for that one rather than
/// running a second; different trainings run at once (lesson 9's seed-2 model beside the default
/// one, `TrainingForecast`). The per-cell cache (`CellCache`) covers warm builds; this covers
/// the cold one.
final class TrainingMemo: @unchecked Sendable {
    static let shared = TrainingMemo()

    /// One training: its corpus, its configuration with every epoch kept, and the run once it is done.
    private final class Entry {
        let corpus: CorpusRecipe
        let configuration: TrainingConfiguration
        /// `nil` while the training runs.
        var run: TrainingRun?

        init(corpus: CorpusRecipe, configuration: TrainingConfiguration) {
            self.corpus = corpus
            self.configuration = configuration
        }
    }

    /// Guards `entries` and every entry's `run`; waiters sleep on it until a training ends.
    private let condition = NSCondition()
    /// Oldest first; beyond `capacity` the oldest finished one is dropped, so a process that
    /// trains many configurations (a fuzzer) does not keep them all (each holds every epoch's
    /// weights). A short list compared with `==` rather than a dictionary: the configuration is
    /// compared whole, and nothing is hashed into bytes that LeakSanitizer cannot follow.
    private var entries: [Entry] = []
    private let capacity = 4

    /// Set while a `TrainingForecast` runs a lesson's statements ahead of the lesson.
    @TaskLocal static var forecasting = false

    /// The run for `corpus` and `configuration`, trained now unless this process already has it
    /// (with any snapshots) or is training it (then it waits for that training).
    /// - Parameter ahead: for a forecast: `nil` at once when the training is done or running
    ///   elsewhere, since someone already has it in hand.
    /// - Throws: `EngineError` from the trainer.
    func run(_ corpus: CorpusRecipe, _ configuration: TrainingConfiguration, ahead: Bool = false) throws -> TrainingRun? {
        // Snapshots do not change the training, so the stored run keeps every epoch and each
        // caller gets the snapshots it asked for.
        var general = configuration
        general.snapshotEpochs = Array(0...max(configuration.epochs, 0))
        guard configuration.epochs >= 0, configuration.snapshotEpochs.allSatisfy({ $0 >= 0 && $0 <= configuration.epochs }) else {
            return try Trainer.train(corpus: corpus.draw(), configuration: configuration)   // reports the bad epoch
        }
        condition.lock()
        var mine: Entry?
        while mine == nil {
            guard let entry = entries.first(where: { $0.corpus == corpus && $0.configuration == general }) else {
                mine = Entry(corpus: corpus, configuration: general)
                entries.append(mine!)
                break
            }
            if ahead { condition.unlock(); return nil }
            if let full = entry.run {
                condition.unlock()
                return Self.subset(full, configuration)
            }
            condition.wait()   // running on another thread; if it fails, the entry goes and this thread trains
        }
        condition.unlock()
        let full: TrainingRun
        do { full = try Trainer.train(corpus: corpus.draw(), configuration: general) } catch {
            condition.lock()
            entries.removeAll { $0 === mine }
            condition.broadcast()
            condition.unlock()
            throw error
        }
        condition.lock()
        mine!.run = full
        while entries.count > capacity, let oldest = entries.firstIndex(where: { $0.run != nil }) { entries.remove(at: oldest) }
        condition.broadcast()
        condition.unlock()
        return Self.subset(full, configuration)
    }

    /// `full` (every epoch kept) as a run of `configuration`: its snapshots only.
    private static func subset(_ full: TrainingRun, _ configuration: TrainingConfiguration) -> TrainingRun {
        var run = full
        run.configuration = configuration
        run.snapshots = configuration.snapshotEpochs.map { full.snapshots[$0] }
        return run
    }
}
