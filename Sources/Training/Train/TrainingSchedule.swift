import AttentionEngine

// Which sentences go into which batch, epoch by epoch, deterministic from a seed so two runs (and
// the PyTorch twin, which reads the exported schedule) see the same batches in the same order.
// Epoch k: shuffle the training pairs (Fisher–Yates with `SeededRandom(seed: shuffleSeed + k)`,
// swapping i with `next() % (i + 1)` for i from the last down to 1); bucket them by (source length,
// target length), keeping the shuffled order inside a bucket; cut each bucket, shortest lengths
// first, into batches of at most `batchSize`; shuffle the batches with the same generator.

/// The batches of every epoch.
public struct TrainingSchedule: Equatable, Sendable {
    /// The training split as ids: sources and their targets, in corpus order.
    public private(set) var sources: [[Int]], targets: [[Int]]
    /// Sentences per batch at most, and the shuffle's base seed (epoch k uses shuffleSeed + k).
    public var batchSize: Int, shuffleSeed: UInt64

    /// - Throws: `EngineError` for an unknown word, an empty split or a batch size below 1.
    public init(corpus: ToyCorpus, batchSize: Int, shuffleSeed: UInt64) throws {
        guard batchSize >= 1 else { throw EngineError("the batch size must be at least 1, found \(batchSize)", parameter: "batchSize") }
        guard !corpus.training.isEmpty else { throw EngineError("the training split is empty") }
        sources = try corpus.training.map { try corpus.sourceVocabulary.encode($0.source) }
        targets = try corpus.training.map { try corpus.targetVocabulary.encode($0.target) }
        self.batchSize = batchSize; self.shuffleSeed = shuffleSeed
    }

    /// The batches of epoch `epoch` (1-based), in training order.
    public func batches(epoch: Int) -> [Batch] {
        var rng = SeededRandom(seed: shuffleSeed &+ UInt64(epoch))
        func shuffle<T>(_ a: inout [T]) {
            guard a.count > 1 else { return }
            for i in stride(from: a.count - 1, through: 1, by: -1) { a.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        }
        var order = Array(sources.indices)
        shuffle(&order)
        var buckets: [[Int]: [Int]] = [:]
        for k in order { buckets[[sources[k].count, targets[k].count], default: []].append(k) }
        var batches: [Batch] = []
        for key in buckets.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let members = buckets[key]!
            for start in stride(from: 0, to: members.count, by: batchSize) {
                let chunk = members[start..<min(start + batchSize, members.count)]
                batches.append(try! Batch(sources: chunk.map { sources[$0] }, targets: chunk.map { targets[$0] }))
            }
        }
        shuffle(&batches)
        return batches
    }
}
