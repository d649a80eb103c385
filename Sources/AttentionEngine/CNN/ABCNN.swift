import Foundation

// Attention-based CNNs for sentence pairs (Yin et al. 2016, ABCNN).
// The attention matrix compares every unit of sentence 0 with every unit of sentence 1:
//     A_ij = 1 / (1 + ‖x_i − y_j‖₂)        (§3.1; match-score, no softmax: entries in (0, 1])
// ABCNN-1 (before convolution) turns A into attention feature maps, stacked with the input as a
// second channel:  F_0 = W_0 · Aᵀ  (d × s0),  F_1 = W_1 · A  (d × s1), W_0 (d × s1), W_1 (d × s0).
// The paper's feature maps are d × s (columns are words); `featureMap0Rows` is the same map with
// rows as words, as the sentence matrices are here.
// ABCNN-2 (after convolution) pools the wide-convolution output with attention weights: a_0,j =
// Σ_k A[j, k] (row sums), a_1,j = Σ_k A[k, j] (column sums), and the j-th pooled row is
//     Σ_{k = j}^{j + w − 1} a_k · c_k    (w-wide windows over the s + w − 1 conv rows → s rows).

/// `A_ij = 1/(1 + ‖x_i − y_j‖₂)` with the distances.
public struct MatchMatrixTrace: Equatable, Sendable, Codable {
    /// ‖x_i − y_j‖₂ (s0 × s1).
    public var distances: Matrix
    /// A (s0 × s1).
    public var A: Matrix
    public var X0: Matrix
    public var X1: Matrix

    /// The arithmetic of one entry A_ij.
    public func explain(_ i: Int, _ j: Int) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }, p = { (x: Double) in ArithmeticText.number(x, .factor) }
        // The first 8 squared differences are written out, so a wide unit stays one line.
        let diffs = ArithmeticText.joined((0..<min(X0.cols, 8)).map { k -> ArithmeticText in "(\(p(X0[i, k])) − \(p(X1[j, k])))²" },
                                          separator: " + ")
        let more: ArithmeticText = X0.cols > 8 ? " + …" : ""
        return WorkedArithmetic(title: "A[\(i), \(j)], the match score of unit \(i) of sentence 0 and unit \(j) of sentence 1",
                                lines: [.init(lhs: "‖x\(Entrywise.subscriptDigits(i)) − y\(Entrywise.subscriptDigits(j))‖", symbolic: "√(Σ_k (x_k − y_k)²)",
                                              substituted: "√(\(diffs)\(more))", result: f(distances[i, j])),
                                        .init(lhs: "A[\(i), \(j)]", symbolic: "1 / (1 + ‖x − y‖)", substituted: "1 / (1 + \(f(distances[i, j])))",
                                              result: f(A[i, j]))],
                                note: "No softmax: ABCNN uses the match scores as they are.")
    }
}

/// ABCNN-1's attention feature maps.
public struct ABCNN1Trace: Equatable, Sendable, Codable {
    public var match: MatchMatrixTrace
    /// F_0 = W_0 · Aᵀ (d × s0), the paper's orientation.
    public var featureMap0: Matrix
    /// F_1 = W_1 · A (d × s1).
    public var featureMap1: Matrix
    /// F_0ᵀ (s0 × d): one row per word, to stack with X0 as a second channel.
    public var featureMap0Rows: Matrix { featureMap0.transposed }
    public var featureMap1Rows: Matrix { featureMap1.transposed }
}

/// ABCNN-2's attention pooling of two convolution outputs.
public struct ABCNN2Trace: Equatable, Sendable, Codable {
    /// A over the convolution outputs ((s0 + w − 1) × (s1 + w − 1)).
    public var match: MatchMatrixTrace
    /// Row sums of A: the pooling weights of sentence 0's conv rows.
    public var weights0: Vector
    /// Column sums of A: the pooling weights of sentence 1's conv rows.
    public var weights1: Vector
    /// The pooled rows (s0 × d1) and (s1 × d1).
    public var pooled0: Matrix
    public var pooled1: Matrix
    /// The window width w.
    public var width: Int
}

