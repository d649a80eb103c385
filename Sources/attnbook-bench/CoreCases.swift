import AttentionEngine

// The engine's core costs at the sizes a long lesson could reach: 512 queries × 512 keys, d = 64,
// and a 64-step Bahdanau decoder over 512 source positions. Same sizes as scripts/bench_numpy.py.

enum CoreCases {
    static let queries = 512, keys = 512, d = 64, steps = 64

    static var all: [BenchCase] {
        let Q = Matrix.random(rows: queries, cols: d, seed: 1)
        let K = Matrix.random(rows: keys, cols: d, seed: 2)
        let V = Matrix.random(rows: keys, cols: d, seed: 3)
        let additive = ScoreFunction.additive(W1: Matrix.random(rows: d, cols: d, scale: 0.125, seed: 4),
                                              W2: Matrix.random(rows: d, cols: d, scale: 0.125, seed: 5),
                                              v: Vector.random(count: d, seed: 6))
        let y = Matrix.random(rows: steps, cols: d, seed: 7)
        let gru = RecurrentCell.gru(GRUCell.random(inputSize: 2 * d, hiddenSize: d, seed: 8))
        return [
            BenchCase(name: "attendAll scaledDot \(queries)×\(keys) d=\(d)", key: "attendAll_scaledDot") {
                try Attention.attendAll(queries: Q, keys: K, values: V, score: .scaledDot).a[0, 0]
            },
            BenchCase(name: "attendAll additive \(queries)×\(keys) d=\(d)", key: "attendAll_additive") {
                try Attention.attendAll(queries: Q, keys: K, values: V, score: additive).a[0, 0]
            },
            BenchCase(name: "bahdanau GRU+additive \(steps) steps S=\(keys) d=\(d)", key: "bahdanau_gru") {
                try Decoder.bahdanau(encoder: K, targets: y, cell: gru, score: additive).states[steps - 1, 0]
            },
        ]
    }
}
