import AttentionEngine
import Foundation

// Adam (Kingma & Ba 2015, Algorithm 1), with its arithmetic in the order torch.optim.Adam's
// single-tensor CPU path uses (torch 2.x `_single_tensor_adam`), so the PyTorch twin in
// `scripts/train_torch.py` can agree to rounding:
//   m ← m + (1 − β₁)(g − m)                 (torch's lerp, = β₁m + (1 − β₁)g)
//   v ← β₂v + (1 − β₂) g g
//   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
// No weight decay, no gradient clipping.

/// Adam's state for every tensor of a model, and its hyper-parameters.
public struct Adam: Equatable, Sendable {
    /// Step size (lr).
    public var learningRate: Double
    /// Decay of the first moment β₁ and of the second β₂.
    public var beta1: Double, beta2: Double
    /// ε, added to the denominator.
    public var epsilon: Double
    /// Updates made so far (t).
    public private(set) var step = 0
    /// First and second moments, one buffer per tensor.
    private var m: [[Double]] = [], v: [[Double]] = []

    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
    }

    /// One update of `parameters` (tensors in a fixed order) along `gradients` (same shapes).
    public mutating func update(_ parameters: inout [Matrix], gradients: [Matrix]) {
        if m.isEmpty {
            m = parameters.map { [Double](repeating: 0, count: $0.storage.count) }
            v = m
        }
        step += 1
        let t = Double(step)
        let stepSize = learningRate / (1 - Foundation.pow(beta1, t))
        let correction2 = (1 - Foundation.pow(beta2, t)).squareRoot()
        let a = 1 - beta1, b = 1 - beta2
        for p in parameters.indices {
            let g = gradients[p].storage
            parameters[p].storage.withUnsafeMutableBufferPointer { theta in
                m[p].withUnsafeMutableBufferPointer { m in
                    v[p].withUnsafeMutableBufferPointer { v in
                        for k in 0..<theta.count {
                            m[k] += a * (g[k] - m[k])
                            v[k] = v[k] * beta2 + b * g[k] * g[k]
                            let denominator = v[k].squareRoot() / correction2 + epsilon
                            theta[k] += -stepSize * m[k] / denominator
                        }
                    }
                }
            }
        }
    }
}
