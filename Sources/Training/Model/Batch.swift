import AttentionEngine

/// Sentence pairs as word ids, all sources of one length and all targets of one length, so a
/// batch needs no padding (the corpus is bucketed by length, `TrainingSchedule`).
public struct Batch: Equatable, Sendable, Codable {
    /// B source sentences of S ids each.
    public var sources: [[Int]]
    /// B target sentences of T word ids each, without the `<bos>`/`<eos>` markers.
    public var targets: [[Int]]

    /// - Throws: `EngineError` when the batch is empty or lengths differ within it.
    public init(sources: [[Int]], targets: [[Int]]) throws {
        guard !sources.isEmpty, sources.count == targets.count else {
            throw EngineError("a batch needs as many targets as sources, and at least one: \(sources.count) and \(targets.count)")
        }
        guard let s = sources.first?.count, s > 0, sources.allSatisfy({ $0.count == s }),
              let t = targets.first?.count, targets.allSatisfy({ $0.count == t }) else {
            throw EngineError("a batch needs sources of one non-zero length and targets of one length")
        }
        self.sources = sources; self.targets = targets
    }

    /// Batch size B.
    public var count: Int { sources.count }
    /// Predictions the loss averages over: B · (T + 1), the `+ 1` for `<eos>`.
    public var tokenCount: Int { sources.count * (targets[0].count + 1) }
}
