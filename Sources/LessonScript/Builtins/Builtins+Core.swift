import AttentionEngine

// Building values: tokens, seeded random weights, constant matrices, concatenation, shapes.

extension BuiltinRegistry {
    static let coreBuiltins: [Builtin] = [
        Builtin(name: "tokens", signature: "tokens(text)", summary: "Splits text at spaces into a token list, for labels.",
                doc: "`tokens(\"我 爱 机器 学习\")` gives four tokens. Use them as labels: `h rows: src`.",
                group: "Values") { call in
            let text = try call.string(try call.required(0, "text"), "text")
            let t = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            guard !t.isEmpty else {
                throw Diagnostic(at: call.arguments[0].location, id: "empty-tokens", "`tokens` needs at least one token, found an empty string")
            }
            return .tokens(t)
        },
        Builtin(name: "random", signature: "random(rows, cols, seed:) · random(n, seed:)",
                summary: "Seeded uniform random numbers in [−1, 1): a matrix, or a vector of n.",
                doc: "The generator is SplitMix64, the same on every machine: the same seed gives the same numbers. "
                    + "Entries are drawn row by row.",
                group: "Values") { call in
            let seedArgument = try call.required(0, "seed", labelled: true)
            let seed = try call.integer(seedArgument, "seed", minimum: 0)
            let p = call.positionalArguments
            let rows = try call.integer(p[0], p.count == 1 ? "n" : "rows", minimum: 1)
            if p.count == 1 {
                try Limits.check(rows: 1, cols: rows, at: p[0].location)
                return .vector(Vector.random(count: rows, seed: UInt64(seed)))
            }
            let cols = try call.integer(p[1], "cols", minimum: 1)
            try Limits.check(rows: rows, cols: cols, at: call.location)
            return .matrix(Matrix.random(rows: rows, cols: cols, seed: UInt64(seed)))
        },
        Builtin(name: "zeros", signature: "zeros(rows, cols) · zeros(n)", summary: "A matrix or vector of zeros.",
                group: "Values") { call in try constant(call, 0) },
        Builtin(name: "ones", signature: "ones(rows, cols) · ones(n)", summary: "A matrix or vector of ones.",
                group: "Values") { call in try constant(call, 1) },
        Builtin(name: "concat", signature: "concat(a, b)",
                summary: "Stacks two vectors into one, `[a; b]`, or joins matrices side by side.",
                doc: "Vectors: `[a; b]` (the article's `y' = [y; a]`). Matrices with the same number of rows: `[A B]`. "
                    + "A token list with a token list joins them.",
                group: "Values") { call in
            let a = call.arguments[0], b = call.arguments[1]
            switch (a.value, b.value) {
            case (.vector(let x), .vector(let y)): return .vector(x.concatenated(with: y))
            case (.matrix(let x), .matrix(let y)):
                try Limits.check(rows: x.rows, cols: x.cols + y.cols, at: call.location)
                return .matrix(try call.engine { try x.concatenatedColumns(y) })
            case (.tokens(let x), .tokens(let y)): return .tokens(x + y)
            default:
                throw Diagnostic(at: call.location, id: "wrong-type",
                                 "`concat` needs two vectors, two matrices or two token lists, found \(a.value.brief) and \(b.value.brief)")
            }
        },
        Builtin(name: "shape", signature: "shape(x)", summary: "The shape as a vector: `[rows, cols]` or `[n]`.",
                group: "Values") { call in
            switch call.arguments[0].value {
            case .matrix(let m): return .vector(Vector([Double(m.rows), Double(m.cols)]))
            case .vector(let v): return .vector(Vector([Double(v.count)]))
            case .tokens(let t): return .vector(Vector([Double(t.count)]))
            default: throw call.wrongType(call.arguments[0], "x", "a vector, matrix or token list")
            }
        },
        Builtin(name: "len", signature: "len(x)", summary: "Entries of a vector, rows of a matrix, tokens in a list.",
                group: "Values") { call in
            switch call.arguments[0].value {
            case .matrix(let m): return .number(Double(m.rows))
            case .vector(let v): return .number(Double(v.count))
            case .tokens(let t): return .number(Double(t.count))
            case .string(let s): return .number(Double(s.count))
            default: throw call.wrongType(call.arguments[0], "x", "a vector, matrix, token list or string")
            }
        },
        Builtin(name: "transpose", signature: "transpose(m)", summary: "`mᵀ`, the same as `m.T`.",
                group: "Values") { call in
            .matrix(try call.matrix(call.arguments[0], "m").transposed)
        },
        Builtin(name: "row", signature: "row(v)", summary: "A vector as a one-row matrix (1×n).",
                group: "Values") { call in
            .matrix(try call.rows(call.arguments[0], "v"))
        },
        Builtin(name: "stack", signature: "stack(a, b, …)", summary: "Vectors of equal length stacked as the rows of a matrix.",
                group: "Values") { call in
            let vectors = try call.arguments.map { try call.vector($0, "rows") }
            try Limits.check(rows: vectors.count, cols: vectors[0].count, at: call.location)
            return .matrix(try call.engine { try Matrix(stacking: vectors) })
        },
    ]

    private static func constant(_ call: BuiltinCall, _ x: Double) throws -> Value {
        let p = call.positionalArguments
        let rows = try call.integer(p[0], p.count == 1 ? "n" : "rows", minimum: 1)
        if p.count == 1 {
            try Limits.check(rows: 1, cols: rows, at: p[0].location)
            return .vector(Vector(repeating: x, count: rows))
        }
        let cols = try call.integer(p[1], "cols", minimum: 1)
        try Limits.check(rows: rows, cols: cols, at: call.location)
        return .matrix(Matrix(rows: rows, cols: cols, repeating: x))
    }
}
