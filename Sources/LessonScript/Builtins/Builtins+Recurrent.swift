import AttentionEngine

// Recurrent cells (tanh RNN, GRU in Bahdanau's convention, LSTM) and whole decoders (lessons 1, 2,
// 7, 8). Cells are records of their weights, so `show cell` prints them and `cell.W` reads them.

extension BuiltinRegistry {
    static let recurrentBuiltins: [Builtin] = [
        cellBuiltin("rnn", "A tanh RNN cell h = tanh(W x + U h₋ + b).", gates: [""]),
        cellBuiltin("gru", "A GRU cell (Bahdanau's convention: reset before the matmul, h = (1 − z)⊙h₋ + z⊙n).", gates: ["z", "r", "n"]),
        cellBuiltin("lstm", "An LSTM cell with gates i, f, g, o and a memory cell c.", gates: ["i", "f", "g", "o"]),
        Builtin(name: "gruTorch", signature: "gruTorch(weightIH:, weightHH:, biasIH:, biasHH:)",
                summary: "A GRU cell in torch's convention, from `nn.GRU`/`nn.GRUCell`'s own parameters.",
                doc: "torch computes n = tanh(W_in x + b_in + r ⊙ (W_hn h₋ + b_hn)) — the reset gate after the matmul, with its own "
                    + "recurrent bias b_hn — and h = (1 − z) ⊙ n + z ⊙ h₋. Pass `weight_ih` (3H × input, gates stacked r, z, n), "
                    + "`weight_hh` (3H × H), `bias_ih` and `bias_hh` (3H each) as torch stores them; `step` then agrees with "
                    + "`nn.GRUCell`. The record shows the gates as z, r, n like `gru` (b_z and b_r are b_i· + b_h·) plus `bhn`. "
                    + "Keras's `GRU(reset_after=True)` computes the same cell with kernels (input × 3H, gates z, r, h): transpose "
                    + "each, reorder to r, z, n, and split its (2, 3H) bias into `biasIH` (row 0) and `biasHH` (row 1). Its z "
                    + "is torch's z, which is 1 − z of Bahdanau's `gru`.",
                group: "Recurrent cells") { call in
            let cell = try call.engine {
                try GRUCell.fromTorch(weightIH: try call.requiredMatrix("weightIH"), weightHH: try call.requiredMatrix("weightHH"),
                                      biasIH: try call.vector(try call.required(0, "biasIH", labelled: true), "biasIH"),
                                      biasHH: try call.vector(try call.required(0, "biasHH", labelled: true), "biasHH"))
            }
            return cellRecord(.gru(cell))
        },
        Builtin(name: "step", signature: "step(cell, x, state:)",
                summary: "One step of a cell: a record with each gate and the new state `h` (and `c`).",
                doc: "`state:` is the previous h (a vector) or a previous step's record (its `h` and `c` are used); zeros when "
                    + "left out. `explain s1` shows every gate with its numbers.",
                group: "Recurrent cells") { call in
            let cell = try recurrentCell(call.arguments[0], call)
            let x = try call.vector(call.positionalArguments[1], "x")
            let state = try cellState(call.argument("state"), cell: cell, call)
            let s = try call.engine { try cell.step(input: x, state: state) }
            return cellStepRecord(s)
        },
        decoder("bahdanau", "bahdanau(encoder:, targets:, cell:, score:, state:)",
                "Bahdanau's decoder: score with s₍t−1₎, feed [yₜ; aₜ] into the cell.") { call, h, y, s0, cell in
            try Decoder.bahdanau(encoder: h, targets: y, initialState: s0, cell: cell, score: try scoreFunction(call))
        },
        decoder("luong", "luong(encoder:, targets:, cell:, score:, Wc:, inputFeeding:, state:)",
                "Luong's decoder: step the cell, score with sₜ, then h̃ₜ = tanh(Wc [aₜ; sₜ]); optional input feeding.") { call, h, y, s0, cell in
            let wc = try call.matrix(try call.required(0, "Wc", labelled: true), "Wc")
            var feeding = false
            if let a = call.argument("inputFeeding") {
                guard case .bool(let b) = a.value else { throw call.wrongType(a, "inputFeeding", "`true` or `false`") }
                feeding = b
            }
            return try Decoder.luong(encoder: h, targets: y, initialState: s0, cell: cell, score: try scoreFunction(call),
                                     Wc: wc, inputFeeding: feeding)
        },
        decoder("noAttention", "noAttention(encoder:, targets:, cell:, context:, state:)",
                "The plain encoder–decoder: one fixed context c in every input [yₜ; c] (`context: \"last\"` or `\"mean\"`).") { call, h, y, s0, cell in
            try Decoder.noAttention(encoder: h, targets: y, initialState: s0, cell: cell, context: try fixedContext(call))
        },
        decoder("fixedContext", "fixedContext(encoder:, targets:, cell:, placement:, Wc:, context:, state:)",
                "A fixed context placed as the initial state, in every input, or after the RNN (`placement: \"initialState\"`, `\"everyInput\"`, `\"afterRNN\"` with `Wc:`).") { call, h, y, s0, cell in
            let p = try call.required(0, "placement", labelled: true)
            let placement: ContextPlacement
            switch try call.string(p, "placement") {
            case "initialState": placement = .initialState
            case "everyInput": placement = .everyInput
            case "afterRNN": placement = .afterRNN(Wc: try call.matrix(try call.required(0, "Wc", labelled: true), "Wc"))
            case let other:
                throw Diagnostic(at: p.location, id: "bad-option",
                                 "`placement:` must be \"initialState\", \"everyInput\" or \"afterRNN\", found \"\(other)\"")
            }
            return try Decoder.fixedContext(encoder: h, targets: y, initialState: s0, cell: cell, placement: placement,
                                            context: try fixedContext(call))
        },
    ]

