// Transitional: explanations not yet converted to `ArithmeticText` build their parts as finished
// strings. Removed once every `explain` returns numbers.

extension WorkedArithmetic.Line {
    public init(lhs: String, symbolic: String = "", substituted: String = "", simplified: String = "", result: String) {
        self.init(lhs: ArithmeticText(lhs), symbolic: ArithmeticText(symbolic), substituted: ArithmeticText(substituted),
                  simplified: ArithmeticText(simplified), result: ArithmeticText(result))
    }
}

extension WorkedArithmetic {
    public init(title: String, lines: [Line], note: String? = nil) {
        self.init(title: ArithmeticText(title), lines: lines, note: note.map { ArithmeticText($0) })
    }
}
