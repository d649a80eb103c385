import AttentionEngine

// A toy parallel corpus whose word order differs between the two languages, so that a trained
// alignment has to cross (the picture of Bahdanau et al. 2014, fig. 3). The rule set, written
// out so a lesson can state it:
//
//   source (Chinese-like):  SUBJECT [TIME] [在 PLACE] VERB [MODIFIER] NOUN
//   target (English-like):  SUBJECT VERB [MODIFIER] NOUN [at PLACE] [TIME]
//
// Time and place come before the verb in the source and after the object in the target; every
// source word has exactly one target word (the lexicon below), so every target word has one
// source word it should attend to. The object is a noun with an optional modifier, in the same
// order in both languages (机器 学习 → machine learning); any modifier goes with any noun, so the
// noun after "machine" cannot be guessed from "machine" and the decoder has to look at the source
// for it (with a fixed phrase it could predict the second word from the first and the attention
// at that step would learn nothing). 我 爱 机器 学习 → I love machine learning is always in the
// training split.
//
// Sampling (deterministic from the seed, SplitMix64 via `SeededRandom`): sentence k draws, in
// this order, a subject, a verb, a modifier (or none), a noun, a time (or none) and a place (or
// none), each uniformly with `next() % count`, skipping a combination already drawn, until `size`
// distinct sentences exist. The first `heldOut` sentences drawn form the held-out split; the rest,
// after 我 爱 机器 学习, form the training split, so the splits share no sentence.

/// A toy Chinese-like → English-like parallel corpus with a documented reordering rule.
public struct ToyCorpus: Equatable, Sendable {
    /// One source sentence and its translation, as words.
    public struct Pair: Equatable, Sendable, Hashable {
        public var source: [String]
        public var target: [String]
        public init(source: [String], target: [String]) { self.source = source; self.target = target }
    }

    /// The training split (我 爱 机器 学习 first).
    public var training: [Pair]
    /// The held-out split: no sentence of it occurs in `training`.
    public var heldOut: [Pair]
    /// The source words, in lexicon order.
    public var sourceVocabulary: Vocabulary
    /// The target words after the two markers `<eos>` (id 0) and `<bos>` (id 1).
    public var targetVocabulary: Vocabulary

    /// The lexicon: (source words, target words) for each category, in the order above.
    public static let subjects: [([String], [String])] = [(["我"], ["I"]), (["你"], ["you"]), (["我们"], ["we"]), (["他们"], ["they"])]
    public static let verbs: [([String], [String])] = [(["爱"], ["love"]), (["喜欢"], ["like"]), (["需要"], ["need"]),
                                                       (["讨厌"], ["hate"]), (["学"], ["study"])]
    public static let modifiers: [([String], [String])] = [(["机器"], ["machine"]), (["中国"], ["Chinese"]), (["古典"], ["classical"])]
    public static let nouns: [([String], [String])] = [(["学习"], ["learning"]), (["音乐"], ["music"]), (["历史"], ["history"]),
                                                       (["菜"], ["food"]), (["咖啡"], ["coffee"]), (["数学"], ["math"]), (["书"], ["books"])]
    public static let times: [([String], [String])] = [(["今天"], ["today"]), (["现在"], ["now"]), (["晚上"], ["tonight"])]
    public static let places: [([String], [String])] = [(["在", "家"], ["at", "home"]), (["在", "学校"], ["at", "school"]),
                                                        (["在", "公司"], ["at", "work"])]

    /// Every category's entries, in the order above.
    public static var lexicon: [([String], [String])] { subjects + verbs + modifiers + nouns + times + places }

    /// The sentence every lesson starts from.
    public static let anchor = Pair(source: ["我", "爱", "机器", "学习"], target: ["I", "love", "machine", "learning"])

    /// Draws the corpus.
    /// - Parameters:
    ///   - size: distinct sentence pairs in all (at most the 8960 the rules allow).
    ///   - heldOut: how many of them form the held-out split.
    ///   - seed: the sampler's seed.
    /// - Throws: `EngineError` when the sizes are impossible.
    public init(size: Int = 400, heldOut heldOutCount: Int = 80, seed: UInt64 = 2014) throws {
        let possible = Self.subjects.count * Self.verbs.count * (Self.modifiers.count + 1) * Self.nouns.count
            * (Self.times.count + 1) * (Self.places.count + 1)
        guard size >= 2, size <= possible, heldOutCount >= 1, heldOutCount < size else {
            throw EngineError("a corpus needs 2 ≤ size ≤ \(possible) and 1 ≤ heldOut < size: size is \(size), heldOut \(heldOutCount)")
        }
        var rng = SeededRandom(seed: seed)
        var seen: Set<Pair> = [Self.anchor]
        var drawn: [Pair] = []
        while drawn.count < size - 1 {
            func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
            let s = Self.subjects[pick(Self.subjects.count)], v = Self.verbs[pick(Self.verbs.count)]
            let m = pick(Self.modifiers.count + 1), n = Self.nouns[pick(Self.nouns.count)]
            let o = m == 0 ? n : (Self.modifiers[m - 1].0 + n.0, Self.modifiers[m - 1].1 + n.1)
            let t = pick(Self.times.count + 1), p = pick(Self.places.count + 1)
            let time = t == 0 ? nil : Self.times[t - 1], place = p == 0 ? nil : Self.places[p - 1]
            let pair = Self.sentence(subject: s, verb: v, object: o, time: time, place: place)
            if seen.insert(pair).inserted { drawn.append(pair) }
        }
        heldOut = Array(drawn.prefix(heldOutCount))
        training = [Self.anchor] + drawn.dropFirst(heldOutCount)
        let lexicon = Self.lexicon
        sourceVocabulary = Vocabulary(lexicon.flatMap(\.0))
        targetVocabulary = Vocabulary(["<eos>", "<bos>"] + lexicon.flatMap(\.1))
    }

    /// Applies the reordering rule to one choice of words.
    public static func sentence(subject: ([String], [String]), verb: ([String], [String]), object: ([String], [String]),
                                time: ([String], [String])?, place: ([String], [String])?) -> Pair {
        let source = subject.0 + (time?.0 ?? []) + (place?.0 ?? []) + verb.0 + object.0
        let target = subject.1 + verb.1 + object.1 + (place?.1 ?? []) + (time?.1 ?? [])
        return Pair(source: source, target: target)
    }

    /// For each target word of `pair`, the position of the source word it translates (the
    /// alignment the rule implies; a trained model's attention should find it).
    public static func referenceAlignment(_ pair: Pair) -> [Int] {
        var dictionary: [String: String] = [:]
        for (s, t) in Self.lexicon { for (a, b) in zip(s, t) { dictionary[a] = b } }
        var used = Set<Int>()
        return pair.target.map { word in
            let i = pair.source.indices.first { !used.contains($0) && dictionary[pair.source[$0]] == word } ?? -1
            used.insert(i)
            return i
        }
    }
}