public enum ABCNN {
    /// `A_ij = 1/(1 + ‖x_i − y_j‖₂)` for the rows of `X0` (s0 × d) and `X1` (s1 × d).
    /// - Throws: `EngineError` naming both shapes when the widths differ.
    public static func matchMatrix(_ X0: Matrix, _ X1: Matrix) throws -> MatchMatrixTrace {
        guard X0.cols == X1.cols else {
            throw EngineError.shape("the ABCNN attention matrix", X0.shape, X1.shape, "two sentences of the same width d", parameter: "X1")
        }
        var D = Matrix(rows: X0.rows, cols: X1.rows)
        for i in 0..<X0.rows {
            for j in 0..<X1.rows {
                var s = 0.0
                for k in 0..<X0.cols { let t = X0[i, k] - X1[j, k]; s += t * t }
                D[i, j] = s.squareRoot()
            }
        }
        D.rowLabels = X0.rowLabels; D.colLabels = X1.rowLabels
        return MatchMatrixTrace(distances: D, A: D.map { 1 / (1 + $0) }, X0: X0, X1: X1)
    }

    /// ABCNN-1: the attention matrix and the feature maps F_0 = W_0 Aᵀ, F_1 = W_1 A.
    /// - Parameters: W0 (d × s1), W1 (d × s0).
    public static func abcnn1(_ X0: Matrix, _ X1: Matrix, W0: Matrix, W1: Matrix) throws -> ABCNN1Trace {
        let match = try matchMatrix(X0, X1)
        guard W0.cols == X1.rows else {
            throw EngineError.shape("ABCNN-1", W0.shape, match.A.shape, "W_0 with one column per word of sentence 1 (W_0 is d × s1, A is s0 × s1)", parameter: "W0")
        }
        guard W1.cols == X0.rows else {
            throw EngineError.shape("ABCNN-1", W1.shape, match.A.shape, "W_1 with one column per word of sentence 0 (W_1 is d × s0, A is s0 × s1)", parameter: "W1")
        }
        let F0 = try W0.matmul(match.A.transposed)     // (d, s1) @ (s1, s0) -> (d, s0)
        let F1 = try W1.matmul(match.A)                // (d, s0) @ (s0, s1) -> (d, s1)
        return ABCNN1Trace(match: match, featureMap0: F0, featureMap1: F1)
    }

    /// ABCNN-2: attention pooling of two wide-convolution outputs C0 ((s0 + w − 1) × d1), C1 ((s1 + w − 1) × d1).
    /// - Throws: `EngineError` when w < 1, the outputs are shorter than w, or widths differ.
    public static func abcnn2(_ C0: Matrix, _ C1: Matrix, width w: Int) throws -> ABCNN2Trace {
        guard w >= 1 else { throw EngineError("the window width w must be ≥ 1, found \(Entrywise.show(w))", parameter: "width") }
        guard C0.rows >= w, C1.rows >= w else {
            throw EngineError.shape("ABCNN-2 pooling", C0.shape, C1.shape, "convolution outputs with at least w = \(w) rows", parameter: "width")
        }
        let match = try matchMatrix(C0, C1)
        let a0 = Vector((0..<match.A.rows).map { match.A.row($0).values.reduce(0, +) })
        let a1 = Vector((0..<match.A.cols).map { match.A.column($0).values.reduce(0, +) })
        func pool(_ C: Matrix, _ a: Vector) -> Matrix {
            var out = Matrix(rows: C.rows - w + 1, cols: C.cols)
            for j in 0..<out.rows { for k in j..<(j + w) { for c in 0..<C.cols { out[j, c] += a[k] * C[k, c] } } }
            return out
        }
        return ABCNN2Trace(match: match, weights0: a0, weights1: a1, pooled0: pool(C0, a0), pooled1: pool(C1, a1), width: w)
    }
}
