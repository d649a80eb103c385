import Foundation

// The trace of one recurrent step, shared by the tanh RNN, GRU and LSTM: every gate in the order
// it is computed, so a lesson can show (and explain) each one.

/// A recurrent state: `h` for the tanh RNN and GRU, `(h, c)` for the LSTM.
public struct CellState: Equatable, Sendable, Codable {
    /// The hidden state (the decoder state s that attention queries with).
    public var h: Vector
    /// The LSTM memory cell; `nil` for the tanh RNN and GRU.
    public var c: Vector?

    public init(h: Vector, c: Vector? = nil) { self.h = h; self.c = c }

    /// All zeros, with a memory cell when `withCell` (LSTM).
    public static func zeros(_ size: Int, withCell: Bool = false) -> CellState {
        CellState(h: Vector(repeating: 0, count: size), c: withCell ? Vector(repeating: 0, count: size) : nil)
    }
}

/// One named intermediate of a cell step, e.g. the GRU's update gate `z`.
public struct GateTrace: Equatable, Sendable, Codable {
    /// The gate's name: `z`, `r`, `n`, `h`; `i`, `f`, `g`, `o`, `c`, `h`; `s`.
    public var name: String
    /// How it is computed, e.g. `σ(W_z x + U_z h₋ + b_z)`.
    public var formula: String
    /// The argument of the nonlinearity (`W_z x + U_z h₋ + b_z`), when the gate has one.
    public var preactivation: Vector?
    /// The summands of `preactivation` in the formula's order (e.g. `W_z x`, `U_z h₋`, `b_z`).
    public var terms: [Vector]
    /// The nonlinearity applied to `preactivation`: "σ" or "tanh".
    public var nonlinearity: String?
    /// The gate's value.
    public var value: Vector

    public init(name: String, formula: String, preactivation: Vector? = nil, terms: [Vector] = [], nonlinearity: String? = nil,
                value: Vector) {
        self.name = name; self.formula = formula; self.preactivation = preactivation; self.terms = terms
        self.nonlinearity = nonlinearity; self.value = value
    }
}

/// Everything one recurrent step computed.
public struct CellStep: Equatable, Sendable, Codable {
    /// "rnn", "gru" or "lstm".
    public var kind: String
    /// The input x (e.g. the decoder input y'_t = [y_t; a_t]).
    public var input: Vector
    /// The state before the step.
    public var previous: CellState
    /// Every gate in the order computed; the last ones are the new state (`h`, and `c` for the LSTM).
    public var gates: [GateTrace]
    /// The state after the step.
    public var state: CellState

    public init(kind: String, input: Vector, previous: CellState, gates: [GateTrace], state: CellState) {
        self.kind = kind; self.input = input; self.previous = previous; self.gates = gates; self.state = state
    }

    /// The gate called `name`, if any.
    public func gate(_ name: String) -> Vector? { gates.first { $0.name == name }?.value }

    /// Each gate with its formula, its pre-activation substituted, and its value.
    public func explain() -> WorkedArithmetic {
        let v = { (x: Vector) in Notation.vector(x.values) }
        var lines: [WorkedArithmetic.Line] = [
            .init(lhs: "x", result: v(input)),
            .init(lhs: "h₋", symbolic: "previous state", result: v(previous.h)),
        ]
        if let c = previous.c { lines.append(.init(lhs: "c₋", symbolic: "previous memory cell", result: v(c))) }
        for gate in gates {
            if let pre = gate.preactivation, let f = gate.nonlinearity {
                let applied: ArithmeticText = "\(f)(\(v(pre)))"
                if gate.terms.count > 1 {
                    let sum: ArithmeticText = "\(f)(\(ArithmeticText.joined(gate.terms.map(v), separator: " + ")))"
                    lines.append(.init(lhs: "\(gate.name)", symbolic: "\(gate.formula)", substituted: sum, simplified: applied, result: v(gate.value)))
                } else {
                    lines.append(.init(lhs: "\(gate.name)", symbolic: "\(gate.formula)", substituted: applied, result: v(gate.value)))
                }
            } else {
                lines.append(.init(lhs: "\(gate.name)", symbolic: "\(gate.formula)", substituted: combination(gate.name), result: v(gate.value)))
            }
        }
        let names = ["rnn": "tanh RNN", "gru": "GRU", "lstm": "LSTM"]
        // Only the symbols this cell's formulas actually use are glossed.
        var gloss = ["h₋ is the previous hidden state"]
        if kind != "rnn" { gloss += ["σ(x) = 1/(1 + e^(−x))", "⊙ multiplies entry by entry"] }
        return WorkedArithmetic(title: "one \(names[kind] ?? kind) step", lines: lines,
                                note: ArithmeticText(gloss.joined(separator: "; ") + "."))
    }
}

