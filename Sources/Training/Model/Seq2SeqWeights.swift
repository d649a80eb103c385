import AttentionEngine
import Foundation

// Every parameter of the tiny Bahdanau encoder–decoder (Bahdanau, Cho & Bengio 2014, §3 and
// appendix A), in one value type. Shapes, with m the embedding size, H the encoder's hidden size
// per direction, n the decoder's, d_a the attention size, V_x and V_y the vocabularies:
//
//   E_x  V_x × m          source embeddings (row = word id)
//   E_y  V_y × m          target embeddings, fed back as y_t (teacher forcing / greedy)
//   →GRU input m, hidden H        forward encoder  →h_i
//   ←GRU input m, hidden H        backward encoder ←h_i; annotations h_i = [→h_i; ←h_i] (2H)
//   W_s  n × H, b_s 1 × n  initial state s₀ = tanh(W_s ←h₁ + b_s)   (appendix A.2.2)
//   W_a  d_a × n, U_a d_a × 2H, v_a 1 × d_a   e_{t,i} = v_aᵀ tanh(W_a s_{t−1} + U_a h_i)   (eq. 6)
//   GRU  input m + 2H ([y_t; a_t]), hidden n   s_t = GRU(s_{t−1}, [y_t; a_t])   (eq. 4)
//   W_o  V_y × (n + 2H), b_o 1 × V_y   logits = W_o [s_t; a_t] + b_o, then softmax
//
// The readout is simpler than the paper's (a maxout layer over s, y and c, A.2.2): one linear map
// of [s_t; a_t] (the state and the context the state was built from), which is enough for the toy
// corpus and keeps every number of a step on one page.

/// The model's parameters, generic so the same layout holds matrices (`Seq2SeqParameters`),
/// tape variables, or gradients.
public struct Seq2SeqWeights<Element> {
    /// E_x, V_x × m.
    public var sourceEmbedding: Element
    /// E_y, V_y × m.
    public var targetEmbedding: Element
    /// The forward encoder GRU (→h).
    public var encoderForward: GRUWeights<Element>
    /// The backward encoder GRU (←h).
    public var encoderBackward: GRUWeights<Element>
    /// W_s (n × H) and b_s (1 × n) of the initial state.
    public var initialW: Element, initialB: Element
    /// W_a (d_a × n, on the state), U_a (d_a × 2H, on the annotations), v_a (1 × d_a).
    public var attentionW: Element, attentionU: Element, attentionV: Element
    /// The decoder GRU, input [y_t; a_t].
    public var decoder: GRUWeights<Element>
    /// W_o (V_y × (n + 2H)) and b_o (1 × V_y) of the readout.
    public var outputW: Element, outputB: Element

    /// Every tensor in a fixed order (the order of `names`, the initialisation stream and exports).
    public var list: [Element] {
        [sourceEmbedding, targetEmbedding] + encoderForward.list + encoderBackward.list
            + [initialW, initialB, attentionW, attentionU, attentionV] + decoder.list + [outputW, outputB]
    }

    /// The inverse of `list`.
    public init(list: [Element]) {
        precondition(list.count == Self.names.count, "the model has \(Self.names.count) tensors")
        sourceEmbedding = list[0]; targetEmbedding = list[1]
        encoderForward = GRUWeights(list: list[2..<11]); encoderBackward = GRUWeights(list: list[11..<20])
        initialW = list[20]; initialB = list[21]
        attentionW = list[22]; attentionU = list[23]; attentionV = list[24]
        decoder = GRUWeights(list: list[25..<34])
        outputW = list[34]; outputB = list[35]
    }

    /// The names of `list`, as the lessons write them.
    public static var names: [String] {
        ["E_x", "E_y"] + GRUWeights<Element>.names.map { "enc→." + $0 } + GRUWeights<Element>.names.map { "enc←." + $0 }
            + ["W_s", "b_s", "W_a", "U_a", "v_a"] + GRUWeights<Element>.names.map { "dec." + $0 } + ["W_o", "b_o"]
    }

    /// Applies `f` to every tensor, keeping the layout.
    public func map<U>(_ f: (String, Element) throws -> U) rethrows -> Seq2SeqWeights<U> {
        Seq2SeqWeights<U>(list: try zip(Self.names, list).map { try f($0.0, $0.1) })
    }
}

extension Seq2SeqWeights: Equatable where Element: Equatable {}
extension Seq2SeqWeights: Sendable where Element: Sendable {}

/// The model's weights as matrices: a plain value, Equatable and Codable.
public typealias Seq2SeqParameters = Seq2SeqWeights<Matrix>

