import AttentionEngine

/// The result of running one cell.
public struct CellResult: Sendable {
    /// What the cell showed, in order.
    public var outputs: [Output]
    /// Errors (and warnings) found; empty on success. Locations are in the lesson file's coordinates.
    public var diagnostics: [Diagnostic]

    public init(outputs: [Output], diagnostics: [Diagnostic]) {
        self.outputs = outputs
        self.diagnostics = diagnostics
    }
}

/// One lesson's (or one `eval` script's) environment: cells run in order and share bindings,
/// like a notebook kernel.
///
/// This is the interface `Notebook` and `attnbook eval` program against. The driver reads like
/// the flow: scan, parse, stop if there were errors, run statement by statement.
public final class Session {
    /// The file name used in diagnostics.
    public let file: String
    /// Digits after the point in tables, explanations and inline values.
    public let precision: Int
    /// The builtins scripts can call.
    public var registry: BuiltinRegistry { interpreter.registry }
    /// Made on first use: a page put together from stored renderings (a prose edit) asks its
    /// kernel only for `cacheSalt`, and the standard registry parses every builtin's signature
    /// when it is first made (about 5% of a one-shot build after a one-lesson edit).
    private lazy var interpreter = Interpreter(registry: makeRegistry(), precision: precision, budget: budget)
    private let makeRegistry: () -> BuiltinRegistry

    /// Every binding, in the order names were first bound; a rebinding keeps its original place.
    public var bindings: [(name: String, value: Value)] { interpreter.bindings }

    /// A new, empty environment.
    /// - Parameters:
    ///   - file: the name used in diagnostics.
    ///   - precision: digits after the point in tables, explanations and inline values.
    ///   - registry: the builtins (the standard set unless a test or extension passes another).
    ///   - budget: what the whole script may spend (numbers bound, work done).
    public init(file: String, precision: Int = 4, registry: @autoclosure @escaping () -> BuiltinRegistry = .standard,
                budget: Budget = .standard) {
        self.file = file
        self.precision = precision
        self.makeRegistry = registry
        self.budget = budget
    }

    /// What the whole script may spend.
    public let budget: Budget

    /// How many times each binding (in `bindings` order) has been bound: a cell rebound a name
    /// exactly when its count changed, so finding what a cell bound costs nothing per value.
    public var bindingGenerations: [Int] { interpreter.generations }

    /// What the script has spent: numbers bound and work done.
    public var spent: Budget { Budget(entries: interpreter.meter.entries, work: interpreter.meter.work) }

    /// The current value bound to `name`.
    public func value(of name: String) -> Value? { interpreter.lookup(name) }

    /// Runs `source` as one cell.
    /// - Parameters:
    ///   - source: the cell's code.
    ///   - firstLine: the line of the lesson file on which `source` starts (1 for a whole script).
    /// - Returns: the outputs and any diagnostics; on an error the bindings made before it stay.
    ///   Syntax errors are all reported and nothing runs; a runtime error stops the cell.
    public func run(_ source: String, firstLine: Int = 1) -> CellResult {
        let (tokens, scanDiagnostics) = Scanner.scan(source, file: file, firstLine: firstLine)
        var parser = Parser(tokens: tokens)
        let statements = parser.parseScript()
        let syntax = (scanDiagnostics + parser.diagnostics).sorted { $0.location < $1.location }
        if !syntax.isEmpty {
            return CellResult(outputs: [], diagnostics: attachSource(syntax, source: source, firstLine: firstLine))
        }
        interpreter.source = Array(source)
        interpreter.outputs = []
        defer { interpreter.outputs = [] }
        for statement in statements {
            do {
                try interpreter.execute(statement)
            } catch let d as Diagnostic {
                return CellResult(outputs: interpreter.outputs, diagnostics: attachSource([d], source: source, firstLine: firstLine))
            } catch {
                let d = Diagnostic(at: SourceLocation(file: file, line: firstLine, column: 1), id: "internal", "\(error)")
                return CellResult(outputs: interpreter.outputs, diagnostics: attachSource([d], source: source, firstLine: firstLine))
            }
        }
        return CellResult(outputs: interpreter.outputs, diagnostics: [])
    }

    /// Runs `source` as one cell, recording what it bound so a cache can replay it (`replay(_:)`).
    public func runRecording(_ source: String, firstLine: Int = 1) -> (CellResult, CellEffects) {
        let before = spent
        interpreter.journal = []
        defer { interpreter.journal = nil }
        let result = run(source, firstLine: firstLine)
        let after = spent
        return (result, CellEffects(bindings: interpreter.journal ?? [], entries: after.entries - before.entries,
                                    work: after.work &- before.work))
    }

    /// Leaves the session as if the cell that recorded `effects` had run.
    public func replay(_ effects: CellEffects) { interpreter.replay(effects) }

    /// The names a cell refers to (variables, and callees, sorted), or nil when it does not parse
    /// (the cell must run to report its errors). What it reads from earlier cells is among these.
    public func referencedNames(in source: String, firstLine: Int = 1) -> [String]? {
        let (tokens, scanDiagnostics) = Scanner.scan(source, file: file, firstLine: firstLine)
        var parser = Parser(tokens: tokens)
        let statements = parser.parseScript()
        guard scanDiagnostics.isEmpty, parser.diagnostics.isEmpty else { return nil }
        var names: Set<String> = []
        for s in statements { s.referencedNames(into: &names) }
        return names.sorted()
    }

    /// The call `name` is bound to, if `explain name` would work it out again.
    public func namedCall(_ name: String) -> BuiltinCall? { interpreter.namedCall(name) }

    /// Evaluates one expression (an inline value in prose) against the current bindings.
    public func evaluate(_ expression: String, at location: SourceLocation) -> Result<Value, Diagnostic> {
        let (tokens, scanDiagnostics) = Scanner.scan(expression, file: location.file, firstLine: location.line,
                                                     firstColumn: location.column)
        var parser = Parser(tokens: tokens)
        let parsed = parser.parseLoneExpression()
        let syntax = (scanDiagnostics + parser.diagnostics).sorted { $0.location < $1.location }
        if let first = syntax.first { return .failure(withSource(first, expression, location)) }
        guard let parsed else {
            return .failure(withSource(Diagnostic(at: location, id: "expected-expression", "expected an expression"), expression, location))
        }
        interpreter.source = Array(expression)
        do {
            return .success(try interpreter.evaluate(parsed))
        } catch let d as Diagnostic {
            return .failure(withSource(d, expression, location))
        } catch {
            return .failure(Diagnostic(at: location, id: "internal", "\(error)"))
        }
    }

    private func withSource(_ d: Diagnostic, _ expression: String, _ start: SourceLocation) -> Diagnostic {
        var d = d
        let lines = expression.split(separator: "\n", omittingEmptySubsequences: false)
        let k = d.location.line - start.line
        if d.sourceLine == nil, k >= 0, k < lines.count {
            // Pad the first line so the caret lines up with the column in the file.
            d.sourceLine = (k == 0 ? String(repeating: " ", count: max(0, start.column - 1)) : "") + String(lines[k])
        }
        return d
    }

    private func attachSource(_ diagnostics: [Diagnostic], source: String, firstLine: Int) -> [Diagnostic] {
        let lines = source.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
        return diagnostics.map { d in
            var d = d
            let k = d.location.line - firstLine
            if d.sourceLine == nil, k >= 0, k < lines.count { d.sourceLine = String(lines[k]) }
            return d
        }
    }
}
