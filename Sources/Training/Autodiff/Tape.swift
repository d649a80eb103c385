import AttentionEngine

// Reverse-mode automatic differentiation at matrix level: micrograd's idea (Karpathy 2020,
// `engine.py`: every operation stores its inputs and a `_backward` closure beside its result)
// with whole matrices instead of scalars. A forward pass appends one node per operation to the
// tape; `backward(from:)` seeds ∂L/∂L = 1 and walks the nodes in reverse order, each node's
// closure adding its share of the gradient into its inputs' gradients (the chain rule,
// Rumelhart, Hinton & Williams 1986). Because the tape is recorded in execution order, reverse
// order is a topological order and no graph search is needed.
//
// Why a tape of indices, not objects pointing at each other: values and gradients live in two
// flat arrays owned by the tape, so a node is an `Int`, closures capture `Int`s (no reference
// cycles), and a whole forward/backward pass allocates only the matrices themselves.
//
// Determinism: every operation loops in a fixed order on one thread, so the same inputs give
// the same bits on every run.

/// A recorded computation: the values of every node, their gradients after `backward`, and how
/// to propagate gradients through each operation.
public final class Tape {
    /// A node on the tape: the result of one operation, a parameter or a constant.
    public struct Variable: Hashable, Sendable {
        /// The node's position on the tape.
        public let id: Int
    }

    /// The forward value of every node.
    var values: [Matrix] = []
    /// ∂L/∂node for every node, row-major like the value; empty means "zero so far".
    var grads: [[Double]] = []
    /// Whether a gradient must flow into the node (parameters, and anything computed from one).
    var needsGrad: [Bool] = []
    /// The backward step of every node: reads the node's gradient, adds into its inputs'.
    var backwards: [((Tape, Int) -> Void)?] = []

    public init() {}

    /// How many nodes the tape holds.
    public var count: Int { values.count }

    /// A leaf whose gradient is wanted (a weight).
    public func parameter(_ value: Matrix) -> Variable { leaf(value, needsGrad: true) }

    /// A leaf whose gradient is not wanted (data, masks).
    public func constant(_ value: Matrix) -> Variable { leaf(value, needsGrad: false) }

    private func leaf(_ value: Matrix, needsGrad: Bool) -> Variable {
        values.append(value); grads.append([]); self.needsGrad.append(needsGrad); backwards.append(nil)
        return Variable(id: values.count - 1)
    }

    /// Records the result of an operation on `inputs`. The backward closure is kept only when
    /// some input needs a gradient; it receives the tape and the node's own id.
    func record(_ value: Matrix, inputs: [Variable], backward: @escaping (Tape, Int) -> Void) -> Variable {
        let wanted = inputs.contains { needsGrad[$0.id] }
        values.append(value); grads.append([]); needsGrad.append(wanted); backwards.append(wanted ? backward : nil)
        return Variable(id: values.count - 1)
    }

    /// The forward value of `v`.
    public func value(_ v: Variable) -> Matrix { values[v.id] }

    /// ∂L/∂v after `backward(from:)`: zeros when nothing flowed into `v`.
    public func gradient(_ v: Variable) -> Matrix {
        let m = values[v.id]
        let g = grads[v.id]
        return Matrix(rows: m.rows, cols: m.cols, storage: g.isEmpty ? [Double](repeating: 0, count: m.rows * m.cols) : g)
    }

    /// Back-propagates from a 1 × 1 node `loss`: seeds ∂L/∂L = 1 and runs every recorded
    /// backward step in reverse order. Gradients accumulate, so call it once per tape.
    /// - Throws: `EngineError` when `loss` is not 1 × 1 or not on this tape.
    public func backward(from loss: Variable) throws {
        guard loss.id >= 0, loss.id < values.count else { throw EngineError("the loss is not a node of this tape") }
        guard values[loss.id].rows == 1, values[loss.id].cols == 1 else {
            throw EngineError("back-propagation starts from a 1×1 loss, found \(values[loss.id].shape)")
        }
        grads[loss.id] = [1]
        for id in stride(from: loss.id, through: 0, by: -1) where !grads[id].isEmpty {
            backwards[id]?(self, id)
        }
    }

    /// Adds `delta` into ∂L/∂v, when v needs a gradient.
    @inline(__always)
    func accumulate(_ v: Variable, _ delta: [Double]) {
        guard needsGrad[v.id] else { return }
        if grads[v.id].isEmpty { grads[v.id] = delta; return }
        grads[v.id].withUnsafeMutableBufferPointer { g in
            delta.withUnsafeBufferPointer { d in
                for k in 0..<g.count { g[k] += d[k] }
            }
        }
    }

    /// Adds into ∂L/∂v in place through `body` (allocating zeros first), when v needs a gradient.
    @inline(__always)
    func accumulate(_ v: Variable, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
        guard needsGrad[v.id] else { return }
        if grads[v.id].isEmpty { grads[v.id] = [Double](repeating: 0, count: values[v.id].storage.count) }
        grads[v.id].withUnsafeMutableBufferPointer { body($0) }
    }

    /// Whether a gradient must flow into `v`.
    func wants(_ v: Variable) -> Bool { needsGrad[v.id] }
}
