import AttentionEngine

// Multi-head self-attention at the size of a small Transformer layer: n = 256 tokens,
// d_model = 256, 8 heads (d_k = 32), with biases; projections, 8 scaled-dot heads, concat, W^O.
// Same computation as `multihead_self` in scripts/bench_numpy.py.

enum MultiHeadCases {
    static let n = 256, dModel = 256, heads = 8

    static var all: [BenchCase] {
        let X = Matrix.random(rows: n, cols: dModel, seed: 11)
        let scale = 1 / Double(dModel).squareRoot()
        let layer = try! MultiHeadAttention(
            heads: heads,
            Wq: Matrix.random(rows: dModel, cols: dModel, scale: scale, seed: 12),
            Wk: Matrix.random(rows: dModel, cols: dModel, scale: scale, seed: 13),
            Wv: Matrix.random(rows: dModel, cols: dModel, scale: scale, seed: 14),
            Wo: Matrix.random(rows: dModel, cols: dModel, scale: scale, seed: 15),
            bq: Vector.random(count: dModel, seed: 16), bk: Vector.random(count: dModel, seed: 17),
            bv: Vector.random(count: dModel, seed: 18), bo: Vector.random(count: dModel, seed: 19))
        return [
            BenchCase(name: "multihead self n=\(n) d=\(dModel) h=\(heads)", key: "multihead_self") {
                try layer.selfAttend(X).output[0, 0]
            },
        ]
    }
}