extension CellStep {
    /// Entry-by-entry substitution of an interpolation gate (GRU `h`, LSTM `c` and `h`):
    /// `[(1 − 0.4)×0.1 + 0.4×0.3, …]`. Empty for gates that are not interpolations.
    func combination(_ name: String) -> ArithmeticText {
        let f = { (x: Double) in ArithmeticText.number(x, .factor) }
        let hp = previous.h.values
        var parts: [ArithmeticText] = []
        switch (kind, name) {
        case ("gru", "h"):
            guard let z = gate("z")?.values, let n = gate("n")?.values else { return "" }
            let bahdanau = gates.first { $0.name == "h" }?.formula.hasSuffix("z ⊙ n") ?? true
            parts = (0..<hp.count).map { k in
                bahdanau ? "(1 − \(f(z[k])))×\(f(hp[k])) + \(f(z[k]))×\(f(n[k]))"
                         : "(1 − \(f(z[k])))×\(f(n[k])) + \(f(z[k]))×\(f(hp[k]))"
            }
        case ("lstm", "c"):
            guard let i = gate("i")?.values, let fg = gate("f")?.values, let g = gate("g")?.values else { return "" }
            let cp = previous.c?.values ?? [Double](repeating: 0, count: i.count)
            parts = (0..<i.count).map { k in "\(f(fg[k]))×\(f(cp[k])) + \(f(i[k]))×\(f(g[k]))" }
        case ("lstm", "h"):
            guard let o = gate("o")?.values, let c = gate("c")?.values else { return "" }
            parts = (0..<o.count).map { k in "\(f(o[k]))×tanh(\(num: c[k]))" }
        default:
            return ""
        }
        return "[\(ArithmeticText.joined(parts, separator: ", "))]"
    }
}

/// The weights of one gate, `W x + U h₋ + b`, in the papers' (out × in) layout.
public struct GateWeights: Equatable, Sendable, Codable {
    /// Input weights, hidden × input.
    public var W: Matrix
    /// Recurrent weights, hidden × hidden.
    public var U: Matrix
    /// Bias, hidden entries.
    public var b: Vector

    /// Validates that `W`, `U` and `b` fit together.
    /// - Parameters:
    ///   - W: hidden × input.
    ///   - U: hidden × hidden.
    ///   - b: hidden entries (zeros when `nil`).
    ///   - gate: the gate's name for error messages (e.g. "z" gives `W_z`).
    /// - Throws: `EngineError` naming the weight and both shapes.
    public init(W: Matrix, U: Matrix, b: Vector? = nil, gate: String = "") throws {
        let suffix = gate.isEmpty ? "" : "_\(gate)"
        guard W.rows > 0, W.cols > 0 else { throw EngineError("`W\(suffix)` is empty: \(W.shape)", parameter: "W\(suffix)") }
        guard U.rows == W.rows, U.cols == W.rows else {
            throw EngineError("`U\(suffix)` must be hidden×hidden (\(W.rows)×\(W.rows)) to match `W\(suffix)`: "
                              + "U\(suffix) is \(U.shape), W\(suffix) is \(W.shape)", parameter: "U\(suffix)")
        }
        let bias = b ?? Vector(repeating: 0, count: W.rows)
        guard bias.count == W.rows else {
            throw EngineError("`b\(suffix)` must have one entry per hidden unit: b\(suffix) has \(bias.count), W\(suffix) is \(W.shape)",
                              parameter: "b\(suffix)")
        }
        self.W = W; self.U = U; self.b = bias
    }

    /// Seeded weights uniform in [−k, k), k = 1/√hidden (torch's default initialisation), drawn
    /// as W from `seed`, U from `seed + 1`, b from `seed + 2`.
    public static func random(inputSize: Int, hiddenSize: Int, seed: UInt64) -> GateWeights {
        let k = 1 / Double(max(hiddenSize, 1)).squareRoot()
        return GateWeights(unchecked: Matrix.random(rows: hiddenSize, cols: inputSize, scale: k, seed: seed),
                           Matrix.random(rows: hiddenSize, cols: hiddenSize, scale: k, seed: seed &+ 1),
                           Vector.random(count: hiddenSize, scale: k, seed: seed &+ 2))
    }

    init(unchecked W: Matrix, _ U: Matrix, _ b: Vector) { self.W = W; self.U = U; self.b = b }

    var inputSize: Int { W.cols }
    var hiddenSize: Int { W.rows }

    /// `W x + U h + b` and its summands. `// (d, d_x) @ (d_x) + (d, d) @ (d) -> (d)`
    func preactivation(_ x: [Double], _ h: [Double]) -> (sum: [Double], terms: [Vector]) {
        let wx = Matrix.multiplyVector(W.storage, W.rows, W.cols, x)
        let uh = Matrix.multiplyVector(U.storage, U.rows, U.cols, h)
        var out = wx
        for k in 0..<out.count { out[k] += uh[k] + b.values[k] }
        return (out, [Vector(wx), Vector(uh), b])
    }
}

@inline(__always) func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

/// Checks the input and state sizes a cell step needs.
func checkStep(_ cell: String, input: Vector, state: CellState, inputSize: Int, hiddenSize: Int, needsCell: Bool) throws {
    guard input.count == inputSize else {
        throw EngineError("the \(cell) cell takes inputs of \(inputSize) entries (W is \(hiddenSize)×\(inputSize)), "
                          + "but x has \(input.count)", parameter: "input")
    }
    guard state.h.count == hiddenSize else {
        throw EngineError("the \(cell) cell's state must have \(hiddenSize) entries (U is \(hiddenSize)×\(hiddenSize)), "
                          + "but h has \(state.h.count)", parameter: "state")
    }
    if needsCell, let c = state.c, c.count != hiddenSize {
        throw EngineError("the LSTM memory cell must have \(hiddenSize) entries, but c has \(c.count)", parameter: "state")
    }
}
