import Foundation

// Softmax, computed stably: α_i = exp((x_i − m)/τ) / Σ_j exp((x_j − m)/τ), m = max over allowed x_j.
// Bahdanau et al. 2014, eq. (6); Vaswani et al. 2017, eq. (1). Subtracting the maximum changes no
// weight (the factor exp(−m/τ) cancels) but keeps every exponent ≤ 0, so scores of ±1000 cannot
// overflow.

/// Every intermediate of one softmax, so a lesson can show the stable form step by step.
public struct SoftmaxTrace: Equatable, Sendable, Codable {
    /// The input scores `x` (e.g. `e_t`).
    public var scores: Vector
    /// `true` where a position may be attended to; `nil` means all may.
    public var mask: [Bool]?
    /// The temperature τ (1 unless given).
    public var temperature: Double
    /// `m`, the largest allowed score, subtracted before exponentiating.
    public var maximum: Double
    /// `exp((x_i − m)/τ)`, exactly 0 at masked positions.
    public var exponentials: Vector
    /// `Σ_j exp((x_j − m)/τ)`.
    public var sum: Double
    /// The weights `α`, summing to 1; exactly 0 at masked positions.
    public var weights: Vector
}

public enum Softmax {
    /// The softmax of `scores`, with an optional "may attend" mask and temperature.
    /// - Parameters:
    ///   - scores: the scores `e` (any finite values).
    ///   - mask: `true` where attending is allowed (torch SDPA / Keras meaning); same length as `scores`.
    ///   - temperature: τ > 0; below 1 sharpens, above 1 flattens.
    /// - Returns: the trace, whose `weights` are α.
    /// - Throws: `EngineError` for a mask of the wrong length, τ ≤ 0, a non-finite score, or a mask
    ///   that allows nothing (libraries disagree on that case: zeros, uniform or NaN; we refuse).
    public static func trace(_ scores: Vector, mask: [Bool]? = nil, temperature: Double = 1) throws -> SoftmaxTrace {
        guard scores.count > 0 else { throw EngineError("softmax needs at least one score", parameter: "x") }
        guard temperature > 0, temperature.isFinite else {
            throw EngineError("softmax needs a temperature > 0, found \(temperature)", parameter: "temperature")
        }
        if let mask, mask.count != scores.count {
            throw EngineError("the mask must have one entry per score: mask has \(mask.count), scores have \(scores.count)",
                              parameter: "mask")
        }
        if let bad = scores.values.firstIndex(where: { !$0.isFinite }) {
            throw EngineError("softmax needs finite scores, found \(scores.values[bad]) at position \(bad)", parameter: "x")
        }
        let allowed = mask ?? Array(repeating: true, count: scores.count)
        var maximum = -Double.infinity
        for i in 0..<scores.count where allowed[i] { maximum = max(maximum, scores.values[i]) }
        guard maximum > -Double.infinity else {
            throw EngineError("the mask allows no position: a softmax over nothing is undefined "
                              + "(libraries disagree: NaN, zeros or uniform weights, depending on library and version)", parameter: "mask")
        }
        var exps = [Double](repeating: 0, count: scores.count)
        var sum = 0.0
        for i in 0..<scores.count where allowed[i] {
            exps[i] = ((scores.values[i] - maximum) / temperature).exp
            sum += exps[i]
        }
        let weights = exps.map { $0 / sum }
        return SoftmaxTrace(scores: scores, mask: mask, temperature: temperature, maximum: maximum,
                            exponentials: Vector(exps, labels: scores.labels), sum: sum,
                            weights: Vector(weights, labels: scores.labels))
    }

    /// The weights only; see `trace(_:mask:temperature:)`.
    public static func weights(_ scores: Vector, mask: [Bool]? = nil, temperature: Double = 1) throws -> Vector {
        try trace(scores, mask: mask, temperature: temperature).weights
    }

    /// Row-wise softmax of a score matrix (one row per query), with an optional row-wise mask.
    /// - Parameters:
    ///   - scores: T × S scores.
    ///   - mask: T rows of S "may attend" flags, or `nil`.
    ///   - temperature: τ > 0.
    /// - Returns: T × S weights, each row summing to 1, labelled like `scores`.
    /// - Throws: `EngineError` as `trace` does, naming the offending row.
    public static func rows(_ scores: Matrix, mask: [[Bool]]? = nil, temperature: Double = 1) throws -> Matrix {
        var out = scores.storage
        try rowsInPlace(&out, rows: scores.rows, cols: scores.cols, mask: mask, temperature: temperature)
        return Matrix(rows: scores.rows, cols: scores.cols, storage: out,
                      rowLabels: scores.rowLabels, colLabels: scores.colLabels)
    }

    /// The row-wise stable softmax over a raw row-major buffer, without per-row allocations.
    /// Same arithmetic as `trace` (max, shifted exponentials, sum, ratios).
    static func rowsInPlace(_ x: inout [Double], rows: Int, cols: Int, mask: [[Bool]]?, temperature: Double) throws {
        guard temperature > 0, temperature.isFinite else {
            throw EngineError("softmax needs a temperature > 0, found \(temperature)", parameter: "temperature")
        }
        guard cols > 0 else { throw EngineError("softmax needs at least one score", parameter: "x") }
        if let mask {
            guard mask.count == rows else {
                throw EngineError("the mask must have one row per query: mask has \(mask.count) rows, scores have \(rows)",
                                  parameter: "mask")
            }
            for (t, m) in mask.enumerated() where m.count != cols {
                throw EngineError("mask row \(t) must have one entry per key: it has \(m.count), scores have \(cols)",
                                  parameter: "mask")
            }
        }
        let invTau = 1 / temperature
        if rows == 0 { return }
        try x.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for t in 0..<rows {
                let row = base + t * cols
                let allowed = mask?[t]
                var m = -Double.infinity
                for i in 0..<cols {
                    guard row[i].isFinite else {
                        throw EngineError("softmax needs finite scores, found \(row[i]) at row \(t), position \(i)", parameter: "x")
                    }
                    if allowed?[i] ?? true, row[i] > m { m = row[i] }
                }
                guard m > -Double.infinity else {
                    throw EngineError("the mask allows no position in row \(t): a softmax over nothing is undefined "
                                      + "(libraries disagree: NaN, zeros or uniform weights, depending on library and version)", parameter: "mask")
                }
                var sum = 0.0
                for i in 0..<cols {
                    if allowed?[i] ?? true {
                        let v = Foundation.exp((row[i] - m) * invTau)
                        row[i] = v
                        sum += v
                    } else {
                        row[i] = 0
                    }
                }
                for i in 0..<cols { row[i] /= sum }
            }
        }
    }
}

extension Double {
    /// `e^self`, spelled so call sites read like the formulas.
    @inlinable var exp: Double { Foundation.exp(self) }
}
