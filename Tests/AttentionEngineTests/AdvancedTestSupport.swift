import Foundation
@testable import AttentionEngine

// Independent reference computations for the advanced-mechanism tests: plain loops over nested
// arrays, written from the papers' formulas, never from the engine's code paths.

enum Ref {
    /// x ↦ W x + b for each row: out[n][o] = Σ_i W[o][i] X[n][i] + b[o].
    static func linear(_ X: [[Double]], _ W: [[Double]], _ b: [Double]? = nil) -> [[Double]] {
        X.map { x in W.enumerated().map { o, w in zip(w, x).reduce(0) { $0 + $1.0 * $1.1 } + (b?[o] ?? 0) } }
    }

    static func softmax(_ x: [Double]) -> [Double] {
        let e = x.map { exp($0) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    static func nested(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { m.row($0).values } }

    static func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-9) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol }
    }

    static func close(_ a: Matrix, _ b: [[Double]], _ tol: Double = 1e-9) -> Bool {
        a.rows == b.count && (0..<a.rows).allSatisfy { close(a.row($0).values, b[$0], tol) }
    }

    static func close(_ a: Matrix, _ b: Matrix, _ tol: Double = 1e-9) -> Bool { close(a, nested(b), tol) }

    static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }
}
