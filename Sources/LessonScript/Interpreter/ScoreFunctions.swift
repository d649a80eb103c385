import AttentionEngine

/// The score functions written with a leading dot (`.dot`, `.additive(W1:, W2:, v:)`…): which
/// exist, which arguments each takes, and how they become the engine's `ScoreFunction`.
enum ScoreFunctions {
    struct Spec {
        var name: String
        /// Parameters in order; the first `positional` of them may be written without a label.
        var parameters: [String]
        var required: Set<String>
        var positional: Int
    }

    static let specs: [Spec] = [
        Spec(name: "dot", parameters: [], required: [], positional: 0),
        Spec(name: "scaledDot", parameters: [], required: [], positional: 0),
        Spec(name: "general", parameters: ["W"], required: ["W"], positional: 1),
        Spec(name: "additive", parameters: ["W1", "W2", "v", "b1", "b2"], required: ["W1", "W2", "v"], positional: 0),
        Spec(name: "additiveNoTanh", parameters: ["W1", "W2", "v"], required: ["W1", "W2", "v"], positional: 0),
        Spec(name: "mlp", parameters: ["W", "U", "v"], required: ["W", "U", "v"], positional: 0),
        Spec(name: "cosine", parameters: ["beta"], required: [], positional: 0),
        Spec(name: "concat", parameters: ["w"], required: ["w"], positional: 1),
        Spec(name: "location", parameters: ["W"], required: ["W"], positional: 1),
    ]

    /// Signatures for the reference page.
    static let signatures = [".dot", ".scaledDot", ".general(W)", ".additive(W1:, W2:, v:, b1:, b2:)",
                             ".additiveNoTanh(W1:, W2:, v:)", ".mlp(W:, U:, v:)", ".cosine", ".cosine(beta:)",
                             ".concat(w)", ".location(W)"]

    /// Checks the arguments and returns the value with every argument labelled by its parameter.
    static func make(_ name: String, _ arguments: [BuiltinCall.Argument], hasParentheses: Bool,
                     at location: SourceLocation) throws -> ScoreFunctionValue {
        guard let spec = specs.first(where: { $0.name == name }) else {
            throw Diagnostic(at: location, id: "unknown-score-function",
                             "unknown score function `.\(name)`: expected one of \(specs.map { "`.\($0.name)`" }.joined(separator: ", "))",
                             fix: Suggest.closest(name, among: specs.map(\.name)).map { "did you mean `.\($0)`?" })
        }
        var labelled: [(label: String?, value: Value)] = []
        var positionalIndex = 0
        for a in arguments {
            let label: String
            if let l = a.label {
                guard spec.parameters.contains(l) else {
                    let expected = spec.parameters.isEmpty ? "it takes no arguments" : "expected " + spec.parameters.map { "`\($0):`" }.joined(separator: ", ")
                    throw Diagnostic(at: a.location, id: "unknown-label", "unknown label `\(l):` in `.\(name)(…)`: \(expected)",
                                     fix: Suggest.closest(l, among: spec.parameters).map { "did you mean `\($0):`?" })
                }
                label = l
            } else {
                guard positionalIndex < spec.positional else {
                    let how = spec.parameters.isEmpty ? "takes no arguments" : "takes labelled arguments: \(spec.parameters.map { "`\($0):`" }.joined(separator: ", "))"
                    throw Diagnostic(at: a.location, id: "missing-label", "`.\(name)` \(how)")
                }
                label = spec.parameters[positionalIndex]
                positionalIndex += 1
            }
            if labelled.contains(where: { $0.label == label }) {
                throw Diagnostic(at: a.location, id: "duplicate-label", "`\(label)` is given twice in `.\(name)(…)`")
            }
            labelled.append((label, a.value))
        }
        for r in spec.parameters where spec.required.contains(r) && !labelled.contains(where: { $0.label == r }) {
            let written = hasParentheses ? "" : " (write `.\(name)(\(spec.parameters.filter(spec.required.contains).map { "\($0): …" }.joined(separator: ", ")))`)"
            throw Diagnostic(at: location, id: "missing-argument", "`.\(name)` needs `\(r)`\(written)")
        }
        // Keep the spec's order so JSON and display are stable whatever order the author wrote.
        labelled.sort { (spec.parameters.firstIndex(of: $0.label!) ?? 0) < (spec.parameters.firstIndex(of: $1.label!) ?? 0) }
        let value = ScoreFunctionValue(name: name, arguments: labelled)
        // Type-check now, so the error points at the score function rather than a later `attend`.
        _ = try engine(value, at: location)
        return value
    }

    /// The engine's score function for a script value.
    static func engine(_ f: ScoreFunctionValue, at location: SourceLocation? = nil) throws -> ScoreFunction {
        func arg(_ l: String) -> Value? { f.arguments.first { $0.label == l }?.value }
        func bad(_ l: String, _ expected: String) -> Diagnostic {
            Diagnostic(at: location ?? SourceLocation(file: "", line: 0, column: 0), id: "wrong-type",
                       "`.\(f.name)` needs \(expected) for `\(l)`, found \(arg(l)?.brief ?? "nothing")")
        }
        func matrix(_ l: String) throws -> Matrix {
            guard case .matrix(let m)? = arg(l) else { throw bad(l, "a matrix") }
            return m
        }
        func vector(_ l: String) throws -> Vector {
            guard case .vector(let v)? = arg(l) else { throw bad(l, "a vector") }
            return v
        }
        func optionalVector(_ l: String) throws -> Vector? { arg(l) == nil ? nil : try vector(l) }
        switch f.name {
        case "dot": return .dot
        case "scaledDot": return .scaledDot
        case "general": return .general(W: try matrix("W"))
        case "additive":
            return .additive(W1: try matrix("W1"), W2: try matrix("W2"), v: try vector("v"),
                             b1: try optionalVector("b1"), b2: try optionalVector("b2"))
        case "additiveNoTanh": return .additiveNoTanh(W1: try matrix("W1"), W2: try matrix("W2"), v: try vector("v"))
        case "mlp": return .mlp(W: try matrix("W"), U: try matrix("U"), v: try vector("v"))
        case "cosine":
            guard let b = arg("beta") else { return .cosine(beta: 1) }
            guard case .number(let beta) = b else { throw bad("beta", "a number") }
            return .cosine(beta: beta)
        case "concat": return .concat(w: try vector("w"))
        case "location": return .location(W: try matrix("W"))
        default:
            throw Diagnostic(at: location ?? SourceLocation(file: "", line: 0, column: 0), id: "unknown-score-function",
                             "unknown score function `.\(f.name)`")
        }
    }
}

/// The score functions, for the reference page and `attnbook builtins`.
public enum ScoreFunctionCatalog {
    /// As written: `.dot`, `.general(W)`, `.additive(W1:, W2:, v:, b1:, b2:)`…
    public static var signatures: [String] { ScoreFunctions.signatures }
}
