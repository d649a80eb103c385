import AttentionEngine

/// Runs parsed statements against one environment (craftinginterpreters' `Interpreter`, with a
/// `switch` over the syntax instead of visitors).
///
/// Every runtime problem is thrown as a located `Diagnostic`; the caller stops the cell there.
final class Interpreter {
    let registry: BuiltinRegistry
    let precision: Int
    /// Bindings in first-bound order; `slots` finds a name's place.
    private(set) var bindings: [(name: String, value: Value)] = []
    private var slots: [String: Int] = [:]
    /// For names bound to a call whose builtin can explain itself (`let w = softmax(e)`), that call,
    /// so `explain w` works like `explain softmax(e)`.
    private var namedTraces: [String: (Builtin, BuiltinCall)] = [:]
    /// While a cell runs with recording on, every binding it makes, in order (see `CellEffects`).
    var journal: [CellEffects.Binding]?
    /// Outputs of the statement being run, collected by the caller.
    var outputs: [Output] = []
    /// The source being run, for captions (`step.alpha`).
    var source: [Character] = []

    /// What the script has spent of its budget.
    private(set) var meter: BudgetMeter
    /// How many times each name has been bound (a name's entry changes when a cell rebinds it).
    private(set) var generations: [Int] = []

    init(registry: BuiltinRegistry, precision: Int, budget: Budget = .standard) {
        self.registry = registry
        self.precision = precision
        self.meter = BudgetMeter(budget: budget)
    }

    func lookup(_ name: String) -> Value? { slots[name].map { bindings[$0].value } }

    /// The call a name was bound to, when `explain name` works it out again (`let w = softmax(e)`).
    func namedCall(_ name: String) -> BuiltinCall? { namedTraces[name]?.1 }

    /// Applies what a cached cell did: its bindings in order, and what it spent.
    func replay(_ effects: CellEffects) {
        for b in effects.bindings {
            bind(b.name, b.value)
            namedTraces[b.name] = b.call.flatMap { call in registry[call.name].map { ($0, call) } }
        }
        meter.add(entries: effects.entries, work: effects.work)
    }

    func bind(_ name: String, _ value: Value) {
        if let i = slots[name] {
            bindings[i].value = value
            generations[i] += 1
        } else {
            slots[name] = bindings.count
            bindings.append((name, value))
            generations.append(1)
        }
    }

    /// The source text of a node, e.g. `step.alpha`.
    func text(_ e: Expr) -> String {
        let s = e.span
        guard s.start >= 0, s.end <= source.count, s.start <= s.end else { return "" }
        return String(source[s.start..<s.end])
    }

    // MARK: Statements

    func execute(_ statement: Stmt) throws {
        switch statement {
        case .let(let name, _, let e):
            // Names and builtins live apart (a call looks only at builtins), so `let step = attend(…)`
            // can sit beside `step(cell, x)`.
            if case .call(let callee, _, let arguments, let span) = e, let builtin = registry[callee], builtin.explanation != nil {
                let (value, call) = try run(callee, arguments, span: span)
                try meter.bind(value, at: e.location)
                bind(name, value)
                namedTraces[name] = (builtin, call)
                journal?.append(.init(name: name, value: value, call: call))
            } else {
                let value = try evaluate(e)
                try meter.bind(value, at: e.location)
                bind(name, value)
                namedTraces[name] = nil
                journal?.append(.init(name: name, value: value, call: nil))
            }
        case .show(let e):
            outputs += Presenter(precision: precision).show(try evaluate(e), caption: text(e), origin: provenance(e)).map(Limits.elided)
        case .heatmap(let e, let title):
            var figure = try heatmapData(e, title: title, statement: "heatmap")
            figure.provenance = provenance(e)
            outputs.append(.heatmap(figure))
        case .lines(let e, let title):
            var figure = try heatmapData(e, title: title, statement: "lines")
            figure.provenance = provenance(e)
            outputs.append(.attentionLines(figure))
        case .bars(let e, let title):
            let value = try evaluate(e)
            let caption = try title.map { try titleText($0) } ?? text(e)
            let v: Vector
            switch value {
            case .vector(let x): v = x
            case .matrix(let m) where m.rows == 1: v = m.row(0)
            case .record(let r) where r["alpha"] != nil:
                guard case .vector(let x)? = r["alpha"] else { fallthrough }
                v = x
            default:
                throw Diagnostic(at: e.location, id: "wrong-type",
                                 "`bars` needs a vector of weights (like `step.alpha`), found \(value.brief)")
            }
            if v.count > Limits.maximumFigureSide {
                throw Diagnostic(at: e.location, id: "figure-too-large",
                                 "`bars` of \(v.count) weights is too large to read: at most \(Limits.maximumFigureSide) bars",
                                 fix: "draw a shorter vector; the JSON file has every value")
            }
            var chart = BarsOutput(title: caption, labels: v.labels ?? (0..<v.count).map(String.init),
                                   values: v.values, precision: precision, name: text(e))
            chart.provenance = provenance(e)
            outputs.append(.bars(chart))
        case .plot(let e, let title, let xLabel, let yLabel):
            outputs.append(.lineChart(try lineChartData(e, title: title, xLabel: xLabel, yLabel: yLabel)))
        case .explain(let e):
            outputs += try explain(e).map { Output.explanation($0, precision: precision) }
        }
    }

