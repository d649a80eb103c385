import AttentionEngine

extension Value {
    /// What kind of value this is, for messages: "a 4×3 matrix", "a vector of length 3", "a number (2.5)".
    public var brief: String {
        switch self {
        case .number(let x): return "a number (\(NumberFormat.compact(x, precision: 6)))"
        case .string: return "a string"
        case .bool(let b): return "a boolean (\(b))"
        case .vector(let v): return "a vector of length \(v.count)"
        case .matrix(let m): return "a \(m.rows)×\(m.cols) matrix"
        case .tokens(let t): return "a token list of length \(t.count)"
        case .record(let r): return "a record (\(r.kind)) with fields \(r.fields.map { "`\($0.name)`" }.joined(separator: ", "))"
        case .scoreFunction(let f): return "the score function `.\(f.name)`"
        }
    }

    /// How many numbers the value holds (for the size limit).
    public var entryCount: Int {
        switch self {
        case .vector(let v): return v.count
        case .matrix(let m): return m.rows * m.cols
        case .tokens(let t): return t.count
        case .record(let r): return r.fields.reduce(0) { $0 + $1.value.entryCount }
        case .scoreFunction(let f): return f.arguments.reduce(0) { $0 + $1.value.entryCount }
        default: return 1
        }
    }
}
