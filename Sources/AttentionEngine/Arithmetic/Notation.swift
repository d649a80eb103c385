// How worked arithmetic writes indices, vectors and sums. Indices are 0-based like the script
// language (`h₂` is row 2 of `h`), written as Unicode subscripts so explanations read like the papers.

/// Small formatting helpers shared by every `explain`.
public enum Notation {
    private static let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]

    /// `i` in subscript digits: `12` → `₁₂`.
    public static func sub(_ i: Int) -> String {
        let body = String(String(abs(i)).map { digits[Int(String($0))!] })
        return i < 0 ? "₋" + body : body
    }

    /// `[0.5, −0.1, 0.3]`, entries in compact form.
    public static func vector(_ v: [Double], _ precision: Int) -> String {
        "[" + v.map { NumberFormat.compact($0, precision: precision) }.joined(separator: ", ") + "]"
    }

    /// `0.5×0.9 + (−0.1)×0 + 0.3×(−0.3)`: the substituted form of `Σ_k a_k b_k`.
    public static func products(_ a: [Double], _ b: [Double], _ precision: Int) -> String {
        zip(a, b).map { NumberFormat.factor($0, precision: precision) + "×" + NumberFormat.factor($1, precision: precision) }
            .joined(separator: " + ")
    }

    /// `0.2 + (−0.4) + 0.1`: the substituted form of a sum.
    public static func sum(_ terms: [Double], _ precision: Int) -> String {
        terms.map { NumberFormat.factor($0, precision: precision) }.joined(separator: " + ")
    }

    /// A number in compact form.
    public static func num(_ x: Double, _ precision: Int) -> String { NumberFormat.compact(x, precision: precision) }
}
