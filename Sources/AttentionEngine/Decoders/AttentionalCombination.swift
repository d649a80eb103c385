import Foundation

// Combining context and state after the RNN: Luong et al. 2015, eq. (5), the attentional hidden
// state h̃_t = tanh(W_c[c_t; h_t]); the same form places a fixed context after the RNN (lesson 8 (c)).

/// `tanh(W_c [blocks])` with its trace.
public struct AttentionalCombination: Equatable, Sendable, Codable {
    /// W_c, d_o × (sum of the block sizes).
    public var Wc: Matrix
    /// The stacked input, e.g. `[a_t; s_t]`.
    public var input: DecoderInput
    /// `W_c [ … ]` before tanh.
    public var preactivation: Vector
    /// `tanh(W_c [ … ])`.
    public var output: Vector

    /// Computes `tanh(W_c [blocks])`.
    /// - Throws: `EngineError` naming W_c's shape and the blocks' sizes when they disagree.
    public init(Wc: Matrix, blocks: [VectorBlock]) throws {
        let input = DecoderInput(blocks: blocks)
        guard Wc.cols == input.vector.count, Wc.rows > 0 else {
            let sizes = blocks.map { "\($0.name) has \($0.value.count)" }.joined(separator: ", ")
            throw EngineError("`Wc` must be d_o×\(input.vector.count) to multiply [\(blocks.map(\.name).joined(separator: "; "))]: "
                              + "Wc is \(Wc.shape), \(sizes)", parameter: "Wc")
        }
        self.Wc = Wc
        self.input = input
        // (d_o, d_c + d_s) @ (d_c + d_s) -> (d_o)
        let pre = Matrix.multiplyVector(Wc.storage, Wc.rows, Wc.cols, input.vector.values)
        preactivation = Vector(pre)
        output = Vector(pre.map { Foundation.tanh($0) })
    }

    /// `h̃ = tanh(W_c[a; s]) = tanh([…]) = […]`.
    public func explain(name: String = "h̃") -> WorkedArithmetic {
        let stacked = "[" + input.blocks.map(\.name).joined(separator: "; ") + "]"
        return WorkedArithmetic(title: "\(name) = tanh(W_c\(stacked))", lines: [
            .init(lhs: "\(stacked)", result: Notation.vector(input.vector.values)),
            .init(lhs: "W_c\(stacked)", result: Notation.vector(preactivation.values)),
            .init(lhs: "\(name)", symbolic: "tanh(W_c\(stacked))", substituted: "tanh(\(Notation.vector(preactivation.values)))",
                  result: Notation.vector(output.values)),
        ])
    }
}
