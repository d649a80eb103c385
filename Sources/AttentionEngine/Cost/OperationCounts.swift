// How much one attention step costs as the source grows (lessons 9 and 11).
//
// Counted per decoder step with dot scores on d-dimensional states (Luong's "dot"), stable softmax:
//   global (soft):  scores S·d mul, S·(d−1) add; max S−1 cmp; shift S add; exp S; sum S−1 add;
//                   normalise S div; context S·d mul, (S−1)·d add.
//   local (window W = min(2D+1, S) positions): the same with S → W, plus the Gaussian per position
//                   (i − p_t) 1 add, square 1 mul, /(2σ²) 1 div, exp 1, times align 1 mul.
//   local-p adds the position predictor: W_p h_t d_p·d mul, d_p·(d−1) add; tanh d_p;
//                   v_pᵀ d_p mul, d_p−1 add; sigmoid 1 exp, 1 add, 1 div; × S 1 mul.
// Subtractions count as additions; tanh is counted apart. A sentence of T target words costs T steps.
// (W is the window before clipping: the edges are cheaper, which these counts ignore.)

/// Counts of the arithmetic operations of one attention step (or one sentence).
public struct OperationCount: Equatable, Sendable, Codable {
    public var multiplications: Int
    public var additions: Int
    public var divisions: Int
    public var exponentials: Int
    public var comparisons: Int
    public var tanhs: Int

    public init(multiplications: Int = 0, additions: Int = 0, divisions: Int = 0, exponentials: Int = 0,
                comparisons: Int = 0, tanhs: Int = 0) {
        self.multiplications = multiplications; self.additions = additions; self.divisions = divisions
        self.exponentials = exponentials; self.comparisons = comparisons; self.tanhs = tanhs
    }

    /// All operations together.
    public var total: Int { multiplications + additions + divisions + exponentials + comparisons + tanhs }

    public static func + (a: OperationCount, b: OperationCount) -> OperationCount {
        OperationCount(multiplications: a.multiplications + b.multiplications, additions: a.additions + b.additions,
                       divisions: a.divisions + b.divisions, exponentials: a.exponentials + b.exponentials,
                       comparisons: a.comparisons + b.comparisons, tanhs: a.tanhs + b.tanhs)
    }

    /// The count repeated `n` times (e.g. T decoder steps).
    public func times(_ n: Int) -> OperationCount {
        OperationCount(multiplications: multiplications * n, additions: additions * n, divisions: divisions * n,
                       exponentials: exponentials * n, comparisons: comparisons * n, tanhs: tanhs * n)
    }
}

/// One row of the cost table.
public struct OperationCostRow: Equatable, Sendable, Codable {
    public var sourceLength: Int
    public var global: OperationCount
    public var localM: OperationCount
    public var localP: OperationCount
    /// `local-p total / global total`.
    public var localPRatio: Double
    /// T, the target length used for the per-sentence counts.
    public var targetLength: Int
    /// The three counts for a whole sentence of T decoder steps.
    public var globalSentence: OperationCount { global.times(targetLength) }
    public var localMSentence: OperationCount { localM.times(targetLength) }
    public var localPSentence: OperationCount { localP.times(targetLength) }
}

public enum OperationCounts {
    /// The formulas, as printed in lessons 9 and 11.
    public static let formulas: [(name: String, formula: String)] = [
        ("global multiplications", "2·S·d"),
        ("global additions", "S·(d−1) + S + (S−1) + (S−1)·d"),
        ("global exp / div / cmp", "S / S / S−1"),
        ("local-m (W = min(2D+1, S))", "global with S → W, plus W mul, W add, W div, W exp for the Gaussian and W mul for align × G"),
        ("local-p extra", "d_p·d + d_p + 1 mul, d_p·(d−1) + d_p − 1 + 1 add, d_p tanh, 1 exp, 1 div"),
    ]

    /// Soft (global) attention over S positions, one decoder step.
    public static func global(sourceLength S: Int, dimension d: Int) -> OperationCount {
        softCore(positions: S, d: d)
    }

    /// Local-m over a window of W = min(2D+1, S) positions, one decoder step.
    public static func localM(sourceLength S: Int, dimension d: Int, halfWidth D: Int) -> OperationCount {
        let W = min(2 * D + 1, S)
        return softCore(positions: W, d: d)
            + OperationCount(multiplications: 2 * W, additions: W, divisions: W, exponentials: W)
    }

    /// Local-p: local-m plus the position predictor with W_p of d_p rows.
    public static func localP(sourceLength S: Int, dimension d: Int, halfWidth D: Int, predictorSize dp: Int) -> OperationCount {
        localM(sourceLength: S, dimension: d, halfWidth: D)
            + OperationCount(multiplications: dp * d + dp + 1, additions: dp * (d - 1) + dp - 1 + 1,
                             divisions: 1, exponentials: 1, tanhs: dp)
    }

    /// The table for S = 8, 16, …, 1024 (powers of two), per decoder step and per sentence.
    /// - Parameter targetLength: T for the per-sentence counts; `nil` takes T = S (a translation
    ///   about as long as its source), so global attention grows as S² per sentence and local as S.
    public static func table(dimension d: Int, halfWidth D: Int, predictorSize dp: Int, targetLength: Int? = nil,
                             sourceLengths: [Int] = [8, 16, 32, 64, 128, 256, 512, 1024]) -> [OperationCostRow] {
        sourceLengths.map { S in
            let g = global(sourceLength: S, dimension: d), p = localP(sourceLength: S, dimension: d, halfWidth: D, predictorSize: dp)
            return OperationCostRow(sourceLength: S, global: g,
                                    localM: localM(sourceLength: S, dimension: d, halfWidth: D), localP: p,
                                    localPRatio: Double(p.total) / Double(g.total), targetLength: targetLength ?? S)
        }
    }

    private static func softCore(positions S: Int, d: Int) -> OperationCount {
        OperationCount(multiplications: 2 * S * d,
                       additions: S * (d - 1) + S + (S - 1) + (S - 1) * d,
                       divisions: S, exponentials: S, comparisons: S - 1)
    }
}