    /// Where an output of `e` comes from: its text, the name it starts from and the fields after it.
    /// Relabelling (`att.alignment rows: out`) changes only the labels, so the output still shows
    /// `att.alignment`, and links with its other outputs on the page.
    private func provenance(_ e: Expr) -> Provenance {
        var e = e
        while case .labelled(let base, _, _, _) = e { e = base }
        var fields: [String] = []
        var node = e
        while true {
            switch node {
            case .field(let base, let name, _): fields.insert(name, at: 0); node = base; continue
            case .index(let base, _, _): node = base; continue
            default: break
            }
            break
        }
        var binding: String?
        if case .name(let n, _) = node { binding = n }
        return Provenance(expression: text(e), binding: binding, field: binding == nil || fields.isEmpty ? nil : fields.joined(separator: "."),
                          location: e.location)
    }

    /// A line chart of a vector (one series), a matrix (one series per row) or a trained model
    /// (its `loss` per epoch). The x values are the labels when they are all numbers (a loss is
    /// labelled by epoch), else 0, 1, 2…
    private func lineChartData(_ e: Expr, title: Expr?, xLabel: Expr?, yLabel: Expr?) throws -> LineChartOutput {
        let value = try evaluate(e)
        var defaultX = "position", defaultY = text(e)
        let m: Matrix
        switch value {
        case .vector(let v): m = Matrix(rows: 1, cols: v.count, storage: v.values, colLabels: v.labels)
        case .matrix(let x): m = x
        case .record(let r) where r["loss"] != nil:
            guard case .vector(let v)? = r["loss"] else { fallthrough }
            m = Matrix(rows: 1, cols: v.count, storage: v.values, colLabels: v.labels)
            defaultX = "epoch"; defaultY = "loss"
        default:
            throw Diagnostic(at: e.location, id: "wrong-type",
                             "`plot` needs a vector, a matrix (one line per row) or a trained model, found \(value.brief)")
        }
        guard m.cols >= 2 else {
            throw Diagnostic(at: e.location, id: "wrong-type", "`plot` needs at least two points to draw a line, found \(m.cols)")
        }
        if m.cols > Limits.maximumSide || m.rows > 8 {
            throw Diagnostic(at: e.location, id: "figure-too-large",
                             "`plot` of \(m.rows) lines of \(m.cols) points is too large to read: at most 8 lines",
                             fix: "plot fewer rows; the JSON file has every value")
        }
        let numericLabels = m.colLabels.flatMap { labels in labels.compactMap(Double.init).count == labels.count ? labels.compactMap(Double.init) : nil }
        let x = numericLabels ?? (0..<m.cols).map(Double.init)
        guard zip(x, x.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw Diagnostic(at: e.location, id: "wrong-type", "`plot` needs increasing x values (the column labels), found \(x.map { Value.number($0).brief }.joined(separator: ", "))")
        }
        let caption = try title.map { try titleText($0) } ?? text(e)
        return LineChartOutput(title: caption, xLabel: try xLabel.map { try titleText($0, label: "x") } ?? defaultX,
                               yLabel: try yLabel.map { try titleText($0, label: "y") } ?? defaultY, x: x,
                               seriesNames: m.rowLabels ?? [], values: (0..<m.rows).map { m.row($0).values },
                               precision: precision, name: text(e))
    }

    private func titleText(_ e: Expr, label: String = "title") throws -> String {
        let v = try evaluate(e)
        guard case .string(let s) = v else {
            throw Diagnostic(at: e.location, id: "wrong-type", "`\(label):` needs a string, found \(v.brief)")
        }
        return s
    }

