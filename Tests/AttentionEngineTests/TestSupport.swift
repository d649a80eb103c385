import Foundation
import Testing
@testable import AttentionEngine

// Independent reference arithmetic for the tests: plain loops over nested arrays, written without
// any engine helper, so a test compares two formulations rather than the engine with itself.

let tolerance = 1e-12

func close(_ a: Double, _ b: Double, _ tol: Double = tolerance) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }

func close(_ a: [Double], _ b: [Double], _ tol: Double = tolerance) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tol) }
}

/// Rows of a matrix as nested arrays.
func nested(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { i in (0..<m.cols).map { m[i, $0] } } }

/// W x with loops.
func matvec(_ W: [[Double]], _ x: [Double]) -> [Double] {
    W.map { row in var s = 0.0; for k in 0..<x.count { s += row[k] * x[k] }; return s }
}

func dotLoop(_ a: [Double], _ b: [Double]) -> Double { var s = 0.0; for k in 0..<a.count { s += a[k] * b[k] }; return s }

func addLoop(_ a: [Double], _ b: [Double]) -> [Double] { (0..<a.count).map { a[$0] + b[$0] } }

func sigmoidRef(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// Softmax written the textbook way (no shift), fine for the small scores the tests use.
func naiveSoftmax(_ x: [Double]) -> [Double] {
    let exps = x.map { exp($0) }
    let total = exps.reduce(0, +)
    return exps.map { $0 / total }
}

/// Σ_i α_i v_i with loops.
func weightedSum(_ alpha: [Double], _ values: [[Double]]) -> [Double] {
    var out = [Double](repeating: 0, count: values[0].count)
    for i in 0..<alpha.count { for k in 0..<out.count { out[k] += alpha[i] * values[i][k] } }
    return out
}

/// The lesson's running example: a query and three keys with source-token labels.
let s0 = Vector([0.5, -0.1, 0.3])
let h3 = try! Matrix([[0.2, -0.4, 0.1], [0.9, 0.0, -0.3], [0.1, 0.8, 0.5]], rowLabels: ["我", "爱", "你"])

/// The message of the `EngineError` thrown by `body`, or `nil` when it does not throw one.
func engineError(_ body: () throws -> Void) -> EngineError? {
    do { try body(); return nil } catch let error as EngineError { return error } catch { return nil }
}

// MARK: Worked arithmetic, read without a formatter
//
// The engine hands out symbols and numbers; formatting them is the renderers' business. Tests
// read the symbols (numbers replaced by `#`) and compare the numbers with values computed here.

extension WorkedArithmetic {
    /// The derivation's symbols, one printed stage per line (`lhs = stage`), numbers as `#`,
    /// then the note.
    var skeleton: String {
        let body = lines.flatMap { line in line.stages.map { line.lhs.skeleton + " = " + $0.skeleton } }
        return (body + (note.map { [$0.skeleton] } ?? [])).joined(separator: "\n")
    }

    /// Every number in it (title, lines, note), in reading order.
    var numbers: [Double] {
        ([title] + lines.flatMap { [$0.lhs] + $0.stages } + (note.map { [$0] } ?? [])).flatMap(\.numbers)
    }
}

/// Whether `xs` holds a number within `tolerance` of `x`.
func holds(_ xs: [Double], _ x: Double, tolerance: Double = 1e-9) -> Bool {
    xs.contains { Swift.abs($0 - x) <= tolerance }
}
