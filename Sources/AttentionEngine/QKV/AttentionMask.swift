// Masks for attention over sequences (Vaswani et al. 2017 §3.2.3: the decoder's causal mask).
//
// A mask is a (queries × keys) table of "may attend" booleans — torch SDPA's and Keras's meaning
// (torch `nn.MultiheadAttention`'s `attn_mask`/`key_padding_mask` use the opposite). Masked weights
// are exactly 0. A row that allows nothing is an error (CURRICULUM §B), raised by `Softmax`.

/// Builders for "may attend" masks, one row per query and one column per key.
public enum AttentionMask {
    /// The causal mask: query `i` may attend to keys `0…i` (lower triangle, diagonal included).
    public static func causal(_ n: Int) -> [[Bool]] {
        (0..<n).map { i in (0..<n).map { j in j <= i } }
    }

    /// A padding mask: every query may attend to the first `validKeys` keys and none of the padding after them.
    /// - Throws: `EngineError` (parameter `validKeys`) when it is outside `1…keys`.
    public static func padding(queries: Int, keys: Int, validKeys: Int) throws -> [[Bool]] {
        guard validKeys >= 1, validKeys <= keys else {
            throw EngineError("validKeys must be between 1 and the number of keys (\(keys)), found \(Entrywise.show(validKeys))",
                              parameter: "validKeys")
        }
        return Array(repeating: (0..<keys).map { $0 < validKeys }, count: queries)
    }

    /// A padding mask from one "is a real token" flag per key (e.g. `false` at `<pad>`), repeated for every query.
    public static func padding(queries: Int, keyIsReal: [Bool]) -> [[Bool]] {
        Array(repeating: keyIsReal, count: queries)
    }

    /// Both masks at once: a key may be attended to only where both allow it.
    /// - Throws: `EngineError` naming both shapes when they differ.
    public static func combine(_ a: [[Bool]], _ b: [[Bool]]) throws -> [[Bool]] {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else {
            throw EngineError.shape("combining masks", shape(a), shape(b), "masks of the same shape", parameter: "mask")
        }
        return zip(a, b).map { zip($0, $1).map { $0 && $1 } }
    }

    /// Checks a mask against an (n × m) score table.
    static func check(_ mask: [[Bool]]?, queries: Int, keys: Int) throws {
        guard let mask else { return }
        guard mask.count == queries, mask.allSatisfy({ $0.count == keys }) else {
            throw EngineError.shape("the mask", shape(mask), .matrix(queries, keys),
                                    "one row per query and one column per key (queries × keys)", parameter: "mask")
        }
    }

    static func shape(_ m: [[Bool]]) -> Shape { .matrix(m.count, m.first?.count ?? 0) }
}