    private func heatmapData(_ e: Expr, title: Expr?, statement: String) throws -> HeatmapOutput {
        let value = try evaluate(e)
        let caption = try title.map { try titleText($0) } ?? text(e)
        let m: Matrix
        switch value {
        case .matrix(let x): m = x
        // A vector is one row; its label is the expression itself (`step.alpha`), not a bare "0".
        case .vector(let v) where statement == "heatmap":
            m = Matrix(rows: 1, cols: v.count, storage: v.values, rowLabels: [text(e)], colLabels: v.labels)
        case .record(let r) where r["alignment"] != nil || r["alpha"] != nil:
            switch r["alignment"] ?? r["alpha"] {
            case .matrix(let x)?: m = x
            case .vector(let v)? where statement == "heatmap":
                m = Matrix(rows: 1, cols: v.count, storage: v.values, rowLabels: [text(e) + ".alpha"], colLabels: v.labels)
            default: throw Diagnostic(at: e.location, id: "wrong-type", "`\(statement)` needs a matrix of weights, found \(value.brief)")
            }
        default:
            let what = statement == "lines" ? "a target × source weight matrix (like `dec.alignment`)" : "a matrix or a vector"
            throw Diagnostic(at: e.location, id: "wrong-type", "`\(statement)` needs \(what), found \(value.brief)")
        }
        if m.rows > Limits.maximumFigureSide || m.cols > Limits.maximumFigureSide {
            throw Diagnostic(at: e.location, id: "figure-too-large",
                             "a `\(statement)` of \(m.rows)×\(m.cols) cells is too large to read: at most \(Limits.maximumFigureSide)×\(Limits.maximumFigureSide)",
                             fix: "draw a part of it (rows or a smaller example); `show` prints the first rows and columns, and the JSON file has every value")
        }
        return HeatmapOutput(title: caption, rowLabels: m.rowLabels ?? (0..<m.rows).map(String.init),
                             columnLabels: m.colLabels ?? (0..<m.cols).map(String.init),
                             values: (0..<m.rows).map { m.row($0).values }, precision: precision,
                             name: text(e))
    }

    // MARK: Explain

    /// Finds the trace behind `e` (`step.e[2]`, `step.alpha`, `cell`, `softmax(x)`) and asks it
    /// for worked arithmetic.
    private func explain(_ e: Expr) throws -> [WorkedArithmetic] {
        // A record that explains itself (a cell step, `dec.steps[1]`) is explained whole.
        if case .record(let record) = try evaluate(e), let explainer = record.explainer {
            if let all = explainer.explainAll { return all() }
            return [try ask(explainer, field: nil, index: nil, about: e, in: record)]
        }
        var base = e
        var field: String?
        var index: Int?
        var column: Int?
        if case .index(let inner, let indices, _) = base {
            let positions = try indices.map { expr -> Int in
                let i = try evaluate(expr)
                guard case .number(let x) = i, x == x.rounded(), x >= 0, x < 1e9 else {
                    throw Diagnostic(at: expr.location, id: "bad-index", "`explain` needs a whole, non-negative position, found \(i.brief)")
                }
                return Int(x)
            }
            index = positions.first
            column = positions.count > 1 ? positions[1] : nil
            base = inner
        }
        if case .field(let inner, let name, _) = base {
            field = name
            base = inner
        }
        if case .call(let callee, _, let arguments, let span) = base, field == nil, let builtin = registry[callee],
           let explanation = builtin.explanation {
            let call = try evaluateCall(callee, arguments, span: span, builtin: builtin)
            return [try call.engine { try explanation(call) }]
        }
        if case .name(let name, _) = base, field == nil, index == nil, let (builtin, call) = namedTraces[name],
           let explanation = builtin.explanation {
            // The call already ran once, on its `let` line; if it cannot be explained now (a matrix
            // softmax has no single trace), the fault is this `explain`, so it is blamed here.
            do {
                return [try call.engine { try explanation(call) }]
            } catch let d as Diagnostic {
                throw Diagnostic(at: e.location, id: "cannot-explain",
                                 "`explain` cannot explain `\(name)`: \(d.message) (`\(name)` was made by `\(builtin.name)` on line \(call.location.line))",
                                 fix: d.fix)
            }
        }
        let value = try evaluate(base)
        guard case .record(let record) = value, let explainer = record.explainer else {
            throw Diagnostic(at: e.location, id: "cannot-explain",
                             "`explain` needs a computed trace: a field of an `attend(…)` result (`step.e[2]`, `step.alpha`, `step.a`), a cell step, or a call such as `softmax(x)`; found \(try evaluate(e).brief)")
        }
        if let field, record[field] == nil {
            throw unknownField(field, in: record, at: e.location)
        }
        return [try ask(explainer, field: field, index: index, column: column, about: e, in: record)]
    }

