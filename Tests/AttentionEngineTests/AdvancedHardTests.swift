import Foundation
import Testing
@testable import AttentionEngine

@Suite struct AdvancedHardTests {
    let alpha = Vector([0.1, 0.4, 0.4, 0.1])

    @Test func argmaxTakesTheFirstMaximum() throws {
        let t = try HardAttention.argmax(weights: alpha, values: try Matrix([[1, 0], [2, 0], [3, 0], [4, 0]]))
        #expect(t.chosen == 1)
        #expect(t.oneHot.values == [0, 1, 0, 0])
        #expect(t.context?.values == [2, 0])
    }

    @Test func inverseCDFSampling() throws {
        // c = 0.1, 0.5, 0.9, 1.0
        #expect(try HardAttention.sample(weights: alpha, uniform: 0.0).chosen == 0)
        #expect(try HardAttention.sample(weights: alpha, uniform: 0.05).chosen == 0)
        #expect(try HardAttention.sample(weights: alpha, uniform: 0.3).chosen == 1)
        #expect(try HardAttention.sample(weights: alpha, uniform: 0.7).chosen == 2)
        #expect(try HardAttention.sample(weights: alpha, uniform: 0.95).chosen == 3)
        #expect(try HardAttention.sample(weights: Vector([0.5, 0, 0.5]), uniform: 0.5).chosen == 2)
        #expect(throws: EngineError.self) { try HardAttention.sample(weights: alpha, uniform: 1.0) }
        #expect(throws: EngineError.self) { try HardAttention.sample(weights: Vector([0.5, 0.2]), uniform: 0.1) }
    }

    @Test func seededSamplingIsDeterministicAndFrequenciesFollowAlpha() throws {
        var u = SeededRandom(seed: 5)
        #expect(try HardAttention.sample(weights: alpha, seed: 5).uniform == u.uniform())
        #expect(try HardAttention.sample(weights: alpha, seed: 5) == (try HardAttention.sample(weights: alpha, seed: 5)))
        var counts = [0, 0, 0, 0]
        let n = 4000
        for seed in 0..<n { counts[try HardAttention.sample(weights: alpha, seed: UInt64(seed)).chosen] += 1 }
        for i in 0..<4 { #expect(abs(Double(counts[i]) / Double(n) - alpha[i]) < 0.03) }
    }

    @Test func gumbelSoftmaxAtTauOneWithoutNoiseIsPi() throws {
        let t = try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 1, noise: .none)
        #expect(Ref.close(t.y.values, alpha.values, 1e-12))
    }

    @Test func gumbelSoftmaxApproachesArgmaxAsTauShrinks() throws {
        let g = [0.3, -0.2, 0.5, 1.0]
        // log π + g = −2.0026, −1.1163, −0.4163, −1.3026 → argmax at 2.
        let lp = zip(alpha.values, g).map { log($0) + $1 }
        var previous = 0.0
        for tau in [5.0, 1, 0.5, 0.1, 0.01] {
            let t = try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: tau, noise: .gumbel(g))
            #expect(Ref.close(t.y.values, Ref.softmax(lp.map { $0 / tau }), 1e-12))
            #expect(t.hardIndex == 2)
            #expect(t.y[2] >= previous)
            previous = t.y[2]
        }
        #expect(previous > 0.999)
    }

    @Test func gumbelNoiseFromUniformsAndSeed() throws {
        let u = [0.2, 0.5, 0.9, 0.7]
        let t = try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 0.5, noise: .uniforms(u))
        #expect(Ref.close(t.gumbel.values, u.map { -log(-log($0)) }, 1e-15))
        #expect(abs(t.gumbel[1] - 0.36651292058166435) < 1e-12)   // −log(−log 0.5) = −log(ln 2)
        var rng = SeededRandom(seed: 9)
        let seeded = try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 0.5, noise: .seed(9))
        #expect(seeded.uniforms?.values == (0..<4).map { _ in rng.uniform() })
        let g = t.explain(position: 1).lines[0]
        #expect(g.lhs == "g₁" && g.substituted == "−log(−log \(num: 0.5))")
        #expect(Ref.close(g.result.numbers, [-log(log(2))], 1e-12))
    }

    @Test func badGumbelParametersAreErrors() throws {
        #expect(throws: EngineError.self) { try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 0, noise: .none) }
        #expect(throws: EngineError.self) { try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 1, noise: .uniforms([0.5, 1, 0.2, 0.3])) }
        do {
            _ = try HardAttention.gumbelSoftmax(probabilities: alpha, temperature: 1, noise: .gumbel([0, 0]))
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.message.contains("2") && error.message.contains("4") && error.parameter == "noise")
        }
    }
}

@Suite struct AdvancedHardSweepTests {
    @Test func frequenciesApproachAlphaAndSweepTurnsOneHot() throws {
        let alpha = Vector([0.2, 0.5, 0.3])
        let f = try HardAttention.frequencies(weights: alpha, draws: 20000, seed: 1)
        #expect(abs(f.values.reduce(0, +) - 1) < 1e-12)
        for i in 0..<3 { #expect(abs(f[i] - alpha[i]) < 0.015) }
        let sweep = try HardAttention.gumbelSweep(probabilities: alpha, temperatures: [5, 1, 0.1, 0.01], noise: .gumbel([1, 0, 0]))
        // log π + g = log 0.2 + 1 = −0.609, log 0.5 = −0.693, log 0.3 = −1.204: the noise moves the winner to 0.
        #expect(sweep.rows == 4 && sweep[3, 0] > 0.99)
        #expect(sweep[0, 0] < sweep[1, 0] && sweep[1, 0] < sweep[2, 0])
        #expect(sweep.rowLabels?[2] == "τ = 0.1")
    }
}
