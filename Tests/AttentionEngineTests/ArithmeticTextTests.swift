import Foundation
import Testing
@testable import AttentionEngine

// Worked arithmetic is data: symbols and numbers, compared and cached like any trace.

@Test func interpolationKeepsNumbersAsNumbersAndMergesText() {
    let i = 2
    let t: ArithmeticText = "e\(Notation.sub(i)) = \(factor: -0.1)×\(num: 0.9) + \(vector: [1, 2])"
    #expect(t.pieces == [.text("e₂ = "), .number(-0.1, .factor), .text("×"), .number(0.9, .compact), .text(" + "), .vector([1, 2])])
    #expect(t.numbers == [-0.1, 0.9, 1, 2])
    #expect(t.skeleton == "e₂ = #×# + [#, #]")
    // Built in pieces or in one literal, the same text compares equal.
    var built = ArithmeticText("e")
    built.append("₂ = ")
    #expect(built + "\(factor: -0.1)" == "e₂ = \(factor: -0.1)")
    #expect(ArithmeticText.joined(["a", "b", "\(num: 1)"], separator: ", ") == "a, b, \(num: 1)")
}

@Test func workedArithmeticRoundTripsThroughJSON() throws {
    let w = WorkedArithmetic(title: "α = softmax(e) with τ = \(num: 0.5)",
                             lines: [.init(lhs: "m", symbolic: "max(e₀, e₁)", substituted: "max(\(num: 0.1), \(num: -2))", result: "\(num: 0.1)"),
                                     .init(lhs: "x", result: "\(vector: [1, 0.25])")],
                             note: "ε = \(full: 1e-5)")
    let back = try JSONDecoder().decode(WorkedArithmetic.self, from: JSONEncoder().encode(w))
    #expect(back == w)
}
