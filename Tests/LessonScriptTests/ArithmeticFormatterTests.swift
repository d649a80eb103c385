import AttentionEngine
import Foundation
import Testing
@testable import LessonScript

// The renderers' formatter for worked arithmetic: the engine gives symbols and numbers, this
// decides digits, minus signs, parentheses and layout. Expected texts are written by hand.

@Suite struct ArithmeticFormatterTests {
    let four = ArithmeticFormatter(precision: 4)

    @Test func workedArithmeticAlignsUnderTheFirstEquals() {
        let w = WorkedArithmetic(title: "e₂, the dot score of h₂ against s",
                                 lines: [.init(lhs: "e₂", symbolic: "s·h₂",
                                               substituted: "\(factor: 0.5)×\(factor: 0.1) + \(factor: -0.1)×\(factor: 0.8) + \(factor: 0.3)×\(factor: 0.5)",
                                               result: "\(num: 0.05 - 0.08 + 0.15)")],
                                 note: "No scaling.")
        #expect(four.text(w) == "e₂ = s·h₂\n   = 0.5×0.1 + (−0.1)×0.8 + 0.3×0.5\n   = 0.12\nNo scaling.")
        #expect(four.text(w, includingNote: false) == "e₂ = s·h₂\n   = 0.5×0.1 + (−0.1)×0.8 + 0.3×0.5\n   = 0.12")
    }

    @Test func emptyStagesAreSkippedAndEachStageHasItsOwnLine() {
        let line = WorkedArithmetic.Line(lhs: "h", symbolic: "tanh(W x)", substituted: "tanh(\(vector: [0.4, 0.7]))",
                                         simplified: "", result: "\(vector: [tanh(0.4), tanh(0.7)])")
        #expect(four.text(WorkedArithmetic(title: "", lines: [line])) == "h = tanh(W x)\n  = tanh([0.4, 0.7])\n  = [0.3799, 0.6044]")
    }

    @Test func numbersFollowTheirRole() {
        #expect(four.string("\(num: 2.0)") == "2")
        #expect(four.string("\(num: -0.00001)") == "0")              // −0 after rounding reads 0
        #expect(four.string("\(num: -0.25)") == "−0.25")              // Unicode minus
        #expect(four.string("\(factor: -0.25)×\(factor: 3)") == "(−0.25)×3")
        #expect(four.string("ε = \(full: 1e-5)") == "ε = 0.00001")    // constants keep their digits
        #expect(ArithmeticFormatter(precision: 2).string("\(num: 1 / 3.0)") == "0.33")
        #expect(four.string("\(vector: [0.5, -0.1, 1])") == "[0.5, −0.1, 1]")
    }

    @Test func theSameArithmeticPrintsAtAnyPrecision() {
        let t: ArithmeticText = "√2 = \(num: 2.0.squareRoot())"
        #expect(ArithmeticFormatter(precision: 2).string(t) == "√2 = 1.41")
        #expect(ArithmeticFormatter(precision: 6).string(t) == "√2 = 1.414214")
    }
}