    private static func fixedContext(_ call: BuiltinCall) throws -> FixedContext {
        guard let a = call.argument("context") else { return .last }
        switch try call.string(a, "context") {
        case "last": return .last
        case "mean": return .mean
        case let other: throw Diagnostic(at: a.location, id: "bad-option", "`context:` must be \"last\" or \"mean\", found \"\(other)\"")
        }
    }

    // MARK: Cells

    private static func weightNames(_ gates: [String]) -> [String] {
        gates.flatMap { g in ["W\(g)", "U\(g)", "b\(g)"] }
    }

    private static func cellBuiltin(_ kind: String, _ summary: String, gates: [String]) -> Builtin {
        let names = weightNames(gates)
        let given = names.map { "\($0):" }.joined(separator: ", ")
        return Builtin(name: kind, signature: "\(kind)(input:, hidden:, seed:) · \(kind)(\(given))",
                       summary: summary,
                       doc: "Random weights uniform in [−1/√hidden, 1/√hidden) from `seed:` (torch's initialisation), or the "
                           + "weights given (each W is hidden × input, U hidden × hidden, b optional). Weights follow the column-vector "
                           + "convention: `W x`. Each weight takes the next seed in turn (W from `seed`, U from `seed + 1`, b from "
                           + "`seed + 2`, then the next gate), so two cells whose seeds are close share matrices: space seeds at "
                           + "least 12 apart (e.g. 100, 200) when a lesson needs independent cells.",
                       group: "Recurrent cells") { call in
            let cell: RecurrentCell
            if call.argument("seed") != nil || call.argument("input") != nil || call.argument("hidden") != nil {
                let input = try call.integer(try call.required(0, "input", labelled: true), "input", minimum: 1, maximum: Limits.maximumSide)
                let hidden = try call.integer(try call.required(0, "hidden", labelled: true), "hidden", minimum: 1, maximum: Limits.maximumSide)
                try Limits.check(rows: hidden, cols: max(input, hidden), at: call.location)
                let seed = UInt64(try call.integer(try call.required(0, "seed", labelled: true), "seed", minimum: 0))
                switch kind {
                case "rnn": cell = .rnn(TanhRNNCell.random(inputSize: input, hiddenSize: hidden, seed: seed))
                case "gru": cell = .gru(GRUCell.random(inputSize: input, hiddenSize: hidden, seed: seed))
                default: cell = .lstm(LSTMCell.random(inputSize: input, hiddenSize: hidden, seed: seed))
                }
            } else {
                var weights: [GateWeights] = []
                for g in gates {
                    let W = try call.matrix(try call.required(0, "W\(g)", labelled: true), "W\(g)")
                    let U = try call.matrix(try call.required(0, "U\(g)", labelled: true), "U\(g)")
                    let b = try call.argument("b\(g)").map { try call.vector($0, "b\(g)") }
                    weights.append(try call.engine { try GateWeights(W: W, U: U, b: b, gate: g) })
                }
                cell = try call.engine { () throws -> RecurrentCell in
                    switch kind {
                    case "rnn": return .rnn(try TanhRNNCell(W: weights[0].W, U: weights[0].U, b: weights[0].b))
                    case "gru": return .gru(try GRUCell(z: weights[0], r: weights[1], n: weights[2]))
                    default: return .lstm(try LSTMCell(i: weights[0], f: weights[1], g: weights[2], o: weights[3]))
                    }
                }
            }
            return cellRecord(cell)
        }
    }

    static func gateWeights(_ cell: RecurrentCell) -> [(String, GateWeights)] {
        switch cell {
        case .rnn(let c): return [("", c.weights)]
        case .gru(let c): return [("z", c.z), ("r", c.r), ("n", c.n)]
        case .lstm(let c): return [("i", c.i), ("f", c.f), ("g", c.g), ("o", c.o)]
        }
    }