    /// Asks a record's explainer, turning a refusal into a diagnostic that lists what it offers.
    private func ask(_ explainer: Explainer, field: String?, index: Int?, column: Int? = nil, about e: Expr,
                     in record: Record) throws -> WorkedArithmetic {
        do {
            return try explainer.explain(Explainer.Request(field: field, index: index, column: column))
        } catch let error as EngineError {
            throw Diagnostic(at: e.location, id: "cannot-explain", error.message)
        } catch ExplainRefusal.unsupported {
            throw Diagnostic(at: e.location, id: "cannot-explain",
                             "`explain` cannot explain `\(text(e))`: for \(record.kind) it can explain \(explainer.offers)")
        }
    }

    // MARK: Expressions

    func evaluate(_ e: Expr) throws -> Value {
        switch e {
        case .number(let x, _): return .number(x)
        case .string(let s, _): return .string(s)
        case .bool(let b, _): return .bool(b)
        case .name(let name, let span):
            if let v = lookup(name) { return v }
            if registry[name] != nil {
                throw Diagnostic(at: span.location, id: "builtin-not-called",
                                 "`\(name)` is a builtin: expected a call like `\(registry[name]!.signature)`")
            }
            throw unknownName(name, at: span.location)
        case .list(let items, let span):
            return try list(items, span: span)
        case .negate(let operand, let span):
            return try Arithmetic.negate(try evaluate(operand), at: span.location)
        case .binary(let op, let lhs, let rhs, let span):
            let a = try evaluate(lhs)
            let b = try evaluate(rhs)
            let result = try Arithmetic.apply(op, a, b, at: span.location)
            // Counted after the fact: one operation is already bounded by `Limits`. `@` does
            // rows × inner × cols multiply-adds: a's numbers times b's numbers over the inner size.
            let inner: Int
            switch a { case .matrix(let m): inner = m.cols; default: inner = a.entryCount }
            try meter.spend(op == .matmul ? a.entryCount * (b.entryCount / max(1, inner)) : result.entryCount, at: span.location)
            try Limits.check(result, at: span.location)
            try Arithmetic.checkFinite(result, at: span.location, what: "`\(op.rawValue)`")
            return result
        case .call(let callee, _, let arguments, let span):
            guard let builtin = registry[callee] else {
                if lookup(callee) != nil {
                    throw Diagnostic(at: span.location, id: "not-callable",
                                     "`\(callee)` is a value, not a builtin: only builtins can be called")
                }
                throw unknownName(callee, at: span.location, call: true)
            }
            return try run(callee, arguments, span: span, builtin: builtin).0
        case .index(let base, let indices, let span):
            return try index(try evaluate(base), indices, span: span)
        case .field(let base, let name, let span):
            return try field(try evaluate(base), name, at: span.location)
        case .scoreFunction(let name, let arguments, let span):
            var evaluated: [BuiltinCall.Argument] = []
            for a in arguments ?? [] {
                evaluated.append(.init(label: a.label, value: try evaluate(a.value), location: a.labelLocation ?? a.value.location))
            }
            return .scoreFunction(try ScoreFunctions.make(name, evaluated, hasParentheses: arguments != nil, at: span.location))
        case .labelled(let base, let rows, let cols, _):
            return try labelled(try evaluate(base), rows: rows, cols: cols, at: base.location)
        }
    }

    /// Calls a builtin: checks and evaluates the arguments, runs it, checks the result.
    private func run(_ callee: String, _ arguments: [Argument], span: Span, builtin: Builtin? = nil) throws -> (Value, BuiltinCall) {
        guard let builtin = builtin ?? registry[callee] else { throw unknownName(callee, at: span.location, call: true) }
        let call = try evaluateCall(callee, arguments, span: span, builtin: builtin)
        try meter.spend(BudgetMeter.callCost(call.arguments.map(\.value)), at: span.location)
        let result = try call.engine { try builtin.implementation(call) }
        try meter.spend(result.entryCount, at: span.location)
        try Limits.check(result, at: span.location)
        try Arithmetic.checkFinite(result, at: span.location, what: "`\(callee)`")
        return (result, call)
    }

