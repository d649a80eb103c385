// `random(rows, cols, seed:)` and `random(n, seed:)` of the script language (DESIGN §3): seeded,
// row-major draws from SplitMix64 (SeededRandom.swift), so every platform gets the same weights.

extension Matrix {
    /// A `rows × cols` matrix of entries uniform in [−1, 1), drawn row by row from `SeededRandom(seed:)`.
    ///
    /// Entry (i, j) is `2·u − 1` for the `(i·cols + j)`-th draw `u = uniform()`. Non-positive sizes
    /// give an empty matrix rather than a crash (the script layer reports sizes before calling).
    /// - Parameters:
    ///   - rows: number of rows.
    ///   - cols: number of columns.
    ///   - seed: the generator's seed.
    /// - Returns: the matrix, unlabelled.
    public static func random(rows: Int, cols: Int, seed: UInt64) -> Matrix {
        let r = max(rows, 0), c = max(cols, 0)
        var rng = SeededRandom(seed: seed)
        var values = [Double](repeating: 0, count: r * c)
        for k in 0..<(r * c) { values[k] = 2 * rng.uniform() - 1 }
        return Matrix(rows: r, cols: c, storage: values)
    }

    /// Like `random(rows:cols:seed:)` with entries uniform in [−scale, scale).
    public static func random(rows: Int, cols: Int, scale: Double, seed: UInt64) -> Matrix {
        random(rows: rows, cols: cols, seed: seed).map { scale * $0 }
    }
}

extension Vector {
    /// A vector of `count` entries uniform in [−1, 1), drawn in order from `SeededRandom(seed:)`.
    ///
    /// Same stream as a `1 × count` `Matrix.random`, so `random(3, seed: 7)` equals row 0 of
    /// `random(1, 3, seed: 7)`.
    public static func random(count: Int, seed: UInt64) -> Vector {
        Matrix.random(rows: 1, cols: count, seed: seed).row(0)
    }

    /// Like `random(count:seed:)` with entries uniform in [−scale, scale).
    public static func random(count: Int, scale: Double, seed: UInt64) -> Vector {
        random(count: count, seed: seed).map { scale * $0 }
    }
}
