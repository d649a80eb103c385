import Testing
@testable import AttentionEngine

// Reference values: the published SplitMix64 (Vigna's splitmix64.c) run in Python 3 on this
// machine with explicit `& (2**64 − 1)` masking, uniform = (x >> 11)·2⁻⁵³, Box–Muller as documented.

@Test func splitMix64MatchesThePublishedAlgorithm() {
    var zero = SeededRandom(seed: 0)
    #expect([zero.next(), zero.next(), zero.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    var answer = SeededRandom(seed: 42)
    #expect([answer.next(), answer.next(), answer.next()] == [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52])
}

@Test func uniformUsesTheTop53Bits() {
    var rng = SeededRandom(seed: 1)
    // 0x910A2DEC89025CC1 >> 11 = 0x1221_45BD_9120_4B, times 2⁻⁵³.
    #expect(rng.uniform() == Double(UInt64(0x910A_2DEC_8902_5CC1) >> 11) / 9_007_199_254_740_992)
}

@Test func randomMatrixIsRowMajorUniformInMinusOneToOne() {
    let m = Matrix.random(rows: 2, cols: 3, seed: 3)
    let python = [-0.7730993158856909, 0.40058702718580474, 0.2259493650932487,
                  -0.8542665264564293, -0.5671217824370303, 0.2724446314552955]
    #expect(m.rows == 2 && m.cols == 3)
    #expect(close(m.storage, python, 0))
    #expect(Matrix.random(rows: 2, cols: 3, seed: 3) == m, "same seed, same matrix")
    #expect(Matrix.random(rows: 2, cols: 3, seed: 4) != m)
    #expect(Vector.random(count: 3, seed: 3).values == Array(python[0..<3]), "a vector is the first row's stream")
}

@Test func normalIsBoxMullerOnTwoDraws() {
    var rng = SeededRandom(seed: 7)
    let samples = [rng.normal(), rng.normal(), rng.normal()]
    #expect(close(samples, [0.9884743323187353, -1.8642558067312274, 0.00392020721518934]))
}

@Test func manyUniformsStayInRangeAndAverageOneHalf() {
    var rng = SeededRandom(seed: 99)
    var total = 0.0
    for _ in 0..<10_000 {
        let u = rng.uniform()
        #expect(u >= 0 && u < 1)
        total += u
    }
    #expect(abs(total / 10_000 - 0.5) < 0.02)
}
