import AttentionEngine

/// Words numbered in a fixed order: id `k` is `words[k]`. Encodes as its list of words.
public struct Vocabulary: Equatable, Sendable, Codable {
    /// The words, by id.
    public let words: [String]
    private let ids: [String: Int]

    /// Numbers `words` in order, keeping the first occurrence of a repeated word.
    public init(_ words: [String]) {
        var unique: [String] = [], ids: [String: Int] = [:]
        for w in words where ids[w] == nil { ids[w] = unique.count; unique.append(w) }
        self.words = unique; self.ids = ids
    }

    public var count: Int { words.count }

    public init(from decoder: any Swift.Decoder) throws { self.init(try [String](from: decoder)) }

    public func encode(to encoder: any Swift.Encoder) throws { try words.encode(to: encoder) }

    /// The id of `word`, or `nil`.
    public func id(_ word: String) -> Int? { ids[word] }

    /// The ids of `sentence`.
    /// - Throws: `EngineError` naming the first unknown word.
    public func encode(_ sentence: [String]) throws -> [Int] {
        try sentence.map { w in
            guard let i = ids[w] else { throw EngineError("`\(w)` is not in the vocabulary (\(words.count) words)") }
            return i
        }
    }
}
