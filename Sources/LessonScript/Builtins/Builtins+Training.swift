import AttentionEngine
import Training

// Learning to align (lesson 9, DESIGN.md §10): the toy parallel corpus, the tiny Bahdanau
// encoder–decoder (Bahdanau, Cho & Bengio 2014), its training, and everything a lesson reads off
// a trained model — translations, accuracy, the trace of one sentence with every e, α, a, y′ and
// s, and the gradient of every parameter. Models and corpora are records whose `trace` carries
// the Training types (`Trace.training`, `Trace.corpus`), so later builtins use them typed and the
// cell cache stores them like any value.

extension BuiltinRegistry {
    static let trainingBuiltins: [Builtin] = [
        Builtin(name: "toyCorpus", signature: "toyCorpus(seed:, size:, heldOut:)",
                summary: "The seeded toy Chinese-like → English-like corpus whose word order differs (time and place move).",
                doc: "Rule: source `SUBJECT [TIME] [在 PLACE] VERB [MODIFIER] NOUN`, target `SUBJECT VERB [MODIFIER] NOUN "
                    + "[at PLACE] [TIME]`, one target word per source word. `size:` distinct pairs in all (400 when left out), "
                    + "the first `heldOut:` drawn (80) form the held-out split, which shares no sentence with training; "
                    + "`seed:` (2014) drives the sampler. 我 爱 机器 学习 → I love machine learning is training pair 0. "
                    + "Fields: `training`, `heldOut` (counts), `sourceWords`, `targetWords` (the vocabularies; target ids 0 "
                    + "and 1 are `<eos>` and `<bos>`). Read one pair with `pair(corpus, i, split:)`.",
                group: "Training") { call in
            let recipe = CorpusRecipe(
                size: try call.argument("size").map { try call.integer($0, "size", minimum: 2, maximum: 8960) } ?? 400,
                heldOut: try call.argument("heldOut").map { try call.integer($0, "heldOut", minimum: 1) } ?? 80,
                seed: UInt64(try call.argument("seed").map { try call.integer($0, "seed", minimum: 0) } ?? 2014))
            let corpus = try call.engine { try recipe.draw() }
            return .record(Record(kind: "toy corpus", fields: [
                ("training", .number(Double(corpus.training.count))), ("heldOut", .number(Double(corpus.heldOut.count))),
                ("sourceWords", .tokens(corpus.sourceVocabulary.words)), ("targetWords", .tokens(corpus.targetVocabulary.words)),
            ], trace: .corpus(recipe)))
        },
        Builtin(name: "pair", signature: "pair(corpus, i, split:)",
                summary: "Sentence pair i of a corpus's training split (or `split: \"heldOut\"`): source, target, reference alignment.",
                doc: "`reference` is the alignment the reordering rule implies: target words × source words, 1 where the target "
                    + "word translates that source word. A trained model's attention should find it.",
                group: "Training") { call in
            let recipe = try corpusRecipe(try call.required(0, "corpus"), call)
            let corpus = try call.engine { try recipe.draw() }
            let pairs = try split(call, corpus)
            let i = try call.integer(try call.required(1, "i"), "i", minimum: 0, maximum: pairs.count - 1)
            let p = pairs[i]
            var reference = Matrix(rows: p.target.count, cols: p.source.count, storage: Array(repeating: 0, count: p.target.count * p.source.count),
                                   rowLabels: p.target, colLabels: p.source)
            for (t, s) in ToyCorpus.referenceAlignment(p).enumerated() where s >= 0 { reference[t, s] = 1 }
            return .record(Record(kind: "sentence pair", fields: [
                ("source", .tokens(p.source)), ("target", .tokens(p.target)), ("reference", .matrix(reference)),
            ], captions: ["reference": "the alignment the reordering rule implies"]))
        },
        Builtin(name: "seq2seq", signature: "seq2seq(corpus, embed:, hidden:, attention:, seed:)",
                summary: "The tiny Bahdanau encoder–decoder for a corpus's vocabularies, with seeded initial weights.",
                doc: "Embeddings of size `embed:` (12), a bidirectional GRU encoder and a GRU decoder of `hidden:` units (16; "
                    + "annotations are 2·hidden wide), the additive score vᵀtanh(W_a s₍t−1₎ + U_a h_i) with `attention:` "
                    + "units (16), the decoder fed [y_t; a_t], the readout softmax(W_o [s_t; a_t] + b_o). Weights uniform in "
                    + "±1/√fan_in from `seed:` (1), embeddings in ±1, biases 0. Fields: `parameters` (how many numbers it "
                    + "learns) and `shapes` (one row per kind of tensor: rows, cols, tensors of that shape, numbers).",
                group: "Training") { call in
            let recipe = try corpusRecipe(try call.required(0, "corpus"), call)
            var c = TrainingConfiguration()
            func size(_ label: String) throws -> Int? { try call.argument(label).map { try call.integer($0, label, minimum: 1, maximum: 256) } }
            if let m = try size("embed") { c.embedding = m }
            if let h = try size("hidden") { c.encoderHidden = h; c.decoderHidden = h }
            if let d = try size("attention") { c.attention = d }
            if let s = call.argument("seed") { c.seed = UInt64(try call.integer(s, "seed", minimum: 0)) }
            c.epochs = 0
            let run = try call.engine { try TrainingMemo.shared.run(recipe, c)! }
            return modelRecord(run, recipe)
        },
        Builtin(name: "train", signature: "train(model, corpus, epochs:, snapshots:, learningRate:, batch:)",
                summary: "Trains a model with teacher forcing, cross-entropy and Adam; keeps the weights at chosen epochs.",
                doc: "Starts from the model's initial weights. `epochs:` passes over the training split (12), `snapshots:` a "
                    + "vector of epochs whose weights to keep (0 = before training), `learningRate:` Adam's step (0.01; "
                    + "β₁ 0.9, β₂ 0.999, ε 1e-8), `batch:` sentences per batch (16; a batch holds one source and one target "
                    + "length). Deterministic: the same arguments give bit-identical weights. The result is a model (every "
                    + "builtin that takes one takes it, with `epoch:` for a snapshot) with `loss` (mean cross-entropy per "
                    + "predicted word, one entry per epoch, labelled by epoch), `snapshots` and `parameters`.",
                group: "Training") { call in
            let (base, _) = try trainingRun(try call.required(0, "model"), call)
            let recipe = try corpusRecipe(try call.required(1, "corpus"), call)
            var c = base.configuration
            c.epochs = try call.argument("epochs").map { try call.integer($0, "epochs", minimum: 0, maximum: 200) } ?? 12
            if let a = call.argument("learningRate") { c.learningRate = try call.number(a, "learningRate") }
            if let a = call.argument("batch") { c.batchSize = try call.integer(a, "batch", minimum: 1, maximum: 4096) }
            if let a = call.argument("snapshots") {
                let epochs = try call.vector(a, "snapshots").values
                c.snapshotEpochs = try epochs.map { e in
                    guard e == e.rounded(), e >= 0, e <= Double(c.epochs) else {
                        throw Diagnostic(at: a.location, id: "out-of-range",
                                         "`snapshots:` needs whole epochs from 0 to \(c.epochs), found \(Value.number(e).brief)")
                    }
                    return Int(e)
                }
            }
            let work = c.epochs * (recipe.size - recipe.heldOut) * base.final.parameterCount
            if work > Limits.maximumTrainingWork {
                throw Diagnostic(at: call.location, id: "too-large",
                                 "`train` of \(c.epochs) epochs × \(recipe.size - recipe.heldOut) sentences × \(base.final.parameterCount) parameters "
                                 + "is too much work for a lesson: \(work), at most \(Limits.maximumTrainingWork)",
                                 fix: "train for fewer epochs, on a smaller corpus or a smaller model")
            }
            // Run ahead by a forecast, a training another thread has in hand is left to it.
            guard let run = try call.engine({ try TrainingMemo.shared.run(recipe, c, ahead: TrainingMemo.forecasting) }) else {
                return .number(0)
            }
            return modelRecord(run, recipe)
        },
        Builtin(name: "translate", signature: "translate(model, sentence, epoch:)",
                summary: "Greedy translation: the most probable word at every step, fed back, until `<eos>`.",
                doc: "`sentence` is a string or tokens of source words. `epoch:` uses a snapshot's weights instead of the final ones. "
                    + "Stops after 2S + 2 words if the model never chooses `<eos>`.",
                group: "Training") { call in
            let (run, _) = try trainingRun(try call.required(0, "model"), call)
            let parameters = try weights(run, call)
            let sentence = try call.required(1, "sentence")
            let source = try known(try words(sentence, call), run.model.sourceVocabulary, "source", sentence)
            return .tokens(try call.engine { try run.model.translate(parameters, source) })
        },
        Builtin(name: "accuracy", signature: "accuracy(model, corpus, split:, epoch:)",
                summary: "The share of a split's sentences (training, or `split: \"heldOut\"`) translated exactly right.",
                doc: "Exact match of the whole greedy translation with the reference, `<eos>` included. `epoch:` uses a snapshot.",
                group: "Training") { call in
            let (run, _) = try trainingRun(try call.required(0, "model"), call)
            let parameters = try weights(run, call)
            let recipe = try corpusRecipe(try call.required(1, "corpus"), call)
            let corpus = try call.engine { try recipe.draw() }
            let pairs = try split(call, corpus)
            return .number(try call.engine { try Trainer.accuracy(run.model, parameters, on: pairs) })
        },
        Builtin(name: "decode", signature: "decode(model, source:, target:, epoch:)",
                summary: "One sentence through the model with every intermediate: the same fields as `bahdanau(…)`, rows labelled by the word produced.",
                doc: "Without `target:` the model translates greedily; with it, the target is fed back (teacher forcing) and "
                    + "`<eos>` appended. Fields: `alignment` (α, words produced × source words), `states`, `contexts`, `outputs`, "
                    + "`steps` (`steps[t]` has `e`, `alpha`, `a`, `input` = [y_t; a_t], `s`, `output`; `explain` works on "
                    + "each), then `source`, `output` (the words produced), `inputs` (the words fed in), `annotations` "
                    + "(h_i = [→h_i; ←h_i]), `logits` (W_o [s_t; a_t] + b_o) and `probabilities` (their softmax).",
                group: "Training") { call in
            let (run, _) = try trainingRun(try call.required(0, "model"), call)
            let parameters = try weights(run, call)
            let s = try call.required(0, "source", labelled: true)
            let source = try known(try words(s, call), run.model.sourceVocabulary, "source", s)
            let target = try call.argument("target").map { try known(try words($0, call), run.model.targetVocabulary, "target", $0) }
            let t = try call.engine { try run.model.trace(parameters, source: source, target: target) }
            guard case .record(var record) = decoderRecord(t.run) else { return decoderRecord(t.run) }
            record.kind = "trained Bahdanau decoder run"
            record.fields += [("source", .tokens(t.source)), ("output", .tokens(t.output)), ("inputs", .tokens(t.inputs)),
                              ("annotations", .matrix(t.annotations)), ("logits", .matrix(t.logits)),
                              ("probabilities", .matrix(t.probabilities))]
            record.captions["annotations"] = "h = [→h; ←h], one row per source word"
            record.captions["probabilities"] = "p(word | …) = softmax(W_o [s; a] + b_o), one row per step"
            record.captions["logits"] = "W_o [s; a] + b_o, one row per step"
            return .record(record)
        },
        Builtin(name: "gradients", signature: "gradients(model, corpus, batch:, epoch:)",
                summary: "The teacher-forced loss of a batch of training sentences and ∂loss/∂θ for every parameter θ.",
                doc: "`batch:` is a vector of training-split positions (`[0]` is 我 爱 机器 学习) whose sources share one length "
                    + "and whose targets share one length. The loss is the mean cross-entropy over every predicted word and "
                    + "`<eos>`, computed by reverse-mode differentiation (the trainer's own code). Fields: `loss`, then one "
                    + "gradient per tensor, named as in `shapes` with `→`/`←` spelled `encF_`/`encB_` and `dec.` as `dec_` "
                    + "(`E_x`, `encF_W_z`, `W_a`, `v_a`, `dec_U`, `W_o`, `b_o`…). Check them against a finite difference "
                    + "with `perturb`.",
                group: "Training") { call in
            let (run, _) = try trainingRun(try call.required(0, "model"), call)
            let parameters = try weights(run, call)
            let recipe = try corpusRecipe(try call.required(1, "corpus"), call)
            let corpus = try call.engine { try recipe.draw() }
            let b = try call.required(0, "batch", labelled: true)
            let positions = try call.vector(b, "batch").values
            let pairs = try positions.map { x -> ToyCorpus.Pair in
                guard x == x.rounded(), x >= 0, x < Double(corpus.training.count) else {
                    throw Diagnostic(at: b.location, id: "out-of-range",
                                     "`batch:` needs training positions from 0 to \(corpus.training.count - 1), found \(Value.number(x).brief)")
                }
                return corpus.training[Int(x)]
            }
            guard Set(pairs.map(\.source.count)).count == 1, Set(pairs.map(\.target.count)).count == 1 else {
                let lengths = pairs.map { "\($0.source.count)→\($0.target.count)" }.joined(separator: ", ")
                throw Diagnostic(at: b.location, id: "bad-batch",
                                 "`batch:` sentences must share one source and one target length, found \(lengths)")
            }
            let (loss, g) = try call.engine { try run.model.lossAndGradients(parameters, batch: try run.model.batch(pairs)) }
            let names = Seq2SeqParameters.names.map(scriptName)
            return .record(Record(kind: "gradients", fields: [("loss", .number(loss))] + zip(names, g.list).map { ($0, .matrix($1)) },
                                  captions: ["loss": "mean cross-entropy per predicted word"]))
        },
        Builtin(name: "weights", signature: "weights(model, epoch:)",
                summary: "Every parameter of a model as a record of matrices (the final weights, or a snapshot's with `epoch:`).",
                doc: "Fields named as in `gradients` (`E_x`, `encF_W_z`, `W_a`, `U_a`, `v_a`, `dec_W`, `W_o`, `b_o`…); "
                    + "matrices are (out × in), column-vector convention, as the lessons write them: `W_a s`.",
                group: "Training") { call in
            let (run, _) = try trainingRun(try call.required(0, "model"), call)
            let parameters = try weights(run, call)
            return .record(Record(kind: "model weights", fields: zip(Seq2SeqParameters.names.map(scriptName), parameters.list).map { ($0, .matrix($1)) }))
        },
        Builtin(name: "perturb", signature: "perturb(model, tensor, row, col, by:)",
                summary: "The model with one weight changed by `by:` — for checking a gradient by finite differences.",
                doc: "`tensor` is a name as in `gradients` (\"v_a\", \"encF_W_z\"…); `row` and `col` count from 0. Changes the "
                    + "final weights (the ones used without `epoch:`).",
                group: "Training") { call in
            let (run, recipe) = try trainingRun(try call.required(0, "model"), call)
            let nameArgument = try call.required(1, "tensor")
            let name = try call.string(nameArgument, "tensor")
            let names = Seq2SeqParameters.names.map(scriptName)
            guard let k = names.firstIndex(of: name) else {
                throw Diagnostic(at: nameArgument.location, id: "unknown-tensor", "the model has no tensor \"\(name)\"",
                                 fix: Suggest.closest(name, among: names).map { "did you mean \"\($0)\"?" })
            }
            var list = run.final.list
            let row = try call.integer(try call.required(2, "row"), "row", minimum: 0, maximum: list[k].rows - 1)
            let col = try call.integer(try call.required(3, "col"), "col", minimum: 0, maximum: list[k].cols - 1)
            list[k][row, col] += try call.number(try call.required(0, "by", labelled: true), "by")
            var changed = run
            changed.final = Seq2SeqParameters(list: list)
            return modelRecord(changed, recipe)
        },
    ]