    private func evaluateCall(_ callee: String, _ arguments: [Argument], span: Span, builtin: Builtin) throws -> BuiltinCall {
        var evaluated: [BuiltinCall.Argument] = []
        var seen: Set<String> = []
        for a in arguments {
            if let label = a.label {
                let at = a.labelLocation ?? a.value.location
                guard builtin.labels.contains(label) else {
                    let expected = builtin.labels.isEmpty ? "it takes no labelled arguments"
                        : "expected one of " + builtin.labels.map { "`\($0):`" }.joined(separator: ", ")
                    throw Diagnostic(at: at, id: "unknown-label", "unknown label `\(label):` in `\(callee)(…)`: \(expected)",
                                     fix: Suggest.closest(label, among: builtin.labels).map { "did you mean `\($0):`?" })
                }
                guard seen.insert(label).inserted else {
                    throw Diagnostic(at: at, id: "duplicate-label", "`\(label):` is given twice in `\(callee)(…)`")
                }
            }
            evaluated.append(.init(label: a.label, value: try evaluate(a.value), location: a.value.location))
        }
        let positional = arguments.filter { $0.label == nil }.count
        if !builtin.positional.contains(positional) {
            let r = builtin.positional
            let expected = r.lowerBound == r.upperBound ? "\(r.lowerBound)" : "\(r.lowerBound) to \(r.upperBound)"
            throw Diagnostic(at: span.location, id: "wrong-argument-count",
                             "`\(callee)` takes \(expected) unlabelled argument\(r.upperBound == 1 ? "" : "s"), found \(positional): expected `\(builtin.signature)`")
        }
        return BuiltinCall(name: callee, location: span.location, arguments: evaluated,
                           declaredLabels: builtin.labels)
    }

    private func list(_ items: [Expr], span: Span) throws -> Value {
        guard !items.isEmpty else {
            throw Diagnostic(at: span.location, id: "empty-vector", "an empty `[]`: a vector needs at least one number")
        }
        if items.count > Limits.maximumSide {
            try Limits.check(rows: 1, cols: items.count, at: span.location)
        }
        let values = try items.map { try evaluate($0) }
        var numbers: [Double] = []
        var rows: [Vector] = []
        for (k, (v, item)) in zip(values, items).enumerated() {
            switch v {
            case .number(let x) where rows.isEmpty: numbers.append(x)
            case .bool(let b) where rows.isEmpty: numbers.append(b ? 1 : 0)
            case .vector(let r) where numbers.isEmpty:
                if let first = rows.first, first.count != r.count {
                    throw Diagnostic(at: item.location, id: "ragged-matrix",
                                     "ragged matrix: row 0 has \(first.count) entries but row \(k) has \(r.count)")
                }
                rows.append(r)
            case .matrix:
                throw Diagnostic(at: item.location, id: "wrong-type", "a matrix's rows must be vectors, found \(v.brief) (values have at most two dimensions)")
            default:
                let expected = rows.isEmpty && numbers.isEmpty ? "numbers or vectors" : rows.isEmpty ? "a number (like the entries before it)" : "a vector row (like the rows before it)"
                throw Diagnostic(at: item.location, id: "wrong-type", "expected \(expected) in `[…]`, found \(v.brief)")
            }
        }
        if !numbers.isEmpty { return .vector(Vector(numbers)) }
        try Limits.check(rows: rows.count, cols: rows[0].count, at: span.location)
        return .matrix(try Matrix(stacking: rows))
    }

