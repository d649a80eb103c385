import Foundation

// Wide one-dimensional convolution over a sentence (Yin et al. 2016, ABCNN §3, "convolution layer"):
// the sentence matrix (s × d0, one row per word) is padded with w − 1 zero rows on each side, and
// for each of the s + w − 1 windows c_i = [x_i; …; x_{i+w−1}] (w·d0, words concatenated in order)
//     p_i = tanh(W c_i + b)      W (d1 × w·d0), b (d1)
// The output has one row per window (s + w − 1 rows × d1).

/// Every intermediate of one wide convolution.
public struct WideConvolutionTrace: Equatable, Sendable, Codable {
    /// The input (the first channel) with w − 1 zero rows on each side ((s + 2(w − 1)) × d0).
    public var padded: Matrix
    /// The windows c_i as rows ((s + w − 1) × w·d0).
    public var windows: Matrix
    /// W c_i + b ((s + w − 1) × d1).
    public var preActivation: Matrix
    /// tanh(W c_i + b) ((s + w − 1) × d1).
    public var output: Matrix
    /// The filter width w.
    public var width: Int
    /// The filter, kept to explain an entry.
    public var W: Matrix
    public var b: Vector?

    /// The arithmetic of output entry (i, k): `tanh(W_k · c_i + b_k)`.
    public func explain(window i: Int, feature k: Int) -> WorkedArithmetic {
        let f = { (x: Double) in ArithmeticText.number(x) }
        let bias: ArithmeticText = b.map { b -> ArithmeticText in " + \(factor: b[k])" } ?? ""
        return WorkedArithmetic(title: "p[\(i), \(k)], feature \(k) of window \(i) (padded rows \(i)…\(i + width - 1))",
                                lines: [.init(lhs: "W_\(k)·c_\(i) + b", substituted: Notation.products(W.row(k).values, windows.row(i).values, limit: 12) + bias,
                                              result: f(preActivation[i, k])),
                                        .init(lhs: "p[\(i), \(k)]", symbolic: "tanh(\(f(preActivation[i, k])))", result: f(output[i, k]))],
                                note: "The first and last w − 1 windows overlap the zero padding: that is what makes the convolution wide.")
    }
}

/// A wide convolution with filter width w (one or more input channels).
public struct WideConvolution: Equatable, Sendable, Codable {
    public var width: Int
    /// (d1 × w·d0)
    public var W: Matrix
    public var b: Vector?

    /// - Throws: `EngineError` when w < 1 or W's width is not a multiple of w.
    public init(width: Int, W: Matrix, b: Vector? = nil) throws {
        guard width >= 1 else { throw EngineError("the filter width w must be ≥ 1, found \(Entrywise.show(width))", parameter: "width") }
        guard W.cols % width == 0 else {
            throw EngineError("W must be (d1 × w·d0): W is \(W.shape), and \(W.cols) is not a multiple of w = \(width)", parameter: "W")
        }
        self.width = width; self.W = W; self.b = b
    }

    /// Convolves one sentence matrix X (s × d0).
    /// - Throws: `EngineError` naming both shapes when W is not (d1 × w·d0).
    public func apply(_ X: Matrix) throws -> WideConvolutionTrace {
        try apply(channels: [X])
    }

    /// Convolves several feature maps of the same sentence at once (ABCNN-1: the representation X and
    /// the attention feature map F stacked as two channels). Each window c_i concatenates, channel by
    /// channel, the w rows of that channel; W is (d1 × channels·w·d0).
    /// - Throws: `EngineError` naming both shapes when the channels differ in shape or W does not fit.
    public func apply(channels: [Matrix]) throws -> WideConvolutionTrace {
        guard let X = channels.first else { throw EngineError("a convolution needs at least one channel", parameter: "channels") }
        for c in channels.dropFirst() where c.rows != X.rows || c.cols != X.cols {
            throw EngineError.shape("wide convolution", X.shape, c.shape, "channels of the same shape (one row per word)", parameter: "channels")
        }
        let w = width, d0 = X.cols, k = channels.count
        guard W.cols == k * w * d0 else {
            throw EngineError.shape("wide convolution", X.shape, W.shape,
                                    "W with channels·w·d0 = \(k)×\(w)×\(d0) = \(k * w * d0) columns for an input of width d0", parameter: "W")
        }
        let zeros = Matrix(rows: w - 1, cols: d0)
        let padded = try channels.map { w > 1 ? try zeros.concatenatedRows($0).concatenatedRows(zeros) : $0 }
        let n = X.rows + w - 1
        var windows = [Double]()
        windows.reserveCapacity(n * k * w * d0)
        for i in 0..<n {
            for p in padded { windows += p.storage[(i * d0)..<((i + w) * d0)] }
        }
        let C = Matrix(rows: n, cols: k * w * d0, storage: windows)
        let pre = try Projection.apply(C, weight: W, bias: b, parameter: "W")   // (n, k·w·d0) @ (k·w·d0, d1) -> (n, d1)
        return WideConvolutionTrace(padded: padded[0], windows: C, preActivation: pre, output: Entrywise.tanh(pre), width: w, W: W, b: b)
    }
}