    // MARK: Helpers

    /// A tensor's name as a script field: `enc→.W_z` → `encF_W_z`, `enc←.W_z` → `encB_W_z`, `dec.W_z` → `dec_W_z`.
    static func scriptName(_ name: String) -> String {
        name.replacingOccurrences(of: "enc→.", with: "encF_").replacingOccurrences(of: "enc←.", with: "encB_")
            .replacingOccurrences(of: "dec.", with: "dec_")
    }

    /// The record of a model (trained or not): its losses, snapshots and sizes as fields, the run as its trace.
    static func modelRecord(_ run: TrainingRun, _ recipe: CorpusRecipe) -> Value {
        let epochs = run.epochLosses.indices.map { String($0 + 1) }
        var fields: [(name: String, value: Value)] = []
        if !run.epochLosses.isEmpty { fields.append(("loss", .vector(Vector(run.epochLosses, labels: epochs)))) }
        if !run.snapshots.isEmpty { fields.append(("snapshots", .vector(Vector(run.snapshots.map { Double($0.epoch) })))) }
        fields += [("epochs", .number(Double(run.configuration.epochs))),
                   ("parameters", .number(Double(run.final.parameterCount))), ("shapes", .matrix(shapeTable(run.model.sizes)))]
        return .record(Record(kind: run.configuration.epochs == 0 ? "seq2seq model" : "trained seq2seq model", fields: fields,
                              trace: .training(run, corpus: recipe),
                              captions: ["loss": "mean cross-entropy per predicted word, per epoch",
                                         "shapes": "every kind of tensor: its shape, how many, how many numbers"]))
    }

