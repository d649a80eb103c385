// The stable softmax written out for `explain step.alpha`: maximum, shifted exponentials, sum,
// ratios (Bahdanau et al. 2014, eq. 6, in the overflow-safe form the lessons show).

extension SoftmaxTrace {
    /// The stable softmax step by step: the maximum, each shifted exponential, the sum, each ratio.
    /// - Returns: lines `m = max(…)`, `exp(e₀ − m) = …`, `Σ = …`, `α₀ = … / … = …`.
    public func explain() -> WorkedArithmetic {
        let n = { (x: Double) in ArithmeticText.number(x) }
        let allowed = mask ?? Array(repeating: true, count: scores.count)
        let open = (0..<scores.count).filter { allowed[$0] }
        var lines: [WorkedArithmetic.Line] = []
        lines.append(.init(lhs: "m", symbolic: ArithmeticText("max(" + open.map { "e" + Notation.sub($0) }.joined(separator: ", ") + ")"),
                           substituted: "max(\(ArithmeticText.joined(open.map { n(scores.values[$0]) }, separator: ", ")))",
                           result: n(maximum)))
        let tau: ArithmeticText = temperature == 1 ? "" : "/\(n(temperature))"
        for i in 0..<scores.count {
            let ei = "e" + Notation.sub(i)
            if allowed[i] {
                let shifted = ArithmeticText(temperature == 1 ? "exp(\(ei) − m)" : "exp((\(ei) − m)/τ)")
                let sub: ArithmeticText = temperature == 1 ? "exp(\(n(scores.values[i])) − \(factor: maximum))"
                                                           : "exp((\(n(scores.values[i])) − \(factor: maximum))\(tau))"
                lines.append(.init(lhs: "x\(Notation.sub(i))", symbolic: shifted, substituted: sub, result: n(exponentials.values[i])))
            } else {
                lines.append(.init(lhs: "x\(Notation.sub(i))", result: "0 (masked)"))
            }
        }
        lines.append(.init(lhs: "Σ", symbolic: ArithmeticText(open.map { "x" + Notation.sub($0) }.joined(separator: " + ")),
                           substituted: Notation.sum(open.map { exponentials.values[$0] }), result: n(sum)))
        for i in 0..<scores.count {
            let ai = ArithmeticText("α" + Notation.sub(i))
            if allowed[i] {
                lines.append(.init(lhs: ai, symbolic: "x\(Notation.sub(i))/Σ", substituted: "\(n(exponentials.values[i]))/\(n(sum))",
                                   result: n(weights.values[i])))
            } else {
                lines.append(.init(lhs: ai, result: "0 (masked)"))
            }
        }
        return WorkedArithmetic(title: "α = softmax(e)" + (temperature == 1 ? "" : " with τ = \(n(temperature))") as ArithmeticText,
                                lines: lines,
                                note: "Subtracting the maximum m changes no weight (exp(−m) cancels) but keeps every exponent ≤ 0.")
    }
}
