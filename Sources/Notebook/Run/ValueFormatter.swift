import AttentionEngine
import LessonScript

/// Formats values for prose (inline values), with the lesson precision and `NumberFormat`.
public enum ValueFormatter {
    public static func inline(_ value: Value, precision: Int) -> String {
        switch value {
        // A whole number (a count, a position from `argmax`, a masked 0) reads as one: "2", not "2.0000".
        case .number(let x) where x == x.rounded() && abs(x) < 1e15: return NumberFormat.compact(x, precision: 0)
        case .number(let x): return NumberFormat.fixed(x, precision: precision)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .vector(let v):
            // Whole numbers (counts, a one-hot row) without decimals, as in tables.
            let digits = v.values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 } ? 0 : precision
            return "[" + v.values.map { NumberFormat.fixed($0, precision: digits) }.joined(separator: ", ") + "]"
        case .matrix(let m):
            return "[" + m.rowVectors.map { inline(.vector($0), precision: precision) }.joined(separator: ", ") + "]"
        case .tokens(let t): return t.joined(separator: " ")
        case .record(let r): return r.kind
        case .scoreFunction(let f): return "." + f.name
        }
    }
}
