import Foundation

// The worked arithmetic of one score e_i, numbers substituted, for `explain step.e[2]`.
// Recomputed here from the inputs (small, on demand) so the compute path never builds strings.

extension ScoreFunction {
    /// The arithmetic behind `e_position`, e.g. `e₂ = s·h₂ = 0.5×0.9 + (−0.1)×0 + 0.3×(−0.3) = 0.36`.
    /// - Parameters:
    ///   - query: the query s.
    ///   - keys: S × d_h; row `position` is the key explained.
    ///   - position: 0-based source position i.
    /// - Returns: one line per intermediate (projections, tanh, the final sum).
    /// - Throws: `EngineError` for mismatched shapes or a position outside 0..<S.
    public func explain(query: Vector, keys: Matrix, position i: Int) throws -> WorkedArithmetic {
        let prepared = try PreparedScore(self, queryCount: query.count, keys: keys)
        guard i >= 0, i < keys.rows else {
            throw EngineError("position \(i) is outside the \(keys.rows) keys (0..<\(keys.rows))", parameter: "position")
        }
        let s = query.values, h = keys.row(i).values
        let e = prepared.scores(s)[i]
        let ei = "e" + Notation.sub(i), hi = "h" + Notation.sub(i)
        let token = Notation.label(keys.rowLabels, i).map { " (“\($0)”)" } ?? ""
        let title: ArithmeticText = "\(ei), the \(name) score of \(hi)\(token) against s"
        let v = { (x: [Double]) in Notation.vector(x) }
        let n = { (x: Double) in ArithmeticText.number(x) }
        let lhs = ArithmeticText(ei)
        var lines: [WorkedArithmetic.Line] = []
        var note: ArithmeticText?
        switch self {
        case .dot:
            lines = [.init(lhs: lhs, symbolic: "s·\(hi)", substituted: Notation.products(s, h), result: n(e))]
        case .scaledDot:
            let d = Double(h.count), raw = zip(s, h).reduce(0) { $0 + $1.0 * $1.1 }
            lines = [.init(lhs: "s·\(hi)", substituted: Notation.products(s, h), result: n(raw)),
                     .init(lhs: lhs, symbolic: "s·\(hi)/√\(h.count)", substituted: "\(n(raw))/\(n(d.squareRoot()))", result: n(e))]
            note = "Dividing by √d keeps the scores' spread from growing with the key size d, so softmax does not saturate."
        case .general(let W):
            let wh = try W.matmul(keys.row(i)).values
            lines = [.init(lhs: "W\(hi)", result: v(wh)),
                     .init(lhs: lhs, symbolic: "s·(W\(hi))", substituted: Notation.products(s, wh), result: n(e))]
        case .additive(let W1, let W2, let vv, let b1, let b2):
            var a = try W1.matmul(keys.row(i)).values
            var b = try W2.matmul(query).values
            lines.append(.init(lhs: "W₁\(hi)", result: v(a)))
            lines.append(.init(lhs: "W₂s", result: v(b)))
            if let b1 { a = zip(a, b1.values).map(+); lines.append(.init(lhs: "W₁\(hi) + b₁", result: v(a))) }
            if let b2 { b = zip(b, b2.values).map(+); lines.append(.init(lhs: "W₂s + b₂", result: v(b))) }
            let z = zip(a, b).map(+), t = z.map { Foundation.tanh($0) }
            // The symbolic form names exactly the terms that went into z (biases only when given).
            let zTerms: ArithmeticText = "W₁\(hi)" + (b1 != nil ? " + b₁" : "") + " + W₂s" + (b2 != nil ? " + b₂" : "")
            lines.append(.init(lhs: "z", symbolic: zTerms, substituted: "", result: v(z)))
            lines.append(.init(lhs: "tanh(z)", result: v(t)))
            lines.append(.init(lhs: lhs, symbolic: "v·tanh(z)", substituted: Notation.products(vv.values, t), result: n(e)))
        case .additiveNoTanh(let W1, let W2, let vv):
            let a = try W1.matmul(keys.row(i)).values, b = try W2.matmul(query).values
            let z = zip(a, b).map(+)
            let keyTerm = zip(vv.values, a).reduce(0) { $0 + $1.0 * $1.1 }, queryTerm = zip(vv.values, b).reduce(0) { $0 + $1.0 * $1.1 }
            lines = [.init(lhs: "W₁\(hi)", result: v(a)), .init(lhs: "W₂s", result: v(b)),
                     .init(lhs: "z", symbolic: "W₁\(hi) + W₂s", result: v(z)),
                     .init(lhs: lhs, symbolic: "v·z", substituted: Notation.products(vv.values, z), result: n(e)),
                     .init(lhs: lhs, symbolic: "v·W₁\(hi) + v·W₂s", substituted: "\(n(keyTerm)) + \(factor: queryTerm)",
                           result: n(e))]
            note = "The query term v·W₂s = \(n(queryTerm)) is the same for every i, so it cancels in softmax: the weights ignore s."
        case .mlp(let W, let U, let vv):
            let a = try W.matmul(query).values, b = try U.matmul(keys.row(i)).values
            let z = zip(a, b).map(+), t = z.map { Foundation.tanh($0) }
            let ki = "k" + Notation.sub(i)
            lines = [.init(lhs: "W q", result: v(a)), .init(lhs: "U\(ki)", result: v(b)),
                     .init(lhs: "z", symbolic: "W q + U\(ki)", result: v(z)),
                     .init(lhs: "tanh(z)", result: v(t)),
                     .init(lhs: lhs, symbolic: "v·tanh(z)", substituted: Notation.products(vv.values, t), result: n(e))]
        case .cosine(let beta):
            let ki = "k" + Notation.sub(i)
            let qk = zip(s, h).reduce(0) { $0 + $1.0 * $1.1 }
            let qn = s.reduce(0) { $0 + $1 * $1 }.squareRoot(), kn = h.reduce(0) { $0 + $1 * $1 }.squareRoot()
            lines = [.init(lhs: "q·\(ki)", substituted: Notation.products(s, h), result: n(qk)),
                     .init(lhs: "‖q‖", symbolic: "√(Σ qⱼ²)", result: n(qn)),
                     .init(lhs: "‖\(ki)‖", symbolic: "√(Σ kⱼ²)", result: n(kn)),
                     .init(lhs: lhs, symbolic: beta == 1 ? "q·\(ki)/(‖q‖‖\(ki)‖)" : "β·q·\(ki)/(‖q‖‖\(ki)‖)",
                           substituted: (beta == 1 ? "" : "\(n(beta))×") + "\(n(qk))/(\(n(qn))×\(n(kn)))", result: n(e))]
        case .concat(let w):
            let ki = "k" + Notation.sub(i)
            lines = [.init(lhs: lhs, symbolic: "w·[q; \(ki)]", substituted: Notation.products(w.values, s + h), result: n(e))]
            note = "The query half w_q·q is the same for every i and cancels in softmax."
        case .location(let W):
            let row = W.row(i).values
            lines = [.init(lhs: lhs, symbolic: "(W s)\(Notation.sub(i)) = W\(Notation.sub(i))·s",
                           substituted: Notation.products(row, s), result: n(e))]
            note = "The location score looks only at the decoder state s; the key \(hi) is not used (Luong et al. 2015, eq. 8)."
        }
        return WorkedArithmetic(title: title, lines: lines, note: note)
    }
}
