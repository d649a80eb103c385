import AttentionEngine

/// Turns the engine's worked arithmetic (symbols and numbers) into text at a chosen precision:
/// the one place that decides how a number in an explanation is written.
///
/// Numbers are compact (`0.36`, `2`, `−0.1`: rounded to `precision` digits, trailing zeros
/// dropped, Unicode minus, `−0` as `0`); factors are compact and parenthesised when negative
/// (`(−0.1)×0.9`); constants marked `full` get 12 digits; vectors read `[0.5, −0.1, 0.3]`.
public struct ArithmeticFormatter: Sendable {
    /// Digits after the point for computed numbers.
    public var precision: Int

    /// Digits for numbers the engine marks as constants to show in full (ε = 1e-12 reads `0.000000000001`).
    public static let fullDigits = 12

    public init(precision: Int) { self.precision = precision }

    /// One number in its role.
    public func number(_ x: Double, _ style: ArithmeticText.Style) -> String {
        switch style {
        case .compact: return NumberFormat.compact(x, precision: precision)
        case .factor: return NumberFormat.factor(x, precision: precision)
        case .full: return NumberFormat.compact(x, precision: Self.fullDigits)
        }
    }

    /// The text with every number written out.
    public func string(_ text: ArithmeticText) -> String {
        var out = ""
        for piece in text.pieces {
            switch piece {
            case .text(let s): out += s
            case .number(let x, let style): out += number(x, style)
            case .vector(let v): out += "[" + v.map { number($0, .compact) }.joined(separator: ", ") + "]"
            }
        }
        return out
    }

    /// The derivation as plain text, one stage per line, aligned under the first `=`; with the
    /// closing note as a last line unless `includingNote` is false (HTML and Markdown set it apart).
    public func text(_ worked: WorkedArithmetic, includingNote: Bool = true) -> String {
        var out: [String] = []
        for line in worked.lines {
            let lhs = string(line.lhs)
            let pad = String(repeating: " ", count: lhs.count)
            for (k, stage) in line.stages.enumerated() {
                out.append((k == 0 ? lhs : pad) + " = " + string(stage))
            }
        }
        if includingNote, let note = worked.note { out.append(string(note)) }
        return out.joined(separator: "\n")
    }
}
