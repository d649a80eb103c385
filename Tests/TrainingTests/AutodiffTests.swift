import AttentionEngine
import Foundation
import Testing
@testable import Training

// Every differentiable operation of the tape against central finite differences on random
// inputs (relative error ≤ 1e−6 in float64), and the forward values of a few against hand
// arithmetic.

func random(_ r: Int, _ c: Int, _ seed: UInt64, scale: Double = 1) -> Matrix { Matrix.random(rows: r, cols: c, scale: scale, seed: seed) }

/// The largest relative error a gradient check accepts (issue 9).
let gradientLimit = 1e-6

struct OpCase: CustomTestStringConvertible, Sendable {
    let name: String
    let inputs: [Matrix]
    let differentiable: [Bool]?
    let op: @Sendable (Tape, [Tape.Variable]) throws -> Tape.Variable
    var testDescription: String { name }
    init(_ name: String, _ inputs: [Matrix], differentiable: [Bool]? = nil, _ op: @escaping @Sendable (Tape, [Tape.Variable]) throws -> Tape.Variable) {
        self.name = name; self.inputs = inputs; self.differentiable = differentiable; self.op = op
    }
}

let opCases: [OpCase] = [
    OpCase("matmul", [random(3, 4, 1), random(4, 2, 2)]) { t, v in try t.matmul(v[0], v[1]) },
    OpCase("matmulTransposed", [random(3, 4, 3), random(5, 4, 4)]) { t, v in try t.matmulTransposed(v[0], v[1]) },
    OpCase("add same shape", [random(3, 4, 5), random(3, 4, 6)]) { t, v in try t.add(v[0], v[1]) },
    OpCase("add row broadcast", [random(3, 4, 7), random(1, 4, 8)]) { t, v in try t.add(v[0], v[1]) },
    OpCase("add column broadcast", [random(3, 4, 9), random(3, 1, 10)]) { t, v in try t.add(v[0], v[1]) },
    OpCase("add scalar broadcast", [random(3, 4, 11), random(1, 1, 12)]) { t, v in try t.add(v[0], v[1]) },
    OpCase("sub row broadcast", [random(3, 4, 13), random(1, 4, 14)]) { t, v in try t.sub(v[0], v[1]) },
    OpCase("sub same shape", [random(2, 3, 15), random(2, 3, 16)]) { t, v in try t.sub(v[0], v[1]) },
    OpCase("mul same shape", [random(3, 4, 17), random(3, 4, 18)]) { t, v in try t.mul(v[0], v[1]) },
    OpCase("mul row broadcast", [random(3, 4, 19), random(1, 4, 20)]) { t, v in try t.mul(v[0], v[1]) },
    OpCase("mul column broadcast", [random(3, 4, 21), random(3, 1, 22)]) { t, v in try t.mul(v[0], v[1]) },
    OpCase("mul by itself", [random(3, 3, 23)]) { t, v in try t.mul(v[0], v[0]) },
    OpCase("scale", [random(2, 5, 24)]) { t, v in t.scale(v[0], -1.7) },
    OpCase("tanh", [random(3, 4, 25, scale: 2)]) { t, v in t.tanh(v[0]) },
    OpCase("sigmoid", [random(3, 4, 26, scale: 3)]) { t, v in t.sigmoid(v[0]) },
    OpCase("exp", [random(3, 4, 27)]) { t, v in t.exp(v[0]) },
    OpCase("log", [random(3, 4, 28).map { 1.5 + $0 }]) { t, v in try t.log(v[0]) },
    OpCase("softmaxRows", [random(3, 5, 29, scale: 2)]) { t, v in try t.softmaxRows(v[0]) },
    OpCase("softmaxRows masked", [random(3, 4, 30, scale: 2)]) { t, v in
        try t.softmaxRows(v[0], mask: [[true, false, true, true], [false, false, true, false], [true, true, true, false]])
    },
    OpCase("crossEntropy", [random(4, 6, 31, scale: 2)]) { t, v in try t.crossEntropy(v[0], targets: [5, 0, 2, 2]) },
    OpCase("concatColumns", [random(3, 2, 32), random(3, 4, 33), random(3, 1, 34)]) { t, v in try t.concatColumns(v) },
    OpCase("sliceColumns", [random(3, 6, 35)]) { t, v in try t.sliceColumns(v[0], 2..<5) },
    OpCase("stackRows", [random(2, 3, 36), random(1, 3, 37), random(3, 3, 38)]) { t, v in try t.stackRows(v) },
    OpCase("sliceRows", [random(5, 3, 39)]) { t, v in try t.sliceRows(v[0], 1..<4) },
    OpCase("reshape", [random(4, 3, 40)]) { t, v in try t.reshape(v[0], rows: 2, cols: 6) },
    OpCase("gatherRows (repeated rows)", [random(5, 3, 41)]) { t, v in try t.gatherRows(v[0], [4, 0, 4, 2, 4]) },
    OpCase("sum", [random(3, 4, 42)]) { t, v in t.sum(v[0]) },
    OpCase("mean", [random(3, 4, 43)]) { t, v in try t.mean(v[0]) },
    OpCase("weightedRowSums", [random(2, 3, 44), random(6, 4, 45)]) { t, v in try t.weightedRowSums(v[0], v[1]) },
    OpCase("constant operand gets no gradient", [random(3, 4, 46), random(1, 4, 47)], differentiable: [true, false]) { t, v in
        try t.mul(t.tanh(v[0]), v[1])
    },
    OpCase("a composite: softmax(tanh(X W + b)) ⊙ X", [random(4, 3, 48), random(3, 3, 49), random(1, 3, 50)]) { t, v in
        try t.mul(t.softmaxRows(t.tanh(t.add(t.matmul(v[0], v[1]), v[2]))), v[0])
    },
]

