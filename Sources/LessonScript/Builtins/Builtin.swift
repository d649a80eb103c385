import AttentionEngine

/// One builtin function of the script language: what the reference page and `attnbook builtins`
/// show (name, signature, summary, doc, group) and what the interpreter runs (implementation).
///
/// The signature is the one declaration of the parameters (swift-argument-parser's way): the
/// accepted labels, how many unlabelled arguments a call may pass, and what an implementation
/// may read all derive from it, so they cannot drift apart. `random(rows, cols, seed:) ·
/// random(n, seed:)` declares two forms: `name:` is a labelled parameter, a plain name an
/// unlabelled one, `…` repeats the unlabelled parameter before it (one or more).
public struct Builtin: Sendable {
    public let name: String
    /// As written in the reference, e.g. `random(rows, cols, seed:) · random(n, seed:)`.
    public let signature: String
    /// One line.
    public let summary: String
    /// Details: conventions, edge cases, an example. Markdown.
    public let doc: String
    /// The heading it is listed under (`Core`, `Attention`, `Recurrent cells`…).
    public let group: String
    /// Argument labels accepted (without the colon), from the signature. Anything else is
    /// reported as an unknown label.
    public let labels: [String]
    /// How many unlabelled arguments it accepts, from the signature.
    public let positional: ClosedRange<Int>
    /// Runs the builtin. Throw `Diagnostic`s (the `BuiltinCall` helpers locate them) or `EngineError`s.
    public let implementation: @Sendable (BuiltinCall) throws -> Value
    /// For builtins whose result has a trace, the worked arithmetic `explain f(…)` prints.
    public let explanation: (@Sendable (BuiltinCall) throws -> WorkedArithmetic)?

    /// One parameter of a form.
    public enum Parameter: Equatable, Sendable {
        case unlabelled(String)
        case labelled(String)
        /// `…`: the unlabelled parameter before it repeats.
        case repeated
    }

    public init(name: String, signature: String, summary: String, doc: String = "", group: String,
                explanation: (@Sendable (BuiltinCall) throws -> WorkedArithmetic)? = nil,
                implementation: @escaping @Sendable (BuiltinCall) throws -> Value) {
        // Everything derived first, in locals: `self` is not whole until every property is set.
        let forms = Builtin.parse(signature)
        var labels: [String] = []
        for form in forms {
            for case .labelled(let l) in form where !labels.contains(l) { labels.append(l) }
        }
        var low = Int.max, high = 0
        for form in forms {
            let n = form.filter { if case .unlabelled = $0 { true } else { false } }.count
            let range = form.contains(.repeated) ? 1...64 : n...n
            low = min(low, range.lowerBound)
            high = max(high, range.upperBound)
        }
        self.name = name
        self.signature = signature
        self.summary = summary
        self.doc = doc
        self.group = group
        self.explanation = explanation
        self.implementation = implementation
        self.labels = labels
        self.positional = (low == Int.max ? 0 : low)...high
    }

    /// The forms of a signature: `f(a, b:) · f(c:)` → `[[a, b:], [c:]]`.
    static func parse(_ signature: String) -> [[Parameter]] {
        signature.components(separatedBy: " · ").map { form in
            guard let open = form.firstIndex(of: "("), let close = form.lastIndex(of: ")") else { return [] }
            return form[form.index(after: open)..<close].split(separator: ",").compactMap { part in
                let p = part.trimmingCharacters(in: .whitespaces)
                if p.isEmpty { return nil }
                if p == "…" { return .repeated }
                return p.hasSuffix(":") ? .labelled(String(p.dropLast())) : .unlabelled(p)
            }
        }
    }
}

/// Every builtin, in reference order. Each group lives in its own `Builtins+Group.swift` as a
/// `static let …Builtins: [Builtin]`; `standard` lists the groups.
public struct BuiltinRegistry: Sendable {
    public let builtins: [Builtin]
    private let index: [String: Int]

    public init(_ builtins: [Builtin]) {
        self.builtins = builtins
        var index: [String: Int] = [:]
        for (i, b) in builtins.enumerated() where index[b.name] == nil { index[b.name] = i }
        self.index = index
    }

    /// The registry the language ships with. To add a group: define
    /// `extension BuiltinRegistry { static let fooBuiltins: [Builtin] = [...] }` in
    /// `Builtins/Builtins+Foo.swift` and append it here.
    public static let standard = BuiltinRegistry(coreBuiltins + mathBuiltins + attentionBuiltins + recurrentBuiltins + advancedBuiltins
        + trainingBuiltins)

    public subscript(name: String) -> Builtin? { index[name].map { builtins[$0] } }

    public var names: [String] { builtins.map(\.name) }

    /// Builtins grouped by `group`, groups in order of first appearance.
    public var groups: [(name: String, builtins: [Builtin])] {
        var out: [(name: String, builtins: [Builtin])] = []
        for b in builtins {
            if let i = out.firstIndex(where: { $0.name == b.group }) { out[i].builtins.append(b) } else { out.append((b.group, [b])) }
        }
        return out
    }
}

/// The evaluated arguments of one call, with helpers that check types and report where the
/// problem is (at the argument, else at the call).
public struct BuiltinCall: Sendable, Codable {
    public struct Argument: Sendable, Codable {
        public var label: String?
        public var value: Value
        public var location: SourceLocation
    }

    public let name: String
    public let location: SourceLocation
    public let arguments: [Argument]
    /// The labels the builtin's signature declares: reading any other is a bug in the builtin.
    public let declaredLabels: [String]

    public init(name: String, location: SourceLocation, arguments: [Argument], declaredLabels: [String]) {
        self.name = name
        self.location = location
        self.arguments = arguments
        self.declaredLabels = declaredLabels
    }