    static func cellRecord(_ cell: RecurrentCell) -> Value {
        var fields: [(name: String, value: Value)] = []
        for (g, w) in gateWeights(cell) {
            fields += [("W\(g)", .matrix(w.W)), ("U\(g)", .matrix(w.U)), ("b\(g)", .vector(w.b))]
        }
        if case .gru(let g) = cell, g.convention == .torch {
            fields.append(("bhn", .vector(g.recurrentBiasN ?? Vector(repeating: 0, count: g.hiddenSize))))
        }
        return .record(Record(kind: "\(cell.kind) cell", fields: fields, trace: .cell(cell)))
    }

    /// The engine cell behind a cell record made by `rnn`, `gru` or `lstm` (its trace holds it, typed).
    static func recurrentCell(_ a: BuiltinCall.Argument, _ call: BuiltinCall) throws -> RecurrentCell {
        guard case .record(let r) = a.value, case .cell(let cell)? = r.trace else {
            throw call.wrongType(a, "cell", "a cell made by `rnn(…)`, `gru(…)` or `lstm(…)`")
        }
        return cell
    }

    /// A state from `state:`: a vector h, or a step record's `h` (and `c`); zeros when absent.
    static func cellState(_ a: BuiltinCall.Argument?, cell: RecurrentCell, _ call: BuiltinCall) throws -> CellState {
        guard let a else { return cell.zeroState }
        switch a.value {
        case .vector(let h):
            return cell.state(h: h)
        case .record(let r):
            guard case .vector(let h)? = r["h"] else { throw call.wrongType(a, "state", "a vector h or a cell step") }
            if case .vector(let c)? = r["c"] { return CellState(h: h, c: c) }
            return cell.state(h: h)
        default:
            throw call.wrongType(a, "state", "a vector h or a cell step")
        }
    }

    static func cellStepRecord(_ s: CellStep) -> Value {
        var fields: [(name: String, value: Value)] = s.gates.map { ($0.name, .vector($0.value)) }
        if !fields.contains(where: { $0.name == "h" }) { fields.append(("h", .vector(s.state.h))) }
        if let c = s.state.c, !fields.contains(where: { $0.name == "c" }) { fields.append(("c", .vector(c))) }
        return .record(Record(kind: "\(s.kind) step", fields: fields, trace: .cellStep(s)))
    }

    // MARK: Decoders

    private static func decoder(_ name: String, _ signature: String, _ summary: String,
                                _ run: @escaping @Sendable (BuiltinCall, Matrix, Matrix, CellState?, RecurrentCell) throws -> DecoderRun) -> Builtin {
        Builtin(name: name, signature: signature, summary: summary,
                doc: "`encoder:` is h (S × d_h, row labels = source tokens), `targets:` the target embeddings y (T × d_y, row "
                    + "labels = target tokens), `cell:` a cell from `rnn`/`gru`/`lstm`, `state:` the initial s (zeros when left "
                    + "out). The result has `alignment` (T × S), `states`, `contexts`, `outputs` and `steps` "
                    + "(`dec.steps[t]` has `e`, `alpha`, `a`, `input`, `s`, `output`; `explain dec.steps[1].e[0]` works).",
                group: "Decoders") { call in
            let h = try call.rows(try call.required(0, "encoder", labelled: true), "encoder")
            let y = try call.rows(try call.required(0, "targets", labelled: true), "targets")
            let cell = try recurrentCell(try call.required(0, "cell", labelled: true), call)
            let s0 = try call.argument("state").map { try cellState($0, cell: cell, call) }
            try Arithmetic.checkWork(y.rows, h.rows, max(h.cols, cell.hiddenSize) * 4, at: call.location)
            let r = try call.engine { try run(call, h, y, s0, cell) }
            return decoderRecord(r)
        }
    }

    static func decoderRecord(_ run: DecoderRun) -> Value {
        var steps: [(name: String, value: Value)] = []
        for s in run.steps {
            var fields: [(name: String, value: Value)] = []
            if let at = s.attention { fields += [("e", .vector(at.e)), ("alpha", .vector(at.alpha))] }
            fields += [("a", .vector(s.context)), ("input", .vector(s.input.vector)), ("s", .vector(s.state.h)), ("output", .vector(s.output))]
            steps.append(("t\(s.t)", .record(Record(kind: "decoder step", fields: fields, trace: .decoderStep(s)))))
        }
        return .record(Record(kind: "\(run.flow) decoder run", fields: [
            ("alignment", .matrix(run.alignment)), ("states", .matrix(run.states)), ("contexts", .matrix(run.contexts)),
            ("outputs", .matrix(run.outputs)), ("steps", .record(Record(kind: "decoder steps", fields: steps))),
        ], captions: ["alignment": "α, one row per target step", "states": "s, one row per target step",
                      "contexts": "a, one row per target step", "outputs": "outputs, one row per target step"]))
    }
}
