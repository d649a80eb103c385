import AttentionEngine
import Foundation

// Entrywise operations on the tape. Binary ones broadcast their right operand the way numpy and
// torch do for these shapes: `b` may be the same shape as `a`, a row (1 × c, e.g. a bias added to
// every row of a batch), a column (r × 1, e.g. one weight per row) or a scalar (1 × 1). The
// gradient of a broadcast operand is the upstream gradient summed over the repeated axis.
// Derivatives: tanh′ = 1 − tanh², σ′ = σ(1 − σ), exp′ = exp, log′ = 1/x.

extension Tape {
    /// `a + b`, `b` broadcast (see the file header).
    public func add(_ a: Variable, _ b: Variable) throws -> Variable { try binary(a, b, "+", 1, 1) }

    /// `a − b`, `b` broadcast.
    public func sub(_ a: Variable, _ b: Variable) throws -> Variable { try binary(a, b, "−", 1, -1) }

    /// `a ⊙ b` (entrywise), `b` broadcast.
    public func mul(_ a: Variable, _ b: Variable) throws -> Variable {
        let (A, B) = (values[a.id], values[b.id])
        let layout = try Broadcast(A, B, "⊙")
        var out = [Double](repeating: 0, count: A.storage.count)
        layout.forEach { k, kb in out[k] = A.storage[k] * B.storage[kb] }
        return record(Matrix(rows: A.rows, cols: A.cols, storage: out), inputs: [a, b]) { tape, id in
            let g = tape.grads[id]
            let (A, B) = (tape.values[a.id], tape.values[b.id])
            tape.accumulate(a) { da in layout.forEach { k, kb in da[k] += g[k] * B.storage[kb] } }
            tape.accumulate(b) { db in layout.forEach { k, kb in db[kb] += g[k] * A.storage[k] } }
        }
    }

    /// `c · a` for a constant scalar `c`.
    public func scale(_ a: Variable, _ c: Double) -> Variable {
        let A = values[a.id]
        return record(A.map { c * $0 }, inputs: [a]) { tape, id in
            let g = tape.grads[id]
            tape.accumulate(a) { da in for k in 0..<da.count { da[k] += c * g[k] } }
        }
    }

    /// `tanh(a)` entrywise.
    public func tanh(_ a: Variable) -> Variable {
        unary(a, { Foundation.tanh($0) }, { _, y in 1 - y * y })
    }

    /// `σ(a) = 1 / (1 + e^(−a))` entrywise.
    public func sigmoid(_ a: Variable) -> Variable {
        unary(a, { 1 / (1 + Foundation.exp(-$0)) }, { _, y in y * (1 - y) })
    }

    /// `e^a` entrywise.
    public func exp(_ a: Variable) -> Variable {
        unary(a, { Foundation.exp($0) }, { _, y in y })
    }

    /// `ln a` entrywise.
    /// - Throws: `EngineError` when an entry is not positive (the logarithm is undefined there).
    public func log(_ a: Variable) throws -> Variable {
        if let bad = values[a.id].storage.firstIndex(where: { !($0 > 0) }) {
            throw EngineError("log needs positive entries, found \(values[a.id].storage[bad]) at position \(bad)")
        }
        return unary(a, { Foundation.log($0) }, { x, _ in 1 / x })
    }

    /// An entrywise function `f` whose derivative is `df(x, f(x))`.
    private func unary(_ a: Variable, _ f: (Double) -> Double, _ df: @escaping (Double, Double) -> Double) -> Variable {
        let A = values[a.id]
        let out = A.map(f)
        return record(Matrix(rows: A.rows, cols: A.cols, storage: out.storage), inputs: [a]) { tape, id in
            let g = tape.grads[id], x = tape.values[a.id].storage, y = tape.values[id].storage
            tape.accumulate(a) { da in for k in 0..<da.count { da[k] += g[k] * df(x[k], y[k]) } }
        }
    }

    /// `a ± b` with `b` broadcast: `sa·a + sb·b`.
    private func binary(_ a: Variable, _ b: Variable, _ name: String, _ sa: Double, _ sb: Double) throws -> Variable {
        let (A, B) = (values[a.id], values[b.id])
        let layout = try Broadcast(A, B, name)
        var out = [Double](repeating: 0, count: A.storage.count)
        if sb > 0 { layout.forEach { k, kb in out[k] = A.storage[k] + B.storage[kb] } }
        else { layout.forEach { k, kb in out[k] = A.storage[k] - B.storage[kb] } }
        return record(Matrix(rows: A.rows, cols: A.cols, storage: out), inputs: [a, b]) { tape, id in
            let g = tape.grads[id]
            tape.accumulate(a) { da in for k in 0..<da.count { da[k] += g[k] } }
            if sb > 0 { tape.accumulate(b) { db in layout.forEach { k, kb in db[kb] += g[k] } } }
            else { tape.accumulate(b) { db in layout.forEach { k, kb in db[kb] -= g[k] } } }
        }
    }
}

/// How the entries of a broadcast right operand line up with the left operand's.
struct Broadcast {
    let rows: Int, cols: Int
    /// Steps through `b`'s storage per row and per column of `a` (0 along a broadcast axis).
    let rowStride: Int, colStride: Int

    /// - Throws: `EngineError` when `b` is neither `a`'s shape, a row, a column nor a scalar.
    init(_ a: Matrix, _ b: Matrix, _ operation: String) throws {
        guard (b.rows == a.rows || b.rows == 1), (b.cols == a.cols || b.cols == 1) else {
            throw EngineError.shape("`\(operation)`", a.shape, b.shape,
                                    "a right operand of the same shape, one row (1×\(a.cols)), one column (\(a.rows)×1) or 1×1")
        }
        rows = a.rows; cols = a.cols
        rowStride = b.rows == 1 ? 0 : b.cols
        colStride = b.cols == 1 ? 0 : 1
    }

    /// Calls `body(k, kb)` for every entry: `k` indexes `a`, `kb` the matching entry of `b`.
    @inline(__always)
    func forEach(_ body: (Int, Int) -> Void) {
        for i in 0..<rows {
            let base = i * rowStride
            for j in 0..<cols { body(i * cols + j, base + j * colStride) }
        }
    }
}
