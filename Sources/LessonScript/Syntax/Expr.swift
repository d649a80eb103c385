/// An expression of the script language. Every node keeps where it starts (for diagnostics) and
/// its source text span (for captions such as `step.alpha`).
indirect enum Expr: Sendable {
    case number(Double, Span)
    case string(String, Span)
    case bool(Bool, Span)
    /// `[a, b, c]`: a vector, or a matrix when the items are vectors.
    case list([Expr], Span)
    case name(String, Span)
    /// `-x`.
    case negate(Expr, Span)
    /// `a + b`, `a @ b`…; the span's location is the operator's.
    case binary(BinaryOperator, Expr, Expr, Span)
    /// `f(x, seed: 1)`.
    case call(callee: String, calleeSpan: Span, arguments: [Argument], Span)
    /// `m[i]`, `m[i, j]`.
    case index(Expr, [Expr], Span)
    /// `step.alpha`, `m.T`.
    case field(Expr, String, Span)
    /// `.additive(W1: W1, W2: W2, v: v)`; `arguments` is nil when written without parentheses.
    case scoreFunction(String, [Argument]?, Span)
    /// `expr rows: src cols: tgt`.
    case labelled(Expr, rows: Expr?, cols: Expr?, Span)

    var span: Span {
        switch self {
        case .number(_, let s), .string(_, let s), .bool(_, let s), .list(_, let s), .name(_, let s),
             .negate(_, let s), .binary(_, _, _, let s), .call(_, _, _, let s), .index(_, _, let s),
             .field(_, _, let s), .scoreFunction(_, _, let s), .labelled(_, _, _, let s):
            return s
        }
    }

    var location: SourceLocation { span.location }

    /// The same node with its text widened to `start..<end` (its location unchanged), for an
    /// expression written in parentheses.
    func spanning(start: Int, end: Int) -> Expr {
        func widened(_ s: Span) -> Span { Span(location: s.location, start: min(start, s.start), end: max(end, s.end)) }
        switch self {
        case .number(let x, let s): return .number(x, widened(s))
        case .string(let x, let s): return .string(x, widened(s))
        case .bool(let x, let s): return .bool(x, widened(s))
        case .list(let x, let s): return .list(x, widened(s))
        case .name(let x, let s): return .name(x, widened(s))
        case .negate(let x, let s): return .negate(x, widened(s))
        case .binary(let op, let l, let r, let s): return .binary(op, l, r, widened(s))
        case .call(let callee, let calleeSpan, let arguments, let s): return .call(callee: callee, calleeSpan: calleeSpan, arguments: arguments, widened(s))
        case .index(let x, let i, let s): return .index(x, i, widened(s))
        case .field(let x, let name, let s): return .field(x, name, widened(s))
        case .scoreFunction(let name, let arguments, let s): return .scoreFunction(name, arguments, widened(s))
        case .labelled(let x, let rows, let cols, let s): return .labelled(x, rows: rows, cols: cols, widened(s))
        }
    }
}

/// Where a node is: its first character's location (or its operator's, for binary nodes) and
/// the character range of its whole text in the scanned source.
struct Span: Sendable {
    var location: SourceLocation
    var start: Int
    var end: Int
}

struct Argument: Sendable {
    var label: String?
    var labelLocation: SourceLocation?
    var value: Expr
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", matmul = "@"
}

/// One statement: one line of a script.
enum Stmt: Sendable {
    case `let`(name: String, nameLocation: SourceLocation, value: Expr)
    case show(Expr)
    case heatmap(Expr, title: Expr?)
    case explain(Expr)
    case lines(Expr, title: Expr?)
    case bars(Expr, title: Expr?)
    /// `plot y title: "…" x: "epoch" y: "loss"`: a line chart with labelled axes.
    case plot(Expr, title: Expr?, xLabel: Expr?, yLabel: Expr?)
}
