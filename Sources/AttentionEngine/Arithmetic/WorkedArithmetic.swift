/// The arithmetic behind one computed value, with the numbers substituted: what `explain` shows.
///
/// Example (a dot score):
/// ```
/// e₂ = s·h₂
///    = 0.5×0.9 + (−0.1)×0 + 0.3×(−0.3)
///    = 0.36
/// ```
/// Produced on demand (never during a benchmark-sized computation) from a trace and a precision.
public struct WorkedArithmetic: Equatable, Sendable, Codable {
    /// What is being explained, e.g. "e₂, the dot score of h₂ against s₀".
    public var title: String
    /// The derivation, one equation per line.
    public var lines: [Line]
    /// An optional closing remark (e.g. why the maximum was subtracted).
    public var note: String?

    /// One equation: `lhs = symbolic = substituted = simplified = result`, each stage on its own
    /// printed line; empty parts are skipped.
    public struct Line: Equatable, Sendable, Codable {
        public var lhs: String
        public var symbolic: String
        public var substituted: String
        /// An optional stage between the substitution and the result (e.g. `tanh([0.52, 0.11])`
        /// after the summands were added up), so no printed line has to carry two steps.
        public var simplified: String
        public var result: String

        public init(lhs: String, symbolic: String = "", substituted: String = "", simplified: String = "", result: String) {
            self.lhs = lhs
            self.symbolic = symbolic
            self.substituted = substituted
            self.simplified = simplified
            self.result = result
        }
    }

    public init(title: String, lines: [Line], note: String? = nil) {
        self.title = title
        self.lines = lines
        self.note = note
    }

    /// Plain-text form, one step per line, aligned under the first `=`.
    public var text: String {
        var out: [String] = []
        for line in lines {
            let parts = [line.symbolic, line.substituted, line.simplified, line.result].filter { !$0.isEmpty }
            let pad = String(repeating: " ", count: line.lhs.count)
            for (k, part) in parts.enumerated() {
                out.append((k == 0 ? line.lhs : pad) + " = " + part)
            }
        }
        if let note { out.append(note) }
        return out.joined(separator: "\n")
    }
}
