// Any of the three cells, so a decoder can take whichever the lesson chooses. An enum rather than
// a protocol so the choice stays Equatable and Sendable inside traces.

/// A tanh RNN, GRU or LSTM cell.
public enum RecurrentCell: Equatable, Sendable, Codable {
    case rnn(TanhRNNCell)
    case gru(GRUCell)
    case lstm(LSTMCell)

    /// The input size the cell's W expects.
    public var inputSize: Int {
        switch self {
        case .rnn(let c): return c.inputSize
        case .gru(let c): return c.inputSize
        case .lstm(let c): return c.inputSize
        }
    }

    /// The hidden (state) size.
    public var hiddenSize: Int {
        switch self {
        case .rnn(let c): return c.hiddenSize
        case .gru(let c): return c.hiddenSize
        case .lstm(let c): return c.hiddenSize
        }
    }

    /// "rnn", "gru" or "lstm".
    public var kind: String {
        switch self {
        case .rnn: return "rnn"
        case .gru: return "gru"
        case .lstm: return "lstm"
        }
    }

    /// The zero state (with a zero memory cell for the LSTM).
    public var zeroState: CellState {
        if case .lstm = self { return .zeros(hiddenSize, withCell: true) }
        return .zeros(hiddenSize)
    }

    /// A state whose hidden part is `h` (memory cell zero for the LSTM).
    public func state(h: Vector) -> CellState {
        if case .lstm = self { return CellState(h: h, c: Vector(repeating: 0, count: h.count)) }
        return CellState(h: h)
    }

    /// One step of the wrapped cell.
    /// - Throws: `EngineError` when x or the state has the wrong size.
    public func step(input: Vector, state: CellState) throws -> CellStep {
        switch self {
        case .rnn(let c): return try c.step(input: input, state: state)
        case .gru(let c): return try c.step(input: input, state: state)
        case .lstm(let c): return try c.step(input: input, state: state)
        }
    }
}
