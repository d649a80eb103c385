// tanh over a buffer, written so the compiler can vectorise it: the additive scores of
// Bahdanau et al. 2014, eq. (6) spend almost all their time in tanh (T·S·d_a calls; 16.7 million
// for 512 queries × 512 keys × d_a = 64), and the C library's scalar tanh cannot be vectorised.
//
// Method (the textbook construction, e.g. Muller, "Elementary Functions", ch. 11):
//   tanh|x| = −m / (2 + m),  m = expm1(−2|x|)  ∈ (−1, 0]
//   expm1(y) = 2ᵏ·(1 + p(r)) − 1 = (2ᵏ − 1) + 2ᵏ·p(r),  y = k·ln2 + r,  |r| ≤ ln2/2
// with k rounded by the 1.5·2⁵² trick, ln 2 split Cody–Waite style (ln2Hi has enough trailing zero
// bits that k·ln2Hi is exact), and p(r) = expm1(r) by its Taylor series to r¹³/13! (truncation
// below 1e−17 on |r| ≤ 0.347). When k = 0 the result is p(r) itself, so small |x| keeps full
// relative accuracy. |x| is clamped at 20, where tanh already rounds to ±1. Only IEEE +, −, ×, ÷
// and bit moves are used, so results are identical on every platform (unlike libm's tanh).
// Agreement with libm is tested (TanhTests): within a few ulps everywhere.

enum FastTanh {
    /// Replaces each of `x[0 ..< count]` by its hyperbolic tangent (NaN stays NaN).
    @inline(__always)
    static func apply(_ x: UnsafeMutablePointer<Double>, count: Int) {
        let magic = 0x1.8p52                       // 1.5·2⁵²: adding it rounds to an integer
        let magicBits = Int64(bitPattern: magic.bitPattern)
        let invLn2 = 1.4426950408889634            // 1/ln 2
        let ln2Hi = 6.93147180369123816490e-01     // 0x3FE62E42FEE00000
        let ln2Lo = 1.90821492927058770002e-10     // ln 2 − ln2Hi
        for j in 0..<count {
            let v = x[j]
            let ax = min(abs(v), 20)
            let y = -2 * ax
            let t = y * invLn2 + magic
            let kf = t - magic
            let k = Int64(bitPattern: t.bitPattern) &- magicBits
            let r = (y - kf * ln2Hi) - kf * ln2Lo
            // p(r) = r + r²/2! + … + r¹³/13!, by Horner.
            var p = 1.0 / 6227020800                      // 1/13!
            p = p * r + 1.0 / 479001600                   // 1/12!
            p = p * r + 1.0 / 39916800                    // 1/11!
            p = p * r + 1.0 / 3628800                     // 1/10!
            p = p * r + 1.0 / 362880                      // 1/9!
            p = p * r + 1.0 / 40320                       // 1/8!
            p = p * r + 1.0 / 5040                        // 1/7!
            p = p * r + 1.0 / 720                         // 1/6!
            p = p * r + 1.0 / 120                         // 1/5!
            p = p * r + 1.0 / 24                          // 1/4!
            p = p * r + 1.0 / 6                           // 1/3!
            p = p * r + 0.5                               // 1/2!
            p = p * r + 1
            p = p * r
            let scale = Double(bitPattern: UInt64(bitPattern: (k &+ 1023) << 52))   // 2ᵏ, k ∈ [−58, 0]
            let m = (scale - 1) + scale * p
            let magnitude = abs(-m / (2 + m))
            x[j] = v < 0 ? -magnitude : (v == v ? magnitude : v)
        }
    }

    /// tanh of one value, through the same arithmetic (for tests and scalar call sites).
    static func tanh(_ value: Double) -> Double {
        var v = value
        withUnsafeMutablePointer(to: &v) { apply($0, count: 1) }
        return v
    }
}