    /// One row per kind of tensor (a GRU's three W, three U and three b each make one row).
    static func shapeTable(_ sizes: Seq2SeqSizes) -> Matrix {
        var rows: [(String, Int, Int, Int)] = []
        for (name, shape) in zip(Seq2SeqParameters.names, sizes.shapes) {
            // A GRU's enc→.W_z, enc→.W_r, enc→.W share a row "enc→.W"; plain tensors keep their names.
            var key = name
            if let dot = name.firstIndex(of: ".") { key = String(name[...dot]) + String(name[name.index(after: dot)]) }
            if let i = rows.firstIndex(where: { $0.0 == key }) { rows[i].3 += 1 } else { rows.append((key, shape.0, shape.1, 1)) }
        }
        return Matrix(rows: rows.count, cols: 4, storage: rows.flatMap { [Double($0.1), Double($0.2), Double($0.3), Double($0.1 * $0.2 * $0.3)] },
                      rowLabels: rows.map(\.0), colLabels: ["rows", "cols", "tensors", "numbers"])
    }

    /// The run and corpus behind a model record made by `seq2seq` or `train`.
    static func trainingRun(_ a: BuiltinCall.Argument, _ call: BuiltinCall) throws -> (TrainingRun, CorpusRecipe) {
        guard case .record(let r) = a.value, case .training(let run, let recipe)? = r.trace else {
            throw call.wrongType(a, "model", "a model made by `seq2seq(…)` or `train(…)`")
        }
        return (run, recipe)
    }

