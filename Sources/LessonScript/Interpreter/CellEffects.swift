/// What running one cell did to its session: the bindings it made, in order, and what it spent.
///
/// With the cell's outputs this is all a later build needs to skip the cell (DESIGN §9): replaying
/// the bindings leaves the session exactly as running the cell would, including what `explain`
/// needs for a name bound to a call (`let w = softmax(e)` then `explain w`).
public struct CellEffects: Sendable, Codable {
    public struct Binding: Sendable, Codable {
        public var name: String
        public var value: Value
        /// The call the value came from, when `explain name` re-works it.
        public var call: BuiltinCall?
    }

    public var bindings: [Binding]
    /// Numbers bound and work done, charged to the budget again on replay.
    public var entries: Int
    public var work: Int
}

extension Stmt {
    /// Every name the statement refers to (not builtins: calls name builtins).
    func referencedNames(into names: inout Set<String>) {
        switch self {
        case .let(_, _, let e), .show(let e), .explain(let e): e.referencedNames(into: &names)
        case .heatmap(let e, let t), .lines(let e, let t), .bars(let e, let t):
            e.referencedNames(into: &names)
            t?.referencedNames(into: &names)
        case .plot(let e, let t, let x, let y):
            for part in [e, t, x, y] { part?.referencedNames(into: &names) }
        }
    }
}

extension Expr {
    func referencedNames(into names: inout Set<String>) {
        switch self {
        case .number, .string, .bool: break
        case .name(let n, _): names.insert(n)
        case .list(let items, _): for i in items { i.referencedNames(into: &names) }
        case .negate(let e, _), .field(let e, _, _): e.referencedNames(into: &names)
        case .binary(_, let a, let b, _):
            a.referencedNames(into: &names)
            b.referencedNames(into: &names)
        case .call(let callee, _, let arguments, _):
            // A call of a name that is a value is an error whose message depends on the binding.
            names.insert(callee)
            for a in arguments { a.value.referencedNames(into: &names) }
        case .index(let e, let indices, _):
            e.referencedNames(into: &names)
            for i in indices { i.referencedNames(into: &names) }
        case .scoreFunction(_, let arguments, _):
            for a in arguments ?? [] { a.value.referencedNames(into: &names) }
        case .labelled(let e, let rows, let cols, _):
            e.referencedNames(into: &names)
            rows?.referencedNames(into: &names)
            cols?.referencedNames(into: &names)
        }
    }
}
