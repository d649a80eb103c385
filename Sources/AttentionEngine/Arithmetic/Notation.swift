// How worked arithmetic writes indices, vectors and sums. Indices are 0-based like the script
// language (`h₂` is row 2 of `h`), written as Unicode subscripts so explanations read like the papers.

/// How every `explain` writes indices, labels, vectors and sums (as `ArithmeticText`, numbers unformatted).
public enum Notation {
    private static let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]

    /// `i` in subscript digits: `12` → `₁₂`.
    public static func sub(_ i: Int) -> String {
        let body = String(String(i.magnitude).compactMap { $0.wholeNumberValue.map { digits[$0] } })
        return i < 0 ? "₋" + body : body
    }

    /// `[0.5, −0.1, 0.3]`: a vector of numbers in worked arithmetic.
    public static func vector(_ v: [Double]) -> ArithmeticText { .vector(v) }

    /// `0.5×0.9 + (−0.1)×0 + 0.3×(−0.3)`: the substituted form of `Σ_k a_k b_k`, each number a
    /// factor; cut after `limit` terms (`… (64 terms)`) so a d = 64 explanation stays one line.
    public static func products(_ a: [Double], _ b: [Double], limit: Int = .max) -> ArithmeticText {
        let n = min(a.count, b.count)
        var terms = (0..<min(n, limit)).map { k -> ArithmeticText in "\(factor: a[k])×\(factor: b[k])" }
        if n > limit { terms.append("… (\(n) terms)") }
        return ArithmeticText.joined(terms, separator: " + ")
    }

    /// `0.2 + (−0.4) + 0.1`: the substituted form of a sum.
    public static func sum(_ terms: [Double]) -> ArithmeticText {
        ArithmeticText.joined(terms.map { "\(factor: $0)" }, separator: " + ")
    }

    /// Label `i` of `labels`, or `nil` when there are none or too few (labels come from user
    /// input, so a short list must not crash an explanation).
    public static func label(_ labels: [String]?, _ i: Int) -> String? {
        guard let labels, i >= 0, i < labels.count else { return nil }
        return labels[i]
    }
}
