import Foundation
import Testing
@testable import AttentionEngine

@Test func softmaxOfLogsIsProportional() throws {
    // exp(0) : exp(ln 2) : exp(ln 3) = 1 : 2 : 3, so α = 1/6, 2/6, 3/6.
    let w = try Softmax.weights(Vector([0, log(2), log(3)]))
    #expect(close(w.values, [1.0 / 6, 2.0 / 6, 3.0 / 6]))
}

@Test func softmaxSumsToOneAndIgnoresAShift() throws {
    let x = Vector([0.3, -1.2, 2.5, 0.0])
    let w = try Softmax.weights(x)
    #expect(close(w.values.reduce(0, +), 1))
    #expect(close(w.values, naiveSoftmax(x.values)))
    let shifted = try Softmax.weights(x.map { $0 + 7.25 })
    #expect(close(shifted.values, w.values))
}

@Test func hugeScoresGiveTheSameWeightsAsShiftedOnes() throws {
    let small = try Softmax.weights(Vector([0, log(2), -1]))
    let big = try Softmax.weights(Vector([1000, 1000 + log(2), 999]))
    let negative = try Softmax.weights(Vector([-1000, -1000 + log(2), -1001]))
    #expect(close(big.values, small.values))
    #expect(close(negative.values, small.values))
    let total: Double = 1 + 2 + exp(-1.0)
    let expected: [Double] = [1 / total, 2 / total, exp(-1.0) / total]
    #expect(close(small.values, expected))
}

@Test func temperatureDividesTheScores() throws {
    let x = [1.0, 2.0, 4.0]
    let hot = try Softmax.weights(Vector(x), temperature: 2)
    #expect(close(hot.values, naiveSoftmax(x.map { $0 / 2 })))
    let cold = try Softmax.weights(Vector(x), temperature: 0.1)
    #expect(cold.values[2] > 0.999, "low temperature approaches one-hot on the maximum")
    #expect(engineError { _ = try Softmax.weights(Vector(x), temperature: 0) }?.parameter == "temperature")
}

@Test func maskedWeightsAreExactlyZero() throws {
    let trace = try Softmax.trace(Vector([5.0, log(1), log(3)]), mask: [false, true, true])
    #expect(trace.weights.values[0] == 0)
    #expect(trace.exponentials.values[0] == 0)
    #expect(close(Array(trace.weights.values[1...]), [0.25, 0.75]))
    #expect(trace.maximum == log(3), "the maximum is taken over allowed positions only")
}

@Test func aFullyMaskedRowIsAnError() {
    let error = engineError { _ = try Softmax.weights(Vector([1, 2]), mask: [false, false]) }
    #expect(error?.parameter == "mask")
    #expect(error?.message.contains("allows no position") == true)
    let rows = engineError { _ = try Softmax.rows(try Matrix([[1, 2], [3, 4]]), mask: [[true, false], [false, false]]) }
    #expect(rows?.message.contains("row 1") == true)
}

@Test func maskOfTheWrongLengthNamesBothLengths() {
    let error = engineError { _ = try Softmax.weights(Vector([1, 2, 3]), mask: [true]) }
    #expect(error?.message == "the mask must have one entry per score: mask has 1, scores have 3")
}

@Test func rowsMatchesOneRowAtATime() throws {
    let m = try Matrix([[0.1, 0.2, 0.3], [3, -1, 0]])
    let w = try Softmax.rows(m, mask: [[true, true, true], [true, false, true]])
    #expect(close(w.row(0).values, naiveSoftmax([0.1, 0.2, 0.3])))
    let e3: Double = exp(3.0)
    let expected: [Double] = [e3 / (e3 + 1), 0, 1 / (e3 + 1)]
    #expect(close(w.row(1).values, expected))
    #expect(w[1, 1] == 0)
}

@Test func softmaxExplanationShowsMaxShiftSumAndRatios() throws {
    let trace = try Softmax.trace(Vector([0, log(3)]))
    let worked = trace.explain()
    let text = worked.skeleton
    // m = ln 3 ≈ 1.0986; exp(0 − 1.0986) = 1/3; Σ = 1/3 + 1 = 4/3; α₀ = (1/3)/(4/3) = 0.25.
    #expect(text.contains("m = max(e₀, e₁)"))
    #expect(text.contains("x₀ = exp(# − #)"))
    #expect(worked.lines[1].substituted == "exp(\(num: 0) − \(factor: log(3)))")   // the maximum is a factor
    #expect(close(worked.lines[1].result.numbers, [1.0 / 3]))
    #expect(text.contains("α₀ = x₀/Σ"))
    let sum = try #require(worked.lines.first { $0.lhs == "Σ" })
    #expect(sum.substituted.skeleton == "# + #" && close(sum.result.numbers, [4.0 / 3]))
    #expect(close(worked.lines.last?.result.numbers ?? [], [0.75]) && close(worked.lines[worked.lines.count - 2].result.numbers, [0.25]))
}
