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

    /// The value on one line, numbers in compact form: `3`, `[3, 7]`, `[[1, 2], [3, 4]]`, `我 爱 你`.
    public func inline(precision: Int) -> String {
        func n(_ x: Double) -> String { NumberFormat.compact(x, precision: precision) }
        switch self {
        case .number(let x): return n(x)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .vector(let v): return "[" + v.values.map(n).joined(separator: ", ") + "]"
        case .matrix(let m): return "[" + (0..<m.rows).map { i in "[" + m.row(i).values.map(n).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        case .tokens(let t): return t.joined(separator: " ")
        case .record(let r): return "{" + r.fields.map { "\($0.name): \($0.value.inline(precision: precision))" }.joined(separator: ", ") + "}"
        case .scoreFunction(let f):
            if f.arguments.isEmpty { return ".\(f.name)" }
            return ".\(f.name)(" + f.arguments.map { ($0.label.map { "\($0): " } ?? "") + $0.value.inline(precision: precision) }.joined(separator: ", ") + ")"
        }
    }
}
