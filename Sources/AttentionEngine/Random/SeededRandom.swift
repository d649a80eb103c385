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