/// The sizes of the model.
public struct Seq2SeqSizes: Equatable, Sendable, Codable {
    /// Source and target vocabulary sizes V_x, V_y.
    public var sourceVocabulary: Int, targetVocabulary: Int
    /// Embedding size m.
    public var embedding: Int
    /// Encoder hidden size per direction H (annotations are 2H wide).
    public var encoderHidden: Int
    /// Decoder hidden size n.
    public var decoderHidden: Int
    /// Attention size d_a.
    public var attention: Int

    public init(sourceVocabulary: Int, targetVocabulary: Int, embedding: Int, encoderHidden: Int, decoderHidden: Int, attention: Int) {
        self.sourceVocabulary = sourceVocabulary; self.targetVocabulary = targetVocabulary; self.embedding = embedding
        self.encoderHidden = encoderHidden; self.decoderHidden = decoderHidden; self.attention = attention
    }

    /// Every tensor's shape (rows, cols), in `Seq2SeqWeights.list` order.
    public var shapes: [(Int, Int)] {
        let m = embedding, H = encoderHidden, n = decoderHidden
        func gru(_ input: Int, _ hidden: Int) -> [(Int, Int)] {
            Array([(hidden, input), (hidden, hidden), (1, hidden)].repeated(3))
        }
        return [(sourceVocabulary, m), (targetVocabulary, m)] + gru(m, H) + gru(m, H)
            + [(n, H), (1, n), (attention, n), (attention, 2 * H), (1, attention)] + gru(m + 2 * H, n)
            + [(targetVocabulary, n + 2 * H), (1, targetVocabulary)]
    }
}

extension Array {
    /// The array's elements `times` times over.
    fileprivate func repeated(_ times: Int) -> [Element] { (0..<times).flatMap { _ in self } }
}

extension Seq2SeqWeights where Element == Matrix {
    /// Seeded initial weights, drawn in `list` order from one `SeededRandom(seed:)` stream, row by
    /// row: every weight matrix uniform in [−1/√fan_in, 1/√fan_in) (fan_in = its column count;
    /// Glorot & Bengio 2010 give the reason for the scale), embeddings uniform in [−1, 1), biases 0.
    public static func initial(_ sizes: Seq2SeqSizes, seed: UInt64) -> Seq2SeqParameters {
        var rng = SeededRandom(seed: seed)
        let names = Self.names
        let tensors = zip(names, sizes.shapes).map { name, shape -> Matrix in
            let (r, c) = shape
            if r == 1 && name != "v_a" { return Matrix(rows: r, cols: c) }          // a bias
            let k = name.hasPrefix("E_") ? 1.0 : 1 / Double(c).squareRoot()
            var values = [Double](repeating: 0, count: r * c)
            for i in 0..<values.count { values[i] = k * (2 * rng.uniform() - 1) }
            return Matrix(rows: r, cols: c, storage: values)
        }
        return Seq2SeqParameters(list: tensors)
    }

    /// A 64-bit FNV-1a hash of every entry's bit pattern, in `list` order: equal weights give
    /// equal fingerprints, so two builds or machines can compare a training run in one line.
    public var fingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for m in list {
            for x in m.storage {
                var bits = x.bitPattern
                for _ in 0..<8 { hash = (hash ^ (bits & 0xFF)) &* 0x0000_0100_0000_01B3; bits >>= 8 }
            }
        }
        return hash
    }

    /// How many numbers the model learns.
    public var parameterCount: Int { list.reduce(0) { $0 + $1.storage.count } }
}

extension Seq2SeqWeights: Codable where Element == Matrix {
    /// `{rows, cols, values}`; the values packed when the encoder asks (`PackedNumbers`).
    private struct Tensor: Codable {
        var rows: Int
        var cols: Int
        var values: [Double]

        init(rows: Int, cols: Int, values: [Double]) {
            self.rows = rows
            self.cols = cols
            self.values = values
        }

        private enum CodingKeys: String, CodingKey { case rows, cols, values }

        init(from decoder: any Swift.Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rows = try c.decode(Int.self, forKey: .rows)
            cols = try c.decode(Int.self, forKey: .cols)
            values = try PackedNumbers.decode(c, forKey: .values)
        }

        func encode(to encoder: any Swift.Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rows, forKey: .rows)
            try c.encode(cols, forKey: .cols)
            try PackedNumbers.encode(values, into: &c, forKey: .values, encoder: encoder)
        }
    }
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes every tensor under its name as `{rows, cols, values}` (row-major).
    public func encode(to encoder: any Swift.Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, m) in zip(Self.names, list) {
            try container.encode(Tensor(rows: m.rows, cols: m.cols, values: m.storage), forKey: Key(stringValue: name))
        }
    }

    /// Decodes what `encode(to:)` wrote.
    public init(from decoder: any Swift.Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let tensors = try Self.names.map { name -> Matrix in
            let t = try container.decode(Tensor.self, forKey: Key(stringValue: name))
            return try Matrix(rows: t.rows, cols: t.cols, checking: t.values)
        }
        self.init(list: tensors)
    }
}