@Test(arguments: opCases)
func operationGradientMatchesFiniteDifferences(_ c: OpCase) throws {
    let error = try gradientCheck(c.inputs, differentiable: c.differentiable, c.op)
    #expect(error <= gradientLimit, "\(c.name): relative error \(error)")
    print("gradient check \(c.name): relative error \(error)")
}

@Test func forwardValuesMatchHandArithmetic() throws {
    let tape = Tape()
    let a = tape.constant(try Matrix([[1, 2], [3, 4]]))
    let b = tape.constant(try Matrix([[10, 20]]))
    #expect(tape.value(try tape.add(a, b)).storage == [11, 22, 13, 24])
    #expect(tape.value(try tape.mul(a, tape.constant(try Matrix([[2], [3]])))).storage == [2, 4, 9, 12])
    #expect(tape.value(try tape.matmul(a, a)).storage == [7, 10, 15, 22])
    #expect(tape.value(try tape.matmulTransposed(a, a)).storage == [5, 11, 11, 25])
    #expect(tape.value(try tape.gatherRows(a, [1, 1, 0])).storage == [3, 4, 3, 4, 1, 2])
    #expect(tape.value(try tape.weightedRowSums(tape.constant(try Matrix([[0.25, 0.75]])), a)).storage == [2.5, 3.5])
    // Cross-entropy of logits (0, ln 3) against class 1: −ln(3/4).
    let ce = tape.value(try tape.crossEntropy(tape.constant(try Matrix([[0, log(3.0)]])), targets: [1]))[0, 0]
    #expect(abs(ce - -log(0.75)) < 1e-15)
    // Masked entries are exactly 0 and the others renormalise.
    let sm = tape.value(try tape.softmaxRows(tape.constant(try Matrix([[1, 5, 1]])), mask: [[true, false, true]]))
    #expect(sm.storage == [0.5, 0, 0.5])
}

@Test func gradientsAccumulateOverReuseAndStopAtConstants() throws {
    // L = Σ x ⊙ x + Σ x ⊙ c → ∂L/∂x = 2x + c = (2 + 5, −4 + 5, 6 + 5); the constant c gets nothing.
    let tape = Tape()
    let x = tape.parameter(try Matrix([[1, -2, 3]]))
    let c = tape.constant(try Matrix([[5, 5, 5]]))
    let L = try tape.add(tape.sum(tape.mul(x, x)), tape.sum(tape.mul(x, c)))
    try tape.backward(from: L)
    #expect(tape.gradient(x).storage == [7.0, 1.0, 11.0])
    #expect(tape.gradient(c).storage == [0, 0, 0])
}

@Test func shapeErrorsAreThrownNotTrapped() throws {
    let tape = Tape()
    let a = tape.constant(random(3, 4, 1)), b = tape.constant(random(2, 4, 2))
    #expect(throws: EngineError.self) { try tape.add(a, b) }
    #expect(throws: EngineError.self) { try tape.matmul(a, b) }
    #expect(throws: EngineError.self) { try tape.concatColumns([a, b]) }
    #expect(throws: EngineError.self) { try tape.gatherRows(a, [3]) }
    #expect(throws: EngineError.self) { try tape.crossEntropy(a, targets: [0, 1]) }
    #expect(throws: EngineError.self) { try tape.log(tape.constant(try Matrix([[1, 0]]))) }
    #expect(throws: EngineError.self) { try tape.backward(from: a) }
    #expect(throws: EngineError.self) { try tape.softmaxRows(a, mask: [[false, false, false, false], [true, true, true, true], [true, true, true, true]]) }
}
