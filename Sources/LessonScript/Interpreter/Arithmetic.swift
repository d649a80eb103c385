import AttentionEngine

/// `+ - * /` (entrywise, with broadcasting) and `@` on script values.
///
/// Broadcasting, kept small enough to state in one breath: a number combines with anything; a
/// vector combines with a vector of the same length; a matrix with a matrix of the same shape; a
/// vector of length c combines with each row of an r×c matrix (either side). Anything else is an
/// error naming both shapes.
enum Arithmetic {
    static func negate(_ v: Value, at location: SourceLocation) throws -> Value {
        switch v {
        case .number(let x): return .number(-x)
        case .vector(let x): return .vector(x.map { -$0 })
        case .matrix(let m): return .matrix(m.map { -$0 })
        default: throw Diagnostic(at: location, id: "wrong-type", "`-` needs a number, vector or matrix, found \(v.brief)")
        }
    }

    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        if op == .matmul { return try matmul(a, b, at: location) }
        let f: (Double, Double) -> Double
        switch op {
        case .add: f = (+)
        case .subtract: f = (-)
        case .multiply: f = (*)
        case .divide: f = (/)
        case .matmul: f = (*)
        }
        let o = op.rawValue
        switch (a, b) {
        case (.number(let x), .number(let y)): return .number(f(x, y))
        case (.number(let x), .vector(let v)): return .vector(v.map { f(x, $0) })
        case (.vector(let v), .number(let y)): return .vector(v.map { f($0, y) })
        case (.number(let x), .matrix(let m)): return .matrix(m.map { f(x, $0) })
        case (.matrix(let m), .number(let y)): return .matrix(m.map { f($0, y) })
        case (.vector(let v), .vector(let w)):
            guard v.count == w.count else {
                throw Diagnostic(at: location, id: "shape-mismatch",
                                 "`\(o)` needs vectors of equal length: \(v.count) \(o) \(w.count)")
            }
            return .vector(try v.zip(w, o, f))
        case (.matrix(let m), .matrix(let n)):
            guard m.rows == n.rows, m.cols == n.cols else {
                throw Diagnostic(at: location, id: "shape-mismatch",
                                 "`\(o)` needs matrices of the same shape: \(m.shape) \(o) \(n.shape)")
            }
            return .matrix(try m.zip(n, o, f))
        case (.matrix(let m), .vector(let v)):
            return .matrix(try byRows(m, v, at: location, o) { f($0, $1) })
        case (.vector(let v), .matrix(let m)):
            return .matrix(try byRows(m, v, at: location, o) { f($1, $0) })
        default:
            throw Diagnostic(at: location, id: "wrong-type",
                             "`\(o)` needs numbers, vectors or matrices, found \(a.brief) \(o) \(b.brief)")
        }
    }

    /// Combines vector `v` with every row of `m` (`f(m_ij, v_j)`).
    private static func byRows(_ m: Matrix, _ v: Vector, at location: SourceLocation, _ o: String,
                               _ f: (Double, Double) -> Double) throws -> Matrix {
        guard v.count == m.cols else {
            throw Diagnostic(at: location, id: "shape-mismatch",
                             "`\(o)` needs a vector as long as the matrix has columns to combine it with each row: \(m.shape) and \(v.count) — \(m.cols) ≠ \(v.count)")
        }
        var out = m
        for i in 0..<m.rows {
            for j in 0..<m.cols { out[i, j] = f(m[i, j], v[j]) }
        }
        return out
    }

    static func matmul(_ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        func engine<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as EngineError {
                throw Diagnostic(at: location, id: "shape-mismatch", e.message)
            }
        }
        switch (a, b) {
        case (.matrix(let m), .matrix(let n)):
            // (r, k) @ (k, c) -> (r, c)
            try Limits.check(rows: m.rows, cols: n.cols, at: location)
            try checkWork(m.rows, m.cols, n.cols, at: location)
            return .matrix(try engine { try m.matmul(n) })
        case (.matrix(let m), .vector(let v)):
            // (r, k) @ (k) -> (r)
            return .vector(try engine { try m.matmul(v) })
        case (.vector(let v), .matrix(let m)):
            // (k) @ (k, c) -> (c): vᵀ M
            guard v.count == m.rows else {
                throw Diagnostic(at: location, id: "shape-mismatch",
                                 "`@` needs inner dimensions to match: \(v.shape) @ \(m.shape) — \(v.count) ≠ \(m.rows)")
            }
            return .vector(try engine { try m.transposed.matmul(v) })
        case (.vector(let v), .vector(let w)):
            // (k) @ (k) -> scalar: the dot product
            guard v.count == w.count else {
                throw Diagnostic(at: location, id: "shape-mismatch",
                                 "`@` needs inner dimensions to match: \(v.shape) @ \(w.shape) — \(v.count) ≠ \(w.count)")
            }
            return .number(try engine { try v.dot(w) })
        default:
            throw Diagnostic(at: location, id: "wrong-type",
                             "`@` needs matrices or vectors on both sides, found \(a.brief) @ \(b.brief)",
                             fix: isNumber(a) || isNumber(b) ? "use `*` to scale by a number" : nil)
        }
    }

    private static func isNumber(_ v: Value) -> Bool { if case .number = v { return true }; return false }

    static func checkWork(_ r: Int, _ k: Int, _ c: Int, at location: SourceLocation) throws {
        if r * k * c > Limits.maximumWork {
            throw Diagnostic(at: location, id: "too-large",
                             "`@` of \(r)×\(k) and \(k)×\(c) is too much work for a lesson: \(r * k * c) multiplications, at most \(Limits.maximumWork)")
        }
    }

    /// Refuses NaN and ±∞, naming the operation that made them.
    static func checkFinite(_ v: Value, at location: SourceLocation, what: String) throws {
        func bad(_ x: Double) throws {
            if !x.isFinite {
                let kind = x.isNaN ? "NaN (not a number, e.g. 0/0)" : "\(x > 0 ? "" : "−")∞ (an overflow or a division by zero)"
                throw Diagnostic(at: location, id: "not-finite", "\(what) produced \(kind): expected a finite number")
            }
        }
        switch v {
        case .number(let x): try bad(x)
        case .vector(let x): for y in x.values { try bad(y) }
        case .matrix(let m): for y in m.storage { try bad(y) }
        case .record(let r): for f in r.fields { try checkFinite(f.value, at: location, what: what) }
        default: break
        }
    }
}
