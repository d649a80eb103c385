import Foundation

/// Deterministic number formatting shared by the renderers: tables, figures, worked arithmetic
/// (through `ArithmeticFormatter`) and inline values. The engine formats no number it returns.
///
/// No locale is consulted: the decimal point is always `.`, negatives use the Unicode minus `−`
/// (as typeset in the lessons), and `−0` prints as `0`.
public enum NumberFormat {
    /// `x` with exactly `precision` digits after the point (`0.3600`), `−0.0000` shown as `0.0000`.
    public static func fixed(_ x: Double, precision: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        var s = String(format: "%.\(precision)f", x)
        if s.hasPrefix("-") {
            let digits = s.dropFirst()
            if digits.allSatisfy({ $0 == "0" || $0 == "." }) { s = String(digits) } else { s = "−" + digits }
        }
        return s
    }

    /// `x` rounded to `precision` digits with trailing zeros dropped (`0.36`, `2`, `−0.1`): the
    /// compact form used inside worked arithmetic.
    public static func compact(_ x: Double, precision: Int) -> String {
        var s = fixed(x, precision: precision)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "−0" { s = "0" }
        return s
    }

    /// `compact`, wrapped in parentheses when negative, for use as a factor: `(−0.1)×0.0`.
    public static func factor(_ x: Double, precision: Int) -> String {
        let s = compact(x, precision: precision)
        return s.hasPrefix("−") ? "(\(s))" : s
    }
}
