import Foundation

// Attentive pooling (dos Santos et al. 2016, §2.3): a question Q and an answer A look at each other.
//     G = tanh(Qᵀ U A)           paper: Q (c × M), A (c × L) with columns as words
// here rows are words, Q (M × c), A (L × c), so G = tanh(Q U Aᵀ)   // (M, c) @ (c, c) @ (c, L) -> (M, L)
//     g^q_j = max_m G[j, m]   (row-wise max pooling),   g^a_j = max_m G[m, j]   (column-wise)
//     σ^q = softmax(g^q),  σ^a = softmax(g^a),   r^q = Σ_j σ^q_j q_j,   r^a = Σ_j σ^a_j a_j
// Plain max pooling (the baseline) takes, per feature, the maximum over the words.

public struct AttentivePoolingTrace: Equatable, Sendable, Codable {
    public var question: Matrix
    public var answer: Matrix
    /// Q U Aᵀ (M × L), before tanh.
    public var bilinear: Matrix
    /// G = tanh(Q U Aᵀ) (M × L).
    public var G: Matrix
    /// Row-wise maxima g^q (M) and column-wise maxima g^a (L).
    public var rowMax: Vector
    public var columnMax: Vector
    /// σ^q = softmax(g^q), σ^a = softmax(g^a).
    public var questionWeights: Vector
    public var answerWeights: Vector
    /// r^q (c) and r^a (c): the attentive representations.
    public var questionVector: Vector
    public var answerVector: Vector
    /// The baseline: max over words, per feature (c each).
    public var questionMaxPool: Vector
    public var answerMaxPool: Vector

    /// The arithmetic of question word j's weight: its row maximum of G, then the softmax.
    public func explainQuestionWeight(_ j: Int) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }
        let row = G.row(j).values
        let m = rowMax.values.max()!
        let sum = rowMax.values.reduce(0) { $0 + Foundation.exp($1 - m) }
        return WorkedArithmetic(title: "σ^q[\(j)], the attentive-pooling weight of question word \(j)",
                                lines: [.init(lhs: "g^q[\(j)]", symbolic: "max_m G[\(j), m]",
                                              substituted: "max(\(ArithmeticText.joined(row.map(f), separator: ", ")))", result: f(rowMax[j])),
                                        .init(lhs: "σ^q[\(j)]", symbolic: "exp(g^q[\(j)] − m) / Σ_i exp(g^q[i] − m)",
                                              substituted: "exp(\(f(rowMax[j])) − \(f(m))) / \(f(sum))", result: f(questionWeights[j]))],
                                note: "Max pooling would keep, per feature, the largest value over the words; attentive pooling weights whole words.")
    }
}

public enum AttentivePooling {
    /// - Parameters: question (M × c), answer (L × c), U (c × c).
    /// - Throws: `EngineError` naming both shapes when widths differ or U is not c × c.
    public static func pool(question Q: Matrix, answer A: Matrix, U: Matrix) throws -> AttentivePoolingTrace {
        guard Q.cols == A.cols else {
            throw EngineError.shape("attentive pooling", Q.shape, A.shape, "question and answer of the same width c", parameter: "answer")
        }
        guard U.rows == Q.cols, U.cols == A.cols else {
            throw EngineError.shape("attentive pooling", U.shape, Q.shape, "U of shape c × c (c = the width of the question)", parameter: "U")
        }
        var bilinear = try Q.matmul(U).matmul(A.transposed)   // (M, c) @ (c, c) @ (c, L) -> (M, L)
        bilinear.rowLabels = Q.rowLabels; bilinear.colLabels = A.rowLabels
        let G = Entrywise.tanh(bilinear)
        let rowMax = Vector((0..<G.rows).map { G.row($0).values.max()! }, labels: Q.rowLabels)
        let colMax = Vector((0..<G.cols).map { G.column($0).values.max()! }, labels: A.rowLabels)
        let sq = try Softmax.weights(rowMax), sa = try Softmax.weights(colMax)
        func maxPool(_ X: Matrix) -> Vector { Vector((0..<X.cols).map { X.column($0).values.max()! }, labels: X.colLabels) }
        return AttentivePoolingTrace(question: Q, answer: A, bilinear: bilinear, G: G, rowMax: rowMax, columnMax: colMax,
                                     questionWeights: sq, answerWeights: sa,
                                     questionVector: Entrywise.weightedSum(sq, Q), answerVector: Entrywise.weightedSum(sa, A),
                                     questionMaxPool: maxPool(Q), answerMaxPool: maxPool(A))
    }
}