    /// The recipe behind a corpus record made by `toyCorpus`.
    static func corpusRecipe(_ a: BuiltinCall.Argument, _ call: BuiltinCall) throws -> CorpusRecipe {
        guard case .record(let r) = a.value, case .corpus(let recipe)? = r.trace else {
            throw call.wrongType(a, "corpus", "a corpus made by `toyCorpus(…)`")
        }
        return recipe
    }

    /// The weights `epoch:` names (a snapshot, 0 for the initial weights), else the final ones.
    static func weights(_ run: TrainingRun, _ call: BuiltinCall) throws -> Seq2SeqParameters {
        guard let a = call.argument("epoch") else { return run.final }
        let e = try call.integer(a, "epoch", minimum: 0)
        if e == 0 { return run.initial }
        if let s = run.snapshots.first(where: { $0.epoch == e }) { return s.parameters }
        if e == run.configuration.epochs { return run.final }
        let kept = ([0] + run.snapshots.map(\.epoch) + [run.configuration.epochs]).map(String.init).joined(separator: ", ")
        throw Diagnostic(at: a.location, id: "no-snapshot", "no weights were kept after epoch \(e): this model has epochs \(kept)",
                         fix: "add \(e) to `snapshots:` in `train(…)`")
    }

    /// The split `split:` names: "training" (the default) or "heldOut".
    static func split(_ call: BuiltinCall, _ corpus: ToyCorpus) throws -> [ToyCorpus.Pair] {
        guard let a = call.argument("split") else { return corpus.training }
        switch try call.string(a, "split") {
        case "training": return corpus.training
        case "heldOut": return corpus.heldOut
        case let other: throw Diagnostic(at: a.location, id: "bad-option", "`split:` must be \"training\" or \"heldOut\", found \"\(other)\"")
        }
    }

    /// `words`, after checking each is in `vocabulary`: an unknown word is reported at its argument.
    static func known(_ words: [String], _ vocabulary: Vocabulary, _ side: String, _ a: BuiltinCall.Argument) throws -> [String] {
        if let w = words.first(where: { vocabulary.id($0) == nil || $0 == "<eos>" || $0 == "<bos>" }) {
            throw Diagnostic(at: a.location, id: "unknown-word",
                             "`\(w)` is not a \(side) word of the model; it knows \(vocabulary.words.filter { !$0.hasPrefix("<") }.joined(separator: " "))")
        }
        return words
    }

    /// Words from a string (split at spaces) or a token list.
    static func words(_ a: BuiltinCall.Argument, _ call: BuiltinCall) throws -> [String] {
        switch a.value {
        case .tokens(let t): return t
        case .string(let s):
            let t = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            guard !t.isEmpty else { throw Diagnostic(at: a.location, id: "empty-tokens", "`\(call.name)` needs at least one word, found an empty string") }
            return t
        default: throw call.wrongType(a, "sentence", "a string or tokens")
        }
    }
}
