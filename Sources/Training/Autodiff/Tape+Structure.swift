import AttentionEngine

// Operations that move entries without arithmetic: concatenation, slicing, stacking, reshaping
// and the embedding lookup. Their backward steps move the gradient back to where each entry came
// from; the lookup adds (a word used twice in a batch collects both gradients), which is what
// torch's `nn.Embedding` does too.

extension Tape {
    /// `[A B …]`: the operands' columns side by side (equal row counts), e.g. `[y_t; a_t]` for a batch.
    /// - Throws: `EngineError` when the operands differ in row count or there are none.
    public func concatColumns(_ parts: [Variable]) throws -> Variable {
        guard let first = parts.first else { throw EngineError("concatenation needs at least one matrix") }
        let r = values[first.id].rows
        for p in parts where values[p.id].rows != r {
            throw EngineError.shape("column concatenation", values[first.id].shape, values[p.id].shape, "the same number of rows")
        }
        let widths = parts.map { values[$0.id].cols }
        let c = widths.reduce(0, +)
        var out = [Double](repeating: 0, count: r * c)
        var offset = 0
        for (p, w) in zip(parts, widths) {
            let s = values[p.id].storage
            for i in 0..<r { for j in 0..<w { out[i * c + offset + j] = s[i * w + j] } }
            offset += w
        }
        return record(Matrix(rows: r, cols: c, storage: out), inputs: parts) { tape, id in
            let g = tape.grads[id]
            var offset = 0
            for (p, w) in zip(parts, widths) {
                let o = offset
                tape.accumulate(p) { d in for i in 0..<r { for j in 0..<w { d[i * w + j] += g[i * c + o + j] } } }
                offset += w
            }
        }
    }

    /// Columns `range` of `a`.
    /// - Throws: `EngineError` when the range is empty or outside the matrix.
    public func sliceColumns(_ a: Variable, _ range: Range<Int>) throws -> Variable {
        let A = values[a.id]
        let out = try A.columns(range)
        return record(Matrix(rows: out.rows, cols: out.cols, storage: out.storage), inputs: [a]) { tape, id in
            let g = tape.grads[id], w = range.count
            tape.accumulate(a) { d in
                for i in 0..<A.rows { for j in 0..<w { d[i * A.cols + range.lowerBound + j] += g[i * w + j] } }
            }
        }
    }

    /// `[A; B; …]`: the operands' rows one below the other (equal column counts), e.g. the logits
    /// of every decoder step stacked for one loss.
    /// - Throws: `EngineError` when the operands differ in column count or there are none.
    public func stackRows(_ parts: [Variable]) throws -> Variable {
        guard let first = parts.first else { throw EngineError("stacking needs at least one matrix") }
        let c = values[first.id].cols
        for p in parts where values[p.id].cols != c {
            throw EngineError.shape("row stacking", values[first.id].shape, values[p.id].shape, "the same number of columns")
        }
        var out: [Double] = []
        out.reserveCapacity(parts.reduce(0) { $0 + values[$1.id].storage.count })
        for p in parts { out += values[p.id].storage }
        let counts = parts.map { values[$0.id].storage.count }
        return record(Matrix(rows: out.count / max(c, 1), cols: c, storage: out), inputs: parts) { tape, id in
            let g = tape.grads[id]
            var offset = 0
            for (p, n) in zip(parts, counts) {
                let o = offset
                tape.accumulate(p) { d in for k in 0..<n { d[k] += g[o + k] } }
                offset += n
            }
        }
    }

    /// Rows `range` of `a`.
    /// - Throws: `EngineError` when the range is empty or outside the matrix.
    public func sliceRows(_ a: Variable, _ range: Range<Int>) throws -> Variable {
        let A = values[a.id]
        let out = try A.rows(range)
        return record(Matrix(rows: out.rows, cols: out.cols, storage: out.storage), inputs: [a]) { tape, id in
            let g = tape.grads[id], o = range.lowerBound * A.cols
            tape.accumulate(a) { d in for k in 0..<g.count { d[o + k] += g[k] } }
        }
    }

    /// The same entries, row-major, as a `rows × cols` matrix (e.g. B·S scores as B × S).
    /// - Throws: `EngineError` when the entry counts differ.
    public func reshape(_ a: Variable, rows: Int, cols: Int) throws -> Variable {
        let A = values[a.id]
        let out = try Matrix(rows: rows, cols: cols, checking: A.storage)
        return record(out, inputs: [a]) { tape, id in
            let g = tape.grads[id]
            tape.accumulate(a) { d in for k in 0..<g.count { d[k] += g[k] } }
        }
    }

    /// Rows `indices` of `table`: the embedding lookup (one row per token id).
    /// `// (V, d) gathered at n ids -> (n, d)`
    /// - Throws: `EngineError` naming the first id outside `0 ..< V`.
    public func gatherRows(_ table: Variable, _ indices: [Int]) throws -> Variable {
        let T = values[table.id]
        if let bad = indices.first(where: { $0 < 0 || $0 >= T.rows }) {
            throw EngineError("row \(bad) is outside a table of \(T.rows) rows")
        }
        let d = T.cols
        var out = [Double](repeating: 0, count: indices.count * d)
        for (r, i) in indices.enumerated() { for j in 0..<d { out[r * d + j] = T.storage[i * d + j] } }
        return record(Matrix(rows: indices.count, cols: d, storage: out), inputs: [table]) { tape, id in
            let g = tape.grads[id]
            tape.accumulate(table) { dT in
                for (r, i) in indices.enumerated() { for j in 0..<d { dT[i * d + j] += g[r * d + j] } }
            }
        }
    }
}
