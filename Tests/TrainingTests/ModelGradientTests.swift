import AttentionEngine
import Foundation
import Testing
@testable import Training

// The whole model's loss against central finite differences with respect to every entry of
// every parameter, and the tape's forward pass against the engine's forward code (the trace).

/// A corpus and a deliberately small model, so checking every entry stays quick.
let smallCorpus = try! ToyCorpus(size: 40, heldOut: 8, seed: 5)
let smallModel = Seq2SeqModel(corpus: smallCorpus, embedding: 3, encoderHidden: 3, decoderHidden: 4, attention: 3)

/// Initial weights with non-zero biases, so every tensor's gradient is exercised, and the
/// attention weights scaled up: at initialisation α is nearly uniform and ∂L/∂W_a is ~1e−5, so
/// small that finite differences' rounding (~1e−12) would dominate the comparison.
func smallParameters() -> Seq2SeqParameters {
    Seq2SeqParameters.initial(smallModel.sizes, seed: 11).map { name, m in
        if m.rows == 1 && name != "v_a" { return Matrix.random(rows: 1, cols: m.cols, scale: 0.5, seed: UInt64(m.cols)) }
        return ["W_a", "U_a", "v_a"].contains(name) ? m.map { 4 * $0 } : m
    }
}

/// Two sentences of one length from the small corpus, as a batch.
func smallBatch() throws -> Batch {
    let pairs = smallCorpus.training.filter { $0.source.count == 5 }.prefix(2)
    #expect(pairs.count == 2)
    return try smallModel.batch(Array(pairs))
}

@Test func modelLossGradientMatchesFiniteDifferencesForEveryParameter() throws {
    let parameters = smallParameters(), batch = try smallBatch()
    let (loss, gradients) = try smallModel.lossAndGradients(parameters, batch: batch)
    #expect(loss.isFinite && loss > 0)
    let numeric = try numericGradients(parameters.list) { tensors in
        try smallModel.loss(Seq2SeqParameters(list: tensors), batch: batch)
    }
    var worst = (0.0, "")
    for (name, (g, n)) in zip(Seq2SeqParameters.names, zip(gradients.list, numeric)) {
        let error = relativeError(g.storage, n)
        if error > worst.0 { worst = (error, name) }
        #expect(error <= gradientLimit, "\(name): relative error \(error)")
        // Every tensor the batch touches has a non-zero gradient (unused embedding rows stay 0).
        #expect(n.contains { $0 != 0 }, "\(name) has a zero numeric gradient")
    }
    print("model gradient check: worst relative error \(worst.0) (\(worst.1)) over \(parameters.parameterCount) parameters")
}

@Test func tapeForwardAgreesWithTheEngineTrace() throws {
    let parameters = smallParameters()
    let pair = smallCorpus.training[3]
    let batch = try smallModel.batch([pair])
    let trace = try smallModel.trace(parameters, source: pair.source, target: pair.target)
    // Loss two ways: the tape's cross-entropy, and −mean log p(word) read off the engine trace.
    var nll = 0.0
    for (t, word) in (pair.target + ["<eos>"]).enumerated() {
        nll -= log(trace.probabilities[t, smallModel.targetVocabulary.id(word)!])
    }
    nll /= Double(pair.target.count + 1)
    let tapeLoss = try smallModel.loss(parameters, batch: batch)
    #expect(abs(nll - tapeLoss) <= 1e-12 * max(1, tapeLoss), "engine \(nll) vs tape \(tapeLoss)")
    // Alignment two ways: the tape's α per step against the engine's.
    let tape = Tape()
    let p = Seq2SeqModel.record(parameters, on: tape, trainable: false)
    let encoded = try smallModel.encode(tape, p, sources: batch.sources)
    var state = encoded.initialState
    for t in 0...pair.target.count {
        let previous = t == 0 ? Seq2SeqModel.bos : batch.targets[0][t - 1]
        let step = try smallModel.decoderStep(tape, p, encoded, state: state, previous: [previous])
        state = step.state
        let engine = trace.run.alignment.row(t).values, ours = tape.value(step.alpha).storage
        #expect(zip(engine, ours).allSatisfy { abs($0 - $1) <= 1e-12 }, "step \(t): \(engine) vs \(ours)")
        #expect(zip(trace.run.states.row(t).values, tape.value(step.state).storage).allSatisfy { abs($0 - $1) <= 1e-12 })
    }
    #expect(trace.run.flow == "bahdanau")
    #expect(trace.run.alignment.rowLabels == pair.target + ["<eos>"] && trace.run.alignment.colLabels == pair.source)
    #expect(trace.run.steps[0].input.blocks.map(\.name) == ["y₀", "a₀"])
}

@Test func parametersRoundTripThroughJSON() throws {
    let parameters = smallParameters()
    let data = try JSONEncoder().encode(parameters)
    #expect(try JSONDecoder().decode(Seq2SeqParameters.self, from: data) == parameters)
}

@Test func wrongShapesAndWordsAreReportedByName() throws {
    var parameters = smallParameters()
    parameters.attentionW = Matrix(rows: 2, cols: 2)
    #expect { try smallModel.lossAndGradients(parameters, batch: try smallBatch()) } throws: { error in
        (error as? EngineError)?.message.contains("`W_a` must be 3×4") == true
    }
    #expect { try smallModel.translate(smallParameters(), ["我", "爱", "猫"]) } throws: { error in
        (error as? EngineError)?.message.contains("`猫` is not in the vocabulary") == true
    }
    #expect(throws: EngineError.self) { try Batch(sources: [[1, 2], [3]], targets: [[1], [2]]) }
    #expect(throws: EngineError.self) { try smallModel.trace(smallParameters(), source: []) }
}

@Test func untrainedGreedyTraceEndsWithoutEOSWhenTheModelNeverStops() throws {
    // Untrained weights rarely pick <eos>: then the trace has 2S + 2 rows, none labelled <eos>,
    // and each step's input is the previous step's output.
    let trace = try smallModel.trace(smallParameters(), source: ["我", "爱", "机器", "学习"])
    let words = try smallModel.translate(smallParameters(), ["我", "爱", "机器", "学习"])
    #expect(trace.output == words + (words.count < 10 ? ["<eos>"] : []))
    #expect(Array(trace.inputs.dropFirst()) == Array(trace.output.dropLast()) && trace.inputs.first == "<bos>")
    #expect(trace.run.alignment.rows == trace.output.count)
}
