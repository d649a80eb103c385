import AttentionEngine

// How a value is written on one line (`show x` of a number, a record's scalar field, `eval`): a
// renderer's choice, kept with the other formatters.

extension Value {
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
