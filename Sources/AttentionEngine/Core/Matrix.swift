import Foundation

/// A dense matrix of `Double`s, row-major, with optional row and column labels.
///
/// Sequences are matrices with one row per position: encoder states `h` are S × d, row `i` is `h_i`.
/// Weights follow the papers' column-vector convention: `W` of shape (out × in) maps `x` to `W x`.
public struct Matrix: Equatable, Sendable, Codable {
    public let rows: Int
    public let cols: Int
    /// Row-major entries: entry (i, j) is `storage[i * cols + j]`.
    public var storage: [Double]
    /// One label per row (e.g. source tokens for `h`), or `nil`.
    public var rowLabels: [String]?
    /// One label per column, or `nil`.
    public var colLabels: [String]?

    /// A matrix over existing row-major storage. For engine-internal use where the count is known
    /// to match: it traps otherwise. Code handling user input should call
    /// `init(rows:cols:checking:rowLabels:colLabels:)`, which throws instead.
    public init(rows: Int, cols: Int, storage: [Double], rowLabels: [String]? = nil, colLabels: [String]? = nil) {
        precondition(storage.count == rows * cols, "storage does not match \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
        self.rowLabels = rowLabels
        self.colLabels = colLabels
    }

    /// A matrix over row-major storage, checked.
    /// - Throws: `EngineError` when `storage` does not hold `rows × cols` entries or labels do not
    ///   match the axes.
    public init(rows: Int, cols: Int, checking storage: [Double], rowLabels: [String]? = nil, colLabels: [String]? = nil) throws {
        guard rows >= 0, cols >= 0, storage.count == rows * cols else {
            throw EngineError("a \(rows)×\(cols) matrix needs \(max(rows, 0) * max(cols, 0)) entries, found \(storage.count)")
        }
        if let rowLabels, rowLabels.count != rows {
            throw EngineError("a \(rows)×\(cols) matrix needs \(rows) row labels, found \(rowLabels.count)", parameter: "rows")
        }
        if let colLabels, colLabels.count != cols {
            throw EngineError("a \(rows)×\(cols) matrix needs \(cols) column labels, found \(colLabels.count)", parameter: "cols")
        }
        self.init(rows: rows, cols: cols, storage: storage, rowLabels: rowLabels, colLabels: colLabels)
    }

    /// A `rows × cols` matrix filled with `value` (negative sizes give an empty matrix).
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: max(rows, 0), cols: max(cols, 0), storage: Array(repeating: value, count: max(rows, 0) * max(cols, 0)))
    }

    /// Builds a matrix from nested rows.
    /// - Throws: `EngineError` when there are no rows, a row is empty, or rows differ in length.
    public init(_ nested: [[Double]], rowLabels: [String]? = nil, colLabels: [String]? = nil) throws {
        guard let first = nested.first else { throw EngineError("a matrix needs at least one row") }
        guard !first.isEmpty else { throw EngineError("a matrix row needs at least one entry") }
        for (i, row) in nested.enumerated() where row.count != first.count {
            throw EngineError("ragged matrix: row 0 has \(first.count) entries but row \(i) has \(row.count)")
        }
        self.init(rows: nested.count, cols: first.count, storage: nested.flatMap { $0 },
                  rowLabels: rowLabels, colLabels: colLabels)
    }

    /// A matrix whose rows are the given vectors (e.g. stacking `a_1 … a_T`).
    public init(stacking vectors: [Vector], rowLabels: [String]? = nil) throws {
        try self.init(vectors.map(\.values), rowLabels: rowLabels, colLabels: vectors.first?.labels)
    }

    public var shape: Shape { .matrix(rows, cols) }

    public subscript(i: Int, j: Int) -> Double {
        get { storage[i * cols + j] }
        set { storage[i * cols + j] = newValue }
    }

    /// Row `i` as a vector, labelled by the column labels.
    public func row(_ i: Int) -> Vector {
        Vector(Array(storage[(i * cols)..<((i + 1) * cols)]), labels: colLabels)
    }

    /// Column `j` as a vector, labelled by the row labels.
    public func column(_ j: Int) -> Vector {
        Vector((0..<rows).map { storage[$0 * cols + j] }, labels: rowLabels)
    }

    /// All rows as vectors.
    public var rowVectors: [Vector] { (0..<rows).map(row) }

    /// `Mᵀ`; labels swap with the axes.
    public var transposed: Matrix {
        var out = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows {
            for j in 0..<cols { out[j * rows + i] = storage[i * cols + j] }
        }
        return Matrix(rows: cols, cols: rows, storage: out, rowLabels: colLabels, colLabels: rowLabels)
    }

    /// The matrix product. `// (r, k) @ (k, c) -> (r, c)`; row labels from `self`, column labels from `other`.
    ///
    /// Speed matters here (the benchmark's 512×512 score matrices go through it), so the loop is the
    /// i-p-j order over raw buffers: both operands are read row-major, the inner loop is contiguous
    /// and vectorises, and four rows of `other` are folded into each pass over the output row so it
    /// is loaded and stored a quarter as often.
    /// - Parameter other: the right operand, `k × c`.
    /// - Returns: the `r × c` product.
    /// - Throws: `EngineError` naming both shapes when the inner dimensions differ.
    public func matmul(_ other: Matrix) throws -> Matrix {
        guard cols == other.rows else {
            throw EngineError("`@` needs inner dimensions to match: \(shape) @ \(other.shape) — \(cols) ≠ \(other.rows)")
        }
        let out = Matrix.multiply(storage, rows, cols, other.storage, other.cols)
        return Matrix(rows: rows, cols: other.cols, storage: out, rowLabels: rowLabels, colLabels: other.colLabels)
    }

    /// `self @ otherᵀ`: every row of `self` dotted with every row of `other` (e.g. `Q Kᵀ`).
    /// `// (r, k) @ (k, c) -> (r, c)` with `other` given as `c × k`. Labels: rows from `self`,
    /// columns from `other`'s rows (e.g. source tokens).
    /// - Parameter other: `c × k`, one row per key.
    /// - Returns: the `r × c` matrix of row dot products.
    /// - Throws: `EngineError` naming both shapes when the row lengths differ.
    public func matmulTransposed(_ other: Matrix) throws -> Matrix {
        guard cols == other.cols else {
            throw EngineError("`A @ Bᵀ` needs rows of equal length: \(shape) @ (\(other.shape))ᵀ — \(cols) ≠ \(other.cols)")
        }
        // Transposing once (k·c moves) lets the product use the contiguous i-p-j loop above.
        let bt = Matrix.transpose(other.storage, other.rows, other.cols)
        let out = Matrix.multiply(storage, rows, cols, bt, other.rows)
        return Matrix(rows: rows, cols: other.rows, storage: out, rowLabels: rowLabels, colLabels: other.rowLabels)
    }

    /// Row-major `a (r × k) @ b (k × c)`, the kernel behind `matmul`. `// (r, k) @ (k, c) -> (r, c)`
    @usableFromInline
    static func multiply(_ a: [Double], _ r: Int, _ k: Int, _ b: [Double], _ c: Int) -> [Double] {
        var out = [Double](repeating: 0, count: r * c)
        if r == 0 || c == 0 || k == 0 { return out }
        // Large products split their rows over the cores. Each output row is computed by one
        // thread with the same loop as the serial path, so the result is bit-identical however
        // many cores there are (determinism matters more here than the last few percent).
        let parallel = r >= 16 && r * k * c >= 1 << 20
        let blocks = parallel ? min(r, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4) : 1
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                out.withUnsafeMutableBufferPointer { op in
                    let buffers = RowBlockBuffers(a: ap.baseAddress!, b: bp.baseAddress!, out: op.baseAddress!)
                    let rowsPerBlock = (r + blocks - 1) / blocks
                    DispatchQueue.concurrentPerform(iterations: blocks) { block in
                        let A = buffers.a, B = buffers.b, O = buffers.out
                        for i in min(r, block * rowsPerBlock)..<min(r, (block + 1) * rowsPerBlock) {
                            let o = O + i * c
                            let aRow = A + i * k
                            var p = 0
                            while p + 4 <= k {
                                let a0 = aRow[p], a1 = aRow[p + 1], a2 = aRow[p + 2], a3 = aRow[p + 3]
                                let b0 = B + p * c, b1 = b0 + c, b2 = b1 + c, b3 = b2 + c
                                for j in 0..<c { o[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j] }
                                p += 4
                            }
                            while p < k {
                                let ap = aRow[p], bRow = B + p * c
                                for j in 0..<c { o[j] += ap * bRow[j] }
                                p += 1
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Row-major transpose of an `r × c` buffer.
    @usableFromInline
    static func transpose(_ a: [Double], _ r: Int, _ c: Int) -> [Double] {
        var out = [Double](repeating: 0, count: r * c)
        a.withUnsafeBufferPointer { ap in
            out.withUnsafeMutableBufferPointer { op in
                for i in 0..<r {
                    for j in 0..<c { op[j * r + i] = ap[i * c + j] }
                }
            }
        }
        return out
    }

    /// The matrix–vector product `M x`. `// (r, k) @ (k) -> (r)`; labelled by the row labels.
    /// - Throws: `EngineError` naming both shapes when `x` does not have `cols` entries.
    public func matmul(_ x: Vector) throws -> Vector {
        guard cols == x.count else {
            throw EngineError("`@` needs inner dimensions to match: \(shape) @ \(x.shape) — \(cols) ≠ \(x.count)")
        }
        return Vector(Matrix.multiplyVector(storage, rows, cols, x.values), labels: rowLabels)
    }

    /// Row-major `a (r × k) @ x (k)`. `// (r, k) @ (k) -> (r)`
    @usableFromInline
    static func multiplyVector(_ a: [Double], _ r: Int, _ k: Int, _ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: r)
        a.withUnsafeBufferPointer { ap in
            x.withUnsafeBufferPointer { xp in
                for i in 0..<r {
                    var s0 = 0.0, s1 = 0.0
                    var p = 0
                    let row = i * k
                    while p + 2 <= k { s0 += ap[row + p] * xp[p]; s1 += ap[row + p + 1] * xp[p + 1]; p += 2 }
                    if p < k { s0 += ap[row + p] * xp[p] }
                    out[i] = s0 + s1
                }
            }
        }
        return out
    }

    /// Applies `f` to every entry, keeping the labels.
    public func map(_ f: (Double) -> Double) -> Matrix {
        Matrix(rows: rows, cols: cols, storage: storage.map(f), rowLabels: rowLabels, colLabels: colLabels)
    }

    /// The entrywise combination of two matrices of equal shape.
    public func zip(_ other: Matrix, _ operation: String, _ f: (Double, Double) -> Double) throws -> Matrix {
        guard rows == other.rows, cols == other.cols else {
            throw EngineError.shape("`\(operation)`", shape, other.shape, "matrices of the same shape")
        }
        var out = [Double](repeating: 0, count: storage.count)
        for i in 0..<storage.count { out[i] = f(storage[i], other.storage[i]) }
        return Matrix(rows: rows, cols: cols, storage: out,
                      rowLabels: rowLabels ?? other.rowLabels, colLabels: colLabels ?? other.colLabels)
    }

    /// `[A B]`: columns of `other` to the right of `self` (same number of rows).
    public func concatenatedColumns(_ other: Matrix) throws -> Matrix {
        guard rows == other.rows else {
            throw EngineError.shape("column concatenation", shape, other.shape, "the same number of rows")
        }
        var out = [Double]()
        out.reserveCapacity(rows * (cols + other.cols))
        for i in 0..<rows {
            out += storage[(i * cols)..<((i + 1) * cols)]
            out += other.storage[(i * other.cols)..<((i + 1) * other.cols)]
        }
        let labels: [String]? = (colLabels != nil && other.colLabels != nil) ? colLabels! + other.colLabels! : nil
        return Matrix(rows: rows, cols: cols + other.cols, storage: out,
                      rowLabels: rowLabels ?? other.rowLabels, colLabels: labels)
    }

    /// `[A; B]`: rows of `other` below `self` (same number of columns).
    public func concatenatedRows(_ other: Matrix) throws -> Matrix {
        guard cols == other.cols else {
            throw EngineError.shape("row concatenation", shape, other.shape, "the same number of columns")
        }
        let labels: [String]? = (rowLabels != nil && other.rowLabels != nil) ? rowLabels! + other.rowLabels! : nil
        return Matrix(rows: rows + other.rows, cols: cols, storage: storage + other.storage,
                      rowLabels: labels, colLabels: colLabels ?? other.colLabels)
    }

    /// Columns `range` (e.g. head h's slice `h·d_k ..< (h+1)·d_k` of a packed projection).
    public func columns(_ range: Range<Int>) throws -> Matrix {
        guard range.lowerBound >= 0, range.upperBound <= cols, !range.isEmpty else {
            throw EngineError("columns \(range.lowerBound)..<\(range.upperBound) are outside a \(shape) matrix")
        }
        var out = [Double]()
        out.reserveCapacity(rows * range.count)
        for i in 0..<rows { out += storage[(i * cols + range.lowerBound)..<(i * cols + range.upperBound)] }
        return Matrix(rows: rows, cols: range.count, storage: out,
                      rowLabels: rowLabels, colLabels: colLabels.flatMap { $0.count == cols ? Array($0[range]) : nil })
    }

    /// Rows `range`.
    public func rows(_ range: Range<Int>) throws -> Matrix {
        guard range.lowerBound >= 0, range.upperBound <= rows, !range.isEmpty else {
            throw EngineError("rows \(range.lowerBound)..<\(range.upperBound) are outside a \(shape) matrix")
        }
        return Matrix(rows: range.count, cols: cols, storage: Array(storage[(range.lowerBound * cols)..<(range.upperBound * cols)]),
                      rowLabels: rowLabels.flatMap { $0.count == rows ? Array($0[range]) : nil }, colLabels: colLabels)
    }
}

/// The three buffers of one product, handed to the row-block threads. Safe to share: every
/// thread reads `a` and `b` and writes a disjoint range of rows of `out`.
private struct RowBlockBuffers: @unchecked Sendable {
    let a: UnsafePointer<Double>
    let b: UnsafePointer<Double>
    let out: UnsafeMutablePointer<Double>
}
