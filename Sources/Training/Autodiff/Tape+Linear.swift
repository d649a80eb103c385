import AttentionEngine

// Matrix products on the tape. For C = A B the chain rule gives ∂L/∂A = ∂L/∂C Bᵀ and
// ∂L/∂B = Aᵀ ∂L/∂C (e.g. Goodfellow, Bengio & Courville 2016, §6.5.6). Weights keep the engine's
// (out × in) orientation (`Matrix.swift`), so a batch of row vectors X goes through a layer as
// X Wᵀ, which has its own operation below. Both call the engine's product kernel.

extension Tape {
    /// `A B`. `// (r, k) @ (k, c) -> (r, c)`
    /// - Throws: `EngineError` naming both shapes when the inner dimensions differ.
    public func matmul(_ a: Variable, _ b: Variable) throws -> Variable {
        let out = try values[a.id].matmul(values[b.id])
        return record(out, inputs: [a, b]) { tape, id in
            let g = tape.gradient(id)
            let A = tape.values[a.id], B = tape.values[b.id]
            if tape.wants(a) { tape.accumulate(a, try! g.matmulTransposed(B).storage) }  // (r, c) @ (c, k) -> (r, k)
            if tape.wants(b) { tape.accumulate(b, try! A.transposed.matmul(g).storage) } // (k, r) @ (r, c) -> (k, c)
        }
    }

    /// `A Bᵀ`: every row of `A` through the (out × in) weight `B`. `// (r, k) @ (k, c) -> (r, c)`, B is (c, k).
    /// - Throws: `EngineError` naming both shapes when the row lengths differ.
    public func matmulTransposed(_ a: Variable, _ b: Variable) throws -> Variable {
        let out = try values[a.id].matmulTransposed(values[b.id])
        return record(out, inputs: [a, b]) { tape, id in
            let g = tape.gradient(id)
            let A = tape.values[a.id], B = tape.values[b.id]
            if tape.wants(a) { tape.accumulate(a, try! g.matmul(B).storage) }            // (r, c) @ (c, k) -> (r, k)
            if tape.wants(b) { tape.accumulate(b, try! g.transposed.matmul(A).storage) } // (c, r) @ (r, k) -> (c, k)
        }
    }

    /// ∂L/∂node as a matrix (zeros when nothing has flowed in), for backward steps.
    func gradient(_ id: Int) -> Matrix { gradient(Variable(id: id)) }
}