    public var positionalArguments: [Argument] { arguments.filter { $0.label == nil } }

    /// The argument labelled `label`. Only declared labels can be asked for: a builtin that reads a
    /// label its signature does not show stops at once (the every-builtin test finds it), so the
    /// signature, the label check and the extraction cannot drift apart.
    public func argument(_ label: String) -> Argument? {
        assert(declaredLabels.contains(label), "`\(name)` reads `\(label):`, which its signature does not declare")
        return passed(label)
    }

    /// The argument labelled `label` if one was passed, declared or not (for locating an engine
    /// error by the engine's own parameter name, which may or may not be a label here).
    func passed(_ label: String) -> Argument? { arguments.first { $0.label == label } }

    /// Positional argument `i`, or the one labelled `label` (either spelling is accepted).
    /// (A label the signature does not declare cannot have been passed: only the position counts.)
    public func argument(_ i: Int, or label: String? = nil) -> Argument? {
        if let label, declaredLabels.contains(label), let a = passed(label) { return a }
        let p = positionalArguments
        return i < p.count ? p[i] : nil
    }

    /// The labelled flag `label` (`true`/`false`), or `defaultValue` when it is not given.
    public func flag(_ label: String, default defaultValue: Bool) throws -> Bool {
        guard let a = argument(label) else { return defaultValue }
        guard case .bool(let b) = a.value else { throw wrongType(a, label, "`true` or `false`") }
        return b
    }

    public func required(_ i: Int, _ name: String, labelled: Bool = false) throws -> Argument {
        let a = labelled ? argument(name) : argument(i, or: name)
        guard let a else {
            throw Diagnostic(at: location, id: "missing-argument",
                             "`\(self.name)` needs the argument `\(name)\(labelled ? ":" : "")`")
        }
        return a
    }

    // Typed accessors.

    public func number(_ a: Argument, _ what: String) throws -> Double {
        guard case .number(let x) = a.value else { throw wrongType(a, what, "a number") }
        return x
    }

    public func integer(_ a: Argument, _ what: String, minimum: Int = Int.min, maximum: Int = Int.max) throws -> Int {
        let x = try number(a, what)
        guard x == x.rounded() else {
            throw Diagnostic(at: a.location, id: "wrong-type", "`\(what)` must be a whole number, found \(Value.number(x).brief)")
        }
        guard Swift.abs(x) < 1e15 else {
            throw Diagnostic(at: a.location, id: "out-of-range", "`\(what)` is far too large: found \(x)")
        }
        let n = Int(x)
        guard n >= minimum, n <= maximum else {
            let range = maximum == Int.max ? "at least \(minimum)" : "between \(minimum) and \(maximum)"
            throw Diagnostic(at: a.location, id: "out-of-range", "`\(what)` must be \(range), found \(n)")
        }
        return n
    }

    public func vector(_ a: Argument, _ what: String) throws -> Vector {
        guard case .vector(let v) = a.value else { throw wrongType(a, what, "a vector") }
        return v
    }

    public func matrix(_ a: Argument, _ what: String) throws -> Matrix {
        guard case .matrix(let m) = a.value else { throw wrongType(a, what, "a matrix") }
        return m
    }

    /// A matrix, or a vector taken as a one-row matrix.
    public func rows(_ a: Argument, _ what: String) throws -> Matrix {
        switch a.value {
        case .matrix(let m): return m
        case .vector(let v): return Matrix(rows: 1, cols: v.count, storage: v.values, colLabels: v.labels)
        default: throw wrongType(a, what, "a matrix or a vector")
        }
    }

    public func string(_ a: Argument, _ what: String) throws -> String {
        guard case .string(let s) = a.value else { throw wrongType(a, what, "a string") }
        return s
    }

    /// A "may attend" mask: booleans, or 1/0 numbers.
    public func mask(_ a: Argument, _ what: String = "mask") throws -> [Bool] {
        switch a.value {
        case .bool(let b): return [b]
        case .vector(let v):
            return try v.values.map { x in
                guard x == 0 || x == 1 else {
                    throw Diagnostic(at: a.location, id: "wrong-type",
                                     "`\(what)` must hold `true`/`false` or 1/0 (1 = may attend), found \(Value.number(x).brief)")
                }
                return x == 1
            }
        default: throw wrongType(a, what, "a mask like `[true, false]` or `[1, 0]`")
        }
    }

    public func wrongType(_ a: Argument, _ what: String, _ expected: String) -> Diagnostic {
        Diagnostic(at: a.location, id: "wrong-type",
                   "`\(name)` needs \(expected) for `\(what)`, found \(a.value.brief)")
    }

    /// Where the argument an engine error names was written: the argument itself, the `score:`
    /// argument for a score function's weights, `state:` for the engine's `initialState`.
    func locate(_ parameter: String) -> SourceLocation? {
        if let a = passed(parameter) { return a.location }
        if parameter == "initialState" { return passed("state")?.location }
        if ["W", "W1", "W2", "U", "v", "w", "b1", "b2", "beta"].contains(parameter) { return passed("score")?.location }
        if parameter.hasPrefix("W_") || parameter.hasPrefix("U_") || parameter.hasPrefix("b_") {
            return passed(parameter.replacingOccurrences(of: "_", with: ""))?.location
        }
        return nil
    }

    /// Runs engine code, turning an `EngineError` into a diagnostic at the argument it names
    /// (else at the call).
    public func engine<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as EngineError {
            let at = e.parameter.flatMap(locate) ?? location
            throw Diagnostic(at: at, id: "engine", "`\(name)`: \(e.message)")
        }
    }
}
