// Importing multi-head weights from torch and Keras.
//
// torch `nn.MultiheadAttention` (embed_dim E): `in_proj_weight` (3E × E) with rows [W_q; W_k; W_v],
// `in_proj_bias` (3E), `out_proj.weight` (E × E), `out_proj.bias` (E); it computes `x @ Wᵀ + b` —
// our layout, so the blocks are taken as they are.
// Keras `MultiHeadAttention`: `query/key/value` kernels (E, H, key_dim) and biases (H, key_dim), the
// output kernel (H, value_dim, E) and bias (E); it computes `x @ kernel + b` (einsum "abc,cde->abde").
// Flattening (H, key_dim) in row-major order gives column h·key_dim + k — the same head slicing as torch.

extension MultiHeadAttention {
    /// Builds the layer from torch's `nn.MultiheadAttention` state dict.
    /// - Parameters:
    ///   - inProjWeight: `in_proj_weight`, (3E × E), rows `[W_q; W_k; W_v]`.
    ///   - inProjBias: `in_proj_bias`, 3E entries, or `nil`.
    ///   - outProjWeight: `out_proj.weight`, (E × E).
    ///   - outProjBias: `out_proj.bias`, E entries, or `nil`.
    /// - Throws: `EngineError` naming the tensor and both shapes when the sizes disagree.
    public init(torchInProjWeight inProjWeight: Matrix, inProjBias: Vector?, outProjWeight: Matrix,
                outProjBias: Vector?, heads: Int) throws {
        let E = inProjWeight.cols
        guard inProjWeight.rows == 3 * E else {
            throw EngineError.shape("torch import", inProjWeight.shape, .matrix(3 * E, E),
                                    "in_proj_weight of shape 3E × E", parameter: "in_proj_weight")
        }
        guard outProjWeight.rows == E, outProjWeight.cols == E else {
            throw EngineError.shape("torch import", outProjWeight.shape, .matrix(E, E), "out_proj.weight of shape E × E", parameter: "out_proj.weight")
        }
        if let inProjBias, inProjBias.count != 3 * E {
            throw EngineError.shape("torch import", inProjBias.shape, .vector(3 * E), "in_proj_bias with 3E entries", parameter: "in_proj_bias")
        }
        let bias = try inProjBias.map { b in try (0..<3).map { try b.slice(($0 * E)..<(($0 + 1) * E)) } }
        try self.init(heads: heads,
                      Wq: inProjWeight.rows(0..<E), Wk: inProjWeight.rows(E..<(2 * E)), Wv: inProjWeight.rows((2 * E)..<(3 * E)),
                      Wo: outProjWeight, bq: bias?[0], bk: bias?[1], bv: bias?[2], bo: outProjBias)
    }

    /// A Keras kernel: nested arrays, or flat entries in row-major order with their shape.
    public struct KerasTensor: Equatable, Sendable, Codable {
        public var shape: [Int]
        public var values: [Double]

        public init(shape: [Int], values: [Double]) throws {
            guard shape.allSatisfy({ $0 > 0 }), shape.reduce(1, *) == values.count else {
                throw EngineError("a Keras tensor of shape \(shape) needs \(shape.reduce(1, *)) entries, found \(values.count)",
                                  parameter: "shape")
            }
            self.shape = shape
            self.values = values
        }

        /// A rank-3 tensor from nested arrays `[a][b][c]`.
        public init(_ nested: [[[Double]]]) throws {
            let a = nested.count, b = nested.first?.count ?? 0, c = nested.first?.first?.count ?? 0
            guard a > 0, b > 0, c > 0, nested.allSatisfy({ $0.count == b && $0.allSatisfy { $0.count == c } }) else {
                throw EngineError("a rank-3 Keras kernel must be a non-empty box of nested arrays, every level of equal length",
                                  parameter: "kernel")
            }
            try self.init(shape: [a, b, c], values: nested.flatMap { $0.flatMap { $0 } })
        }

        /// A rank-2 tensor (a bias of shape (H, key_dim)) from nested arrays.
        public init(_ nested: [[Double]]) throws {
            let m = try Matrix(nested)
            try self.init(shape: [m.rows, m.cols], values: m.storage)
        }
    }

    /// Builds the layer from Keras `MultiHeadAttention` weights.
    /// - Parameters:
    ///   - query, key, value: kernels (E, H, key_dim) / (E, H, value_dim); biases (H, key_dim) or `nil`.
    ///   - output: kernel (H, value_dim, E_out); `outputBias` (E_out) or `nil`.
    /// - Throws: `EngineError` naming the kernel and both shapes when they disagree.
    public init(kerasQuery query: KerasTensor, queryBias: KerasTensor? = nil,
                key: KerasTensor, keyBias: KerasTensor? = nil,
                value: KerasTensor, valueBias: KerasTensor? = nil,
                output: KerasTensor, outputBias: Vector? = nil) throws {
        func inputKernel(_ t: KerasTensor, _ name: String) throws -> Matrix {
            guard t.shape.count == 3 else {
                throw EngineError("the Keras \(name) kernel must have shape (E, H, key_dim), found \(t.shape)", parameter: name)
            }
            let (E, H, D) = (t.shape[0], t.shape[1], t.shape[2])
            // x @ kernel: out[h·D + k] = Σ_e x[e] kernel[e, h, k], so W (out × in) has W[h·D + k, e] = kernel[e, h, k].
            var W = Matrix(rows: H * D, cols: E)
            for e in 0..<E { for h in 0..<H { for k in 0..<D { W[h * D + k, e] = t.values[(e * H + h) * D + k] } } }
            return W
        }
        func bias(_ t: KerasTensor?, _ kernel: KerasTensor, _ name: String) throws -> Vector? {
            guard let t else { return nil }
            guard t.shape == Array(kernel.shape.dropFirst()) else {
                throw EngineError("the Keras \(name) must have shape \(Array(kernel.shape.dropFirst())) (H, key_dim), found \(t.shape)",
                                  parameter: name)
            }
            return Vector(t.values)
        }
        let Wq = try inputKernel(query, "query"), Wk = try inputKernel(key, "key"), Wv = try inputKernel(value, "value")
        guard query.shape[1] == key.shape[1], query.shape[1] == value.shape[1] else {
            throw EngineError("the Keras kernels disagree on the number of heads: query \(query.shape), key \(key.shape), value \(value.shape)",
                              parameter: "key")
        }
        let H = query.shape[1]
        guard output.shape.count == 3, output.shape[0] == H, output.shape[1] == value.shape[2] else {
            throw EngineError("the Keras output kernel must have shape (H, value_dim, E) = (\(H), \(value.shape[2]), E), found \(output.shape)",
                              parameter: "output")
        }
        let (vd, E) = (output.shape[1], output.shape[2])
        // out[e] = Σ_{h,v} o[h, v] kernel[h, v, e], so Wo (E × H·vd) has Wo[e, h·vd + v] = kernel[h, v, e].
        var Wo = Matrix(rows: E, cols: H * vd)
        for h in 0..<H { for v in 0..<vd { for e in 0..<E { Wo[e, h * vd + v] = output.values[(h * vd + v) * E + e] } } }
        try self.init(heads: H, Wq: Wq, Wk: Wk, Wv: Wv, Wo: Wo,
                      bq: bias(queryBias, query, "query bias"), bk: bias(keyBias, key, "key bias"),
                      bv: bias(valueBias, value, "value bias"), bo: outputBias)
    }
}
