/// The arithmetic behind one computed value, with the numbers substituted: what `explain` shows.
///
/// Example (a dot score), as a renderer prints it:
/// ```
/// e₂ = s·h₂
///    = 0.5×0.9 + (−0.1)×0 + 0.3×(−0.3)
///    = 0.36
/// ```
/// Produced on demand (never during a benchmark-sized computation) from a trace. Every part is
/// an `ArithmeticText`: symbols and numbers, not formatted text; the renderer chooses the digits.
public struct WorkedArithmetic: Equatable, Sendable, Codable {
    /// What is being explained, e.g. "e₂, the dot score of h₂ against s₀".
    public var title: ArithmeticText
    /// The derivation, one equation per line.
    public var lines: [Line]
    /// An optional closing remark (e.g. why the maximum was subtracted).
    public var note: ArithmeticText?

    /// One equation: `lhs = symbolic = substituted = simplified = result`, each stage on its own
    /// printed line; empty parts are skipped.
    public struct Line: Equatable, Sendable, Codable {
        public var lhs: ArithmeticText
        public var symbolic: ArithmeticText
        public var substituted: ArithmeticText
        /// An optional stage between the substitution and the result (e.g. `tanh([0.52, 0.11])`
        /// after the summands were added up), so no printed line has to carry two steps.
        public var simplified: ArithmeticText
        public var result: ArithmeticText

        public init(lhs: ArithmeticText, symbolic: ArithmeticText = "", substituted: ArithmeticText = "",
                    simplified: ArithmeticText = "", result: ArithmeticText) {
            self.lhs = lhs
            self.symbolic = symbolic
            self.substituted = substituted
            self.simplified = simplified
            self.result = result
        }

        /// The stages after `lhs` that are printed, in order (empty ones skipped).
        public var stages: [ArithmeticText] {
            [symbolic, substituted, simplified, result].filter { !$0.isEmpty }
        }
    }

    public init(title: ArithmeticText, lines: [Line], note: ArithmeticText? = nil) {
        self.title = title
        self.lines = lines
        self.note = note
    }
}
