import AttentionEngine
import Foundation

// Entrywise functions and reductions, and softmax (CURRICULUM §B: computed stably).

extension BuiltinRegistry {
    static let mathBuiltins: [Builtin] = [
        Builtin(name: "softmax", signature: "softmax(x, mask:, temperature:)",
                summary: "Weights α = exp((x − max)/τ) / Σ exp(…), computed stably; row by row for a matrix.",
                doc: "`mask:` says where attending is allowed (`[true, false]` or `[1, 0]`); masked weights are exactly 0, "
                    + "and a mask that allows nothing is an error. `temperature:` τ > 0 sharpens below 1 and flattens above. "
                    + "`explain softmax(e)` shows the maximum, the shifted exponentials, their sum and each ratio.",
                group: "Math",
                explanation: { call in try softmaxTrace(call).explain() }) { call in
            let x = call.arguments[0]
            let tau = try call.argument("temperature").map { try call.number($0, "temperature") } ?? 1
            if case .matrix(let m) = x.value {
                var mask: [[Bool]]?
                if let a = call.argument("mask") {
                    switch a.value {
                    case .matrix(let mm): mask = try (0..<mm.rows).map { try call.mask(.init(label: "mask", value: .vector(mm.row($0)), location: a.location)) }
                    default: mask = Array(repeating: try call.mask(a), count: m.rows)
                    }
                }
                return .matrix(try call.engine { try Softmax.rows(m, mask: mask, temperature: tau) })
            }
            return .vector(try softmaxTrace(call).weights)
        },
        entrywise("tanh", "The hyperbolic tangent of each entry.", Foundation.tanh),
        entrywise("exp", "e to the power of each entry.", Foundation.exp),
        entrywise("log", "The natural logarithm of each entry (entries must be > 0).", Foundation.log),
        entrywise("sqrt", "The square root of each entry (entries must be ≥ 0).", { $0.squareRoot() }),
        entrywise("sigmoid", "σ(x) = 1/(1 + e^(−x)) of each entry.", { 1 / (1 + Foundation.exp(-$0)) }),
        entrywise("relu", "max(0, x) of each entry.", { max(0, $0) }),
        entrywise("abs", "|x| of each entry.", { Swift.abs($0) }),
        // sin and cos let a lesson check the positional encoding PE(pos, 2i) = sin(pos/10000^(2i/d)) by hand.
        entrywise("sin", "The sine of each entry (radians).", Foundation.sin),
        entrywise("cos", "The cosine of each entry (radians).", Foundation.cos),
        reduction("sum", "The sum of all entries (of a vector, or of a whole matrix).") { $0.reduce(0, +) },
        reduction("mean", "The mean of all entries.") { $0.reduce(0, +) / Double($0.count) },
        reduction("max", "The largest entry.") { $0.max()! },
        reduction("min", "The smallest entry.") { $0.min()! },
        Builtin(name: "argmax", signature: "argmax(v)", summary: "The position (0-based) of the largest entry; a tie goes to the first.",
                group: "Math") { call in
            let v = try call.vector(call.arguments[0], "v")
            var best = 0
            for i in 1..<max(v.count, 1) where v[i] > v[best] { best = i }
            return .number(Double(best))
        },
        Builtin(name: "norm", signature: "norm(v)", summary: "The Euclidean length ‖v‖₂.",
                group: "Math") { call in
            switch call.arguments[0].value {
            case .vector(let v): return .number(v.norm)
            case .matrix(let m): return .number(m.storage.reduce(0) { $0 + $1 * $1 }.squareRoot())
            default: throw call.wrongType(call.arguments[0], "v", "a vector")
            }
        },
        Builtin(name: "dot", signature: "dot(a, b)", summary: "The dot product `aᵀb`, the same as `a @ b` for vectors.",
                group: "Math") { call in
            let a = try call.vector(call.arguments[0], "a"), b = try call.vector(call.arguments[1], "b")
            return .number(try call.engine { try a.dot(b) })
        },
        Builtin(name: "onehot", signature: "onehot(i, n)", summary: "A vector of n zeros with a 1 at position i (hard attention).",
                group: "Math") { call in
            let n = try call.integer(call.arguments[1], "n", minimum: 1)
            try Limits.check(rows: 1, cols: n, at: call.arguments[1].location)
            let i = try call.integer(call.arguments[0], "i", minimum: 0, maximum: n - 1)
            var v = Vector(repeating: 0, count: n)
            v[i] = 1
            return .vector(v)
        },
    ]

    static func softmaxTrace(_ call: BuiltinCall) throws -> SoftmaxTrace {
        let xArgument = try call.required(0, "x")
        let x = try call.vector(xArgument, "x")
        let mask = try call.argument("mask").map { try call.mask($0) }
        let tau = try call.argument("temperature").map { try call.number($0, "temperature") } ?? 1
        return try call.engine { try Softmax.trace(x, mask: mask, temperature: tau) }
    }

    private static func entrywise(_ name: String, _ summary: String, _ f: @escaping @Sendable (Double) -> Double) -> Builtin {
        Builtin(name: name, signature: "\(name)(x)", summary: summary,
                doc: "Works on a number, a vector or a matrix, entry by entry; labels are kept.",
                group: "Math") { call in
            switch call.arguments[0].value {
            case .number(let x): return .number(f(x))
            case .vector(let v): return .vector(v.map(f))
            case .matrix(let m): return .matrix(m.map(f))
            default: throw call.wrongType(call.arguments[0], "x", "a number, vector or matrix")
            }
        }
    }

    private static func reduction(_ name: String, _ summary: String, _ f: @escaping @Sendable ([Double]) -> Double) -> Builtin {
        Builtin(name: name, signature: "\(name)(x)", summary: summary, group: "Math") { call in
            switch call.arguments[0].value {
            case .vector(let v): return .number(f(v.values))
            case .matrix(let m): return .number(f(m.storage))
            default: throw call.wrongType(call.arguments[0], "x", "a vector or matrix")
            }
        }
    }
}
