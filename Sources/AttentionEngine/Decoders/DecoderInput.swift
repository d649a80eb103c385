// The decoder input y'_t = [y_t; a_t]: the target embedding stacked on the context (the article's
// order, and Bahdanau et al. 2014, eq. (4), where the context c_i enters the RNN beside y_{i−1}).
// Sources stack in different orders (CURRICULUM §B): Luong writes [c_t; h_t], d2l and the
// TensorFlow tutorial [context; embedding]; so every concatenation here keeps its named blocks.

/// A named part of a concatenated vector, e.g. `y₂` inside `[y₂; a₂]`.
public struct VectorBlock: Equatable, Sendable, Codable {
    /// The block's name as lessons write it, e.g. "y₂" or "a₂".
    public var name: String
    /// Its entries.
    public var value: Vector

    public init(name: String, value: Vector) { self.name = name; self.value = value }
}

/// A concatenation `[b₀; b₁; …]` that remembers its blocks, e.g. the decoder input `[y_t; a_t]`.
public struct DecoderInput: Equatable, Sendable, Codable {
    /// The blocks, top to bottom.
    public var blocks: [VectorBlock]
    /// The stacked vector; entry labels say which block each came from (`y₂[0]`, `a₂[1]`, …).
    public var vector: Vector

    /// Stacks the blocks top to bottom.
    public init(blocks: [VectorBlock]) {
        self.blocks = blocks
        var values: [Double] = [], labels: [String] = []
        for block in blocks {
            values += block.value.values
            labels += (0..<block.value.count).map { "\(block.name)[\($0)]" }
        }
        vector = Vector(values, labels: labels)
    }

    /// `y'_t = [y_t; a_t]`, the article's decoder input; names carry the step t when given.
    public init(y: Vector, a: Vector, t: Int? = nil) {
        let sub = t.map(Notation.sub) ?? ""
        self.init(blocks: [VectorBlock(name: "y" + sub, value: y), VectorBlock(name: "a" + sub, value: a)])
    }

    /// How the input was assembled: `y'₂ = [y₂; a₂] = [0.1, 0.2 | 0.3, 0.4]`.
    public func explain(name: String = "x") -> WorkedArithmetic {
        let symbolic = "[" + blocks.map(\.name).joined(separator: "; ") + "]"
        let entries = blocks.map { block in
            ArithmeticText.joined(block.value.values.map { ArithmeticText.number($0) }, separator: ", ")
        }
        let substituted: ArithmeticText = "[\(ArithmeticText.joined(entries, separator: " | "))]"
        let sizes = blocks.map { "\($0.value.count)" }.joined(separator: " + ")
        return WorkedArithmetic(title: ArithmeticText("\(name) = \(symbolic), \(sizes) = \(vector.count) entries"),
                                lines: [.init(lhs: ArithmeticText(name), symbolic: ArithmeticText(symbolic), substituted: substituted,
                                              result: Notation.vector(vector.values))])
    }
}
