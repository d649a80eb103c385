import Foundation

// SplitMix64, the generator of Steele, Lea & Flood, "Fast splittable pseudorandom number
// generators" (OOPSLA 2014), in the form Vigna publishes as the seeder of xoshiro
// (prng.di.unimi.it/splitmix64.c). Chosen because it is ten lines of integer arithmetic with
// wrap-around, so `random(3, 3, seed: 1)` gives the same bits on every platform and toolchain,
// unlike Swift's `SystemRandomNumberGenerator` or Foundation's generators.

/// A seeded, platform-independent random number generator (SplitMix64).
///
/// Each call to `next()` advances a 64-bit counter by the golden-ratio constant and mixes it:
/// ```
/// state = state &+ 0x9E3779B97F4A7C15
/// z = state
/// z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
/// z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
/// return z ^ (z >> 31)
/// ```
/// All arithmetic is modulo 2⁶⁴. The first output for seed 0 is `0xE220A8397B1DCDAF`.
public struct SeededRandom: Sendable, RandomNumberGenerator {
    /// The 64-bit counter; the seed is its starting value.
    public private(set) var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits (SplitMix64 step, see the type's documentation).
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    ///
    /// 53 bits is a `Double`'s significand, so every result is exact and evenly spaced.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [low, high): `low + (high − low)·uniform()`.
    public mutating func uniform(in low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A standard normal sample by the Box–Muller transform (Box & Muller 1958).
    ///
    /// Draws `u₁ = uniform()`, `u₂ = uniform()` (in that order) and returns
    /// `√(−2 ln(1 − u₁)) · cos(2π u₂)`. Using `1 − u₁` (in (0, 1]) keeps the logarithm finite.
    /// The companion sine sample is discarded so each call consumes exactly two draws, which keeps
    /// the stream easy to reproduce in another language.
    public mutating func normal() -> Double {
        let u1 = uniform()
        let u2 = uniform()
        return (-2 * Foundation.log(1 - u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

extension Matrix {
    /// A `rows × cols` matrix of entries uniform in [−1, 1), drawn row by row from `SeededRandom(seed:)`.
    ///
    /// Entry (i, j) is `2·u − 1` for the `(i·cols + j)`-th draw `u = uniform()`. Non-positive sizes
    /// give an empty matrix rather than a crash (the script layer reports sizes before calling).
    /// - Parameters:
    ///   - rows: number of rows.
    ///   - cols: number of columns.
    ///   - seed: the generator's seed.
    /// - Returns: the matrix, unlabelled.
    public static func random(rows: Int, cols: Int, seed: UInt64) -> Matrix {
        let r = max(rows, 0), c = max(cols, 0)
        var rng = SeededRandom(seed: seed)
        var values = [Double](repeating: 0, count: r * c)
        for k in 0..<(r * c) { values[k] = 2 * rng.uniform() - 1 }
        return Matrix(rows: r, cols: c, storage: values)
    }

    /// Like `random(rows:cols:seed:)` with entries uniform in [−scale, scale).
    public static func random(rows: Int, cols: Int, scale: Double, seed: UInt64) -> Matrix {
        random(rows: rows, cols: cols, seed: seed).map { scale * $0 }
    }
}

extension Vector {
    /// A vector of `count` entries uniform in [−1, 1), drawn in order from `SeededRandom(seed:)`.
    ///
    /// Same stream as a `1 × count` `Matrix.random`, so `random(3, seed: 7)` equals row 0 of
    /// `random(1, 3, seed: 7)`.
    public static func random(count: Int, seed: UInt64) -> Vector {
        Matrix.random(rows: 1, cols: count, seed: seed).row(0)
    }

    /// Like `random(count:seed:)` with entries uniform in [−scale, scale).
    public static func random(count: Int, scale: Double, seed: UInt64) -> Vector {
        random(count: count, seed: seed).map { scale * $0 }
    }
}
