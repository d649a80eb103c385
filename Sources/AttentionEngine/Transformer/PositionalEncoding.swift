import Foundation

// Sinusoidal positional encoding (Vaswani et al. 2017 §3.5):
//     PE(pos, 2i)     = sin(pos / 10000^{2i/d_model})
//     PE(pos, 2i + 1) = cos(pos / 10000^{2i/d_model})
// Positions count from 0. For an odd d_model the last column is a sine.

public enum PositionalEncoding {
    /// The (positions × d_model) table, row `pos`, column `k`.
    /// - Throws: `EngineError` when positions < 1 or d_model < 1.
    public static func sinusoidal(positions n: Int, dModel d: Int) throws -> Matrix {
        guard n >= 1 else { throw EngineError("positional encoding needs at least one position, found \(Entrywise.show(n))", parameter: "positions") }
        guard d >= 1 else { throw EngineError("positional encoding needs d_model ≥ 1, found \(Entrywise.show(d))", parameter: "dModel") }
        var pe = Matrix(rows: n, cols: d)
        for pos in 0..<n {
            for k in 0..<d { pe[pos, k] = value(position: pos, column: k, dModel: d) }
        }
        pe.rowLabels = (0..<n).map { "pos \($0)" }
        return pe
    }

    /// One entry PE(pos, k).
    public static func value(position pos: Int, column k: Int, dModel d: Int) -> Double {
        let i = k / 2
        let angle = Double(pos) / Foundation.pow(10000, Double(2 * i) / Double(d))
        return k % 2 == 0 ? Foundation.sin(angle) : Foundation.cos(angle)
    }

    /// The arithmetic of PE(pos, k).
    public static func explain(position pos: Int, column k: Int, dModel d: Int) -> WorkedArithmetic {
        let i = k / 2, f = { ArithmeticText.number($0) }
        let angle = Double(pos) / Foundation.pow(10000, Double(2 * i) / Double(d))
        let fn = k % 2 == 0 ? "sin" : "cos"
        return WorkedArithmetic(title: "PE(\(pos), \(k)), the positional encoding of position \(pos), column \(k) (i = \(i))",
                                lines: [.init(lhs: "angle", symbolic: "pos / 10000^(2i/d)", substituted: "\(pos) / 10000^(\(2 * i)/\(d))", result: f(angle)),
                                        .init(lhs: "PE(\(pos), \(k))", symbolic: "\(fn)(angle)", substituted: "\(fn)(\(f(angle)))",
                                              result: f(value(position: pos, column: k, dModel: d)))])
    }
}
