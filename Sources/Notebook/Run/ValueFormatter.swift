import Foundation
import AttentionEngine
import LessonScript

/// Formats values for prose (inline values), with the lesson precision and `NumberFormat`.
public enum ValueFormatter {
    /// Which way a number that states a bound must be rounded so the printed bound stays true.
    public enum Bound: Equatable, Sendable {
        /// "within 0.0009", "at most 0.0009": round toward +∞, never below the true value.
        case upper
        /// "at least 0.0008": round toward −∞, never above the true value.
        case lower
    }

    /// Phrases that make the number right after them an upper bound ("within", "at most", …) or a
    /// lower bound ("at least", …). Only whole words count, and only right before the value.
    static let upperPhrases = ["within", "at most", "less than", "smaller than", "no more than", "below", "under"]
    static let lowerPhrases = ["at least", "more than", "greater than", "larger than", "no less than", "above"]

    /// The bound that the prose right before an inline value states, if any: `text` is the prose
    /// up to the `{=`, and its last words decide.
    public static func bound(after text: String) -> Bound? {
        func isSeparator(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == "*" || c == "_" }
        // Only the last words decide (three at most): the text from the start of its fourth-last
        // word is enough, found from the end, so a paragraph before a value is not lower-cased and
        // split whole (2% of a one-lesson rebuild). Lower-casing maps each scalar alone and never
        // makes or unmakes a separator, so the words of the tail are the last words of the whole.
        var tail = text.startIndex
        var i = text.endIndex, seen = 0, inWord = false
        while i > text.startIndex {
            let before = text.index(before: i)
            if isSeparator(text[before]) {
                if inWord { seen += 1; inWord = false }
                if seen == 4 { tail = i; break }
            } else {
                inWord = true
            }
            i = before
        }
        let words = text[tail...].lowercased().split(whereSeparator: isSeparator)
        func endsWith(_ phrase: String) -> Bool {
            let p = phrase.split(separator: " ")
            return words.count >= p.count && Array(words.suffix(p.count)) == p
        }
        if upperPhrases.contains(where: endsWith) { return .upper }
        if lowerPhrases.contains(where: endsWith) { return .lower }
        return nil
    }

    /// `inline`, except that a number stating a bound is rounded outward (`bound`), so "within
    /// 0.000847" prints "within 0.0009", not a bound the true value breaks.
    public static func inline(_ value: Value, precision: Int, bound: Bound?) -> String {
        guard let bound, case .number(let x) = value, x.isFinite, !Value.isWhole(x) else {
            return inline(value, precision: precision)
        }
        return NumberFormat.fixed(directed(x, precision: precision, bound: bound), precision: precision)
    }

    /// `x` rounded to `precision` digits toward +∞ (`.upper`) or −∞ (`.lower`); a value already at
    /// that precision up to representation error (0.02 stored as 0.0200000000000000004) is kept.
    static func directed(_ x: Double, precision: Int, bound: Bound) -> Double {
        let scale = pow(10, Double(precision))
        let scaled = x * scale
        if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled)) { return scaled.rounded() / scale }
        return (bound == .upper ? scaled.rounded(.up) : scaled.rounded(.down)) / scale
    }

    public static func inline(_ value: Value, precision: Int) -> String {
        switch value {
        // A whole number (a count, a position from `argmax`, a masked 0) reads as one: "2", not "2.0000".
        case .number(let x) where Value.isWhole(x): return NumberFormat.compact(x, precision: 0)
        case .number(let x): return NumberFormat.fixed(x, precision: precision)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .vector(let v):
            // Whole numbers (counts, a one-hot row) without decimals, as in tables.
            let digits = Value.digits(v.values, precision: precision)
            return "[" + v.values.map { NumberFormat.fixed($0, precision: digits) }.joined(separator: ", ") + "]"
        case .matrix(let m):
            return "[" + m.rowVectors.map { inline(.vector($0), precision: precision) }.joined(separator: ", ") + "]"
        case .tokens(let t): return t.joined(separator: " ")
        case .record(let r): return r.kind
        case .scoreFunction(let f): return "." + f.name
        }
    }
}
