import Foundation

// Row-wise affine maps in the papers' column-vector convention.
//
// A weight `W` of shape (out × in) maps one vector `x` to `W x + b`. Sequences are matrices with one
// row per position, so the same map applied to every row of `X` (n × in) is `X Wᵀ + b` — exactly
// torch's `nn.Linear` (`x @ W.T + b`). Keras stores the transposed kernel (in × out) and computes
// `x @ kernel + b`; `MultiHeadAttention+Import.swift` converts.

/// Applying (out × in) weights to every row of a sequence.
public enum Projection {
    /// `X Wᵀ + b`: the map `x ↦ W x + b` applied to each row of `X`.
    ///
    /// `// (n, in) @ (in, out) -> (n, out)`
    /// - Parameters:
    ///   - X: the sequence, one row per position (n × in).
    ///   - weight: `W`, (out × in).
    ///   - bias: `b`, length out, or `nil` for none.
    ///   - parameter: the weight's name in error messages (`Wq`, `W_w`…).
    /// - Throws: `EngineError` naming `parameter` and both shapes when `in` differs.
    public static func apply(_ X: Matrix, weight: Matrix, bias: Vector? = nil, parameter: String = "W") throws -> Matrix {
        guard X.cols == weight.cols else {
            throw EngineError("\(parameter) (out × in) must have in = the width of the input: input is \(X.shape), "
                              + "\(parameter) is \(weight.shape) — \(X.cols) ≠ \(weight.cols)", parameter: parameter)
        }
        if let bias, bias.count != weight.rows {
            throw EngineError("the bias of \(parameter) must have one entry per output: \(parameter) is \(weight.shape), "
                              + "bias is \(bias.shape) — \(weight.rows) ≠ \(bias.count)", parameter: parameter)
        }
        var out = try X.matmulTransposed(weight)          // (n, in) @ (in, out) -> (n, out)
        out.colLabels = nil
        if let bias {
            let c = out.cols
            out.storage.withUnsafeMutableBufferPointer { o in
                bias.values.withUnsafeBufferPointer { b in
                    for i in 0..<out.rows { for j in 0..<c { o[i * c + j] += b[j] } }
                }
            }
        }
        return out
    }

    /// `W x + b` for one vector.
    /// - Throws: `EngineError` naming `parameter` and both shapes on a mismatch.
    public static func apply(_ x: Vector, weight: Matrix, bias: Vector? = nil, parameter: String = "W") throws -> Vector {
        let m = try apply(Matrix(rows: 1, cols: x.count, storage: x.values), weight: weight, bias: bias, parameter: parameter)
        return Vector(m.storage)
    }
}

/// Small entrywise helpers shared by the advanced mechanisms (internal: lessons see the traces).
enum Entrywise {
    static func add(_ a: Matrix, _ b: Matrix, _ what: String, parameter: String? = nil) throws -> Matrix {
        guard a.rows == b.rows, a.cols == b.cols else {
            throw EngineError.shape(what, a.shape, b.shape, "operands of the same shape", parameter: parameter)
        }
        return try a.zip(b, "+", +)
    }

    static func tanh(_ m: Matrix) -> Matrix { m.map { Foundation.tanh($0) } }
    static func tanh(_ v: Vector) -> Vector { v.map { Foundation.tanh($0) } }

    /// `Σ_i w_i x_i` over the rows of `X`: the weighted sum of positions. `// (n) · (n, d) -> (d)`
    static func weightedSum(_ w: Vector, _ X: Matrix) -> Vector {
        Vector(WeightedSum.rows(w.values, X), labels: X.colLabels)
    }

    /// A number as the lessons print it in messages: Unicode minus, no trailing zeros (`−1`, `0.5`).
    static func show(_ x: Double) -> String { EngineError.number(x) }
    static func show(_ n: Int) -> String { n < 0 ? "−\(-n)" : "\(n)" }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    static func require(_ condition: Bool, _ message: @autoclosure () -> String, parameter: String) throws {
        if !condition { throw EngineError(message(), parameter: parameter) }
    }

    static func subscriptDigits(_ n: Int) -> String { Notation.sub(n) }
}
