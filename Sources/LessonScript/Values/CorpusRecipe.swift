import Training

/// How `toyCorpus(…)` drew its corpus: enough to draw it again, bit for bit (`ToyCorpus` is
/// deterministic from these three numbers), so a record can carry it as plain data.
public struct CorpusRecipe: Equatable, Sendable, Codable, Hashable {
    /// Distinct sentence pairs in all.
    public var size: Int
    /// How many of them form the held-out split.
    public var heldOut: Int
    /// The sampler's seed.
    public var seed: UInt64

    public init(size: Int, heldOut: Int, seed: UInt64) {
        self.size = size
        self.heldOut = heldOut
        self.seed = seed
    }

    /// The corpus itself.
    /// - Throws: `EngineError` when the sizes are impossible.
    public func draw() throws -> ToyCorpus { try ToyCorpus(size: size, heldOut: heldOut, seed: seed) }
}