    private func index(_ value: Value, _ indices: [Expr], span: Span) throws -> Value {
        func position(_ e: Expr, count: Int, what: String) throws -> Int {
            let v = try evaluate(e)
            guard case .number(let x) = v else {
                throw Diagnostic(at: e.location, id: "bad-index", "an index must be a whole number, found \(v.brief)")
            }
            guard x == x.rounded() else {
                throw Diagnostic(at: e.location, id: "bad-index", "an index must be a whole number, found \(NumberFormat.compact(x, precision: 6))")
            }
            guard x >= 0, x < Double(count) else {
                let n = Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
                let negative = x < 0 ? " (negative indices are not supported)" : ""
                throw Diagnostic(at: e.location, id: "index-out-of-range",
                                 "index \(n) is out of range for \(what): expected 0 to \(count - 1)\(negative)")
            }
            return Int(x)
        }
        switch (value, indices.count) {
        case (.vector(let v), 1): return .number(v[try position(indices[0], count: v.count, what: "a vector of length \(v.count)")])
        case (.tokens(let t), 1): return .string(t[try position(indices[0], count: t.count, what: "\(t.count) tokens")])
        case (.matrix(let m), 1): return .vector(m.row(try position(indices[0], count: m.rows, what: "the rows of a \(m.rows)×\(m.cols) matrix")))
        case (.matrix(let m), 2):
            let i = try position(indices[0], count: m.rows, what: "the rows of a \(m.rows)×\(m.cols) matrix")
            let j = try position(indices[1], count: m.cols, what: "the columns of a \(m.rows)×\(m.cols) matrix")
            return .number(m[i, j])
        case (.record(let r), 1): return r.fields[try position(indices[0], count: r.fields.count, what: "a record with \(r.fields.count) fields")].value
        default:
            let form = indices.count == 2 ? "`[i, j]` needs a matrix" : "`[i]` needs a vector, matrix, token list or record"
            throw Diagnostic(at: span.location, id: "wrong-type", "\(form), found \(value.brief)")
        }
    }

    private func field(_ value: Value, _ name: String, at location: SourceLocation) throws -> Value {
        switch value {
        case .record(let r):
            guard let v = r[name] else { throw unknownField(name, in: r, at: location) }
            return v
        case .matrix(let m) where name == "T": return .matrix(m.transposed)
        case .vector where name == "T":
            throw Diagnostic(at: location, id: "wrong-type",
                             "`.T` transposes a matrix; a vector has no orientation here, use it as it is")
        default:
            let hint = name == "T" ? "`.T` needs a matrix" : "`.\(name)` needs a record with a field `\(name)`"
            throw Diagnostic(at: location, id: "wrong-type", "\(hint), found \(value.brief)")
        }
    }

    private func labelled(_ value: Value, rows: Expr?, cols: Expr?, at location: SourceLocation) throws -> Value {
        func labels(_ e: Expr, count: Int, what: String) throws -> [String] {
            let v = try evaluate(e)
            let l: [String]
            switch v {
            case .tokens(let t): l = t
            case .string(let s): l = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            default:
                throw Diagnostic(at: e.location, id: "wrong-type", "`\(what):` needs tokens (like `tokens(\"我 爱 你\")`) or a string, found \(v.brief)")
            }
            guard l.count == count else {
                throw Diagnostic(at: e.location, id: "label-count",
                                 "`\(what):` needs one label per \(what == "rows" ? "row" : "column"): expected \(count), found \(l.count)")
            }
            return l
        }
        switch value {
        case .matrix(var m):
            if let rows { m.rowLabels = try labels(rows, count: m.rows, what: "rows") }
            if let cols { m.colLabels = try labels(cols, count: m.cols, what: "cols") }
            return .matrix(m)
        case .vector(var v):
            if rows != nil, let cols {
                throw Diagnostic(at: cols.location, id: "wrong-type", "a vector takes one set of labels (`rows:` or `cols:`), found both")
            }
            if let e = rows ?? cols { v.labels = try labels(e, count: v.count, what: rows != nil ? "rows" : "cols") }
            return .vector(v)
        default:
            throw Diagnostic(at: location, id: "wrong-type", "`rows:`/`cols:` label a matrix or a vector, found \(value.brief)")
        }
    }

    // MARK: Errors

    /// "unknown name", suggesting a builtin for a call and a binding for a value.
    func unknownName(_ name: String, at location: SourceLocation, call: Bool = false) -> Diagnostic {
        let candidates = call ? registry.names : bindings.map(\.name)
        return Diagnostic(at: location, id: "unknown-name", "unknown name `\(name)`",
                          fix: Suggest.closest(name, among: candidates).map { "did you mean `\($0)`?" })
    }

    private func unknownField(_ name: String, in record: Record, at location: SourceLocation) -> Diagnostic {
        let names = record.fields.map(\.name)
        return Diagnostic(at: location, id: "unknown-field",
                          "\(record.kind) has no field `\(name)`: expected one of \(names.map { "`\($0)`" }.joined(separator: ", "))",
                          fix: Suggest.closest(name, among: names).map { "did you mean `\($0)`?" })
    }
}

/// Thrown by an `Explainer` asked for something its trace cannot explain.
public enum ExplainRefusal: Error { case unsupported }
