/// Builds statements from tokens by recursive descent (craftinginterpreters' `Parser`).
///
/// Grammar (one statement per line; newlines inside brackets and parentheses are ignored):
/// ```
/// statement  := "let" NAME "=" expression | ("show" | "explain") expression
///             | ("heatmap" | "lines" | "bars") expression ("title:" expression)?
///             | "plot" expression (("title:" | "x:" | "y:") expression)*
/// expression := additive (("rows" | "cols") ":" additive)*
/// additive   := term (("+" | "-") term)*
/// term       := unary (("*" | "/" | "@") unary)*
/// unary      := "-" unary | postfix
/// postfix    := primary ( "(" arguments ")" | "[" expression ("," expression)? "]" | "." NAME )*
/// primary    := NUMBER | STRING | "true" | "false" | NAME | "[" (expression ("," expression)* ","?)? "]"
///             | "(" expression ")" | "." NAME ("(" arguments ")")?
/// arguments  := (argument ("," argument)* ","?)?     argument := (NAME ":")? expression
/// ```
/// On an error it records a diagnostic and skips to the next line (`synchronize`), so one run
/// reports every broken line.
struct Parser {
    /// Deeper nesting than this is refused (and keeps the recursion far from the stack's end).
    static let maximumDepth = 64
    /// Most levels of nesting and binary operators together: the interpreter recurses once per
    /// level, and this keeps it well inside a thread's stack.
    static let maximumComplexity = 160

    private var tokens: [Token]
    private var current = 0
    private var depth = 0
    /// Open `(` and `[` around the current token: inside them a newline continues the expression
    /// (so `rows:` or an operator may start the next line), as in Python's implicit line joining.
    private var grouping = 0
    /// Nesting levels plus the operators of the chains still open.
    private var complexity = 0
    private(set) var diagnostics: [Diagnostic] = []

    init(tokens: [Token]) {
        // Comments are trivia for the parser; the highlighter keeps them.
        self.tokens = tokens.filter { $0.kind != .comment }
    }

    // MARK: Statements

    mutating func parseScript() -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipNewlines()
            if check(.eof) { break }
            do {
                statements.append(try statement())
                try endOfStatement()
            } catch let diagnostic as Diagnostic {
                report(diagnostic)
                synchronize()
            } catch {
                synchronize()
            }
        }
        return statements
    }

    /// Parses `expression` as one whole expression (an inline value in prose).
    mutating func parseLoneExpression() -> Expr? {
        skipNewlines()
        do {
            let e = try expression()
            skipNewlines()
            if !check(.eof) { throw expected("the end of the expression", found: peek) }
            return e
        } catch let diagnostic as Diagnostic {
            report(diagnostic)
        } catch {}
        return nil
    }

    private mutating func statement() throws -> Stmt {
        let token = advance()
        switch token.kind {
        case .kwLet:
            let name = try consume(.identifier, "a name after `let`")
            _ = try consume(.equal, "`=` after `let \(name.text)`")
            return .let(name: name.text, nameLocation: name.location, value: try expression())
        case .kwShow: return .show(try expression())
        case .kwExplain: return .explain(try expression())
        case .kwHeatmap: let (e, t) = try figure(); return .heatmap(e, title: t)
        case .kwLines: let (e, t) = try figure(); return .lines(e, title: t)
        case .kwBars: let (e, t) = try figure(); return .bars(e, title: t)
        case .kwPlot: return try plot()
        case .error:
            throw AlreadyReported()
        default:
            if token.kind == .identifier && check(.equal) {
                throw Diagnostic(at: token.location, id: "expected-statement",
                                 "expected a statement, found an assignment without `let`",
                                 fix: "write `let \(token.text) = …`")
            }
            throw Diagnostic(at: token.location, id: "expected-statement",
                             "expected a statement (`let`, `show`, `heatmap`, `explain`, `lines`, `bars` or `plot`), found \(token.described)")
        }
    }

    private mutating func figure() throws -> (Expr, Expr?) {
        let e = try expression()
        if check(.identifier), peek.text == "title", peekNext?.kind == .colon {
            advance(); advance()
            return (e, try expression())
        }
        return (e, nil)
    }

    /// `plot y` with optional `title:`, `x:` and `y:` clauses, each at most once, in any order.
    private mutating func plot() throws -> Stmt {
        let e = try expression()
        var clauses: [String: Expr] = [:]
        while check(.identifier), ["title", "x", "y"].contains(peek.text), peekNext?.kind == .colon {
            let label = advance()
            advance()
            if clauses[label.text] != nil {
                throw Diagnostic(at: label.location, id: "duplicate-label", "`\(label.text):` is given twice in `plot`")
            }
            clauses[label.text] = try expression()
        }
        return .plot(e, title: clauses["title"], xLabel: clauses["x"], yLabel: clauses["y"])
    }

    private mutating func endOfStatement() throws {
        if check(.newline) || check(.eof) { return }
        if check(.error) { throw AlreadyReported() }
        throw Diagnostic(at: peek.location, id: "expected-end-of-line",
                         "expected the end of the line after a statement, found \(peek.described)",
                         fix: "put one statement per line")
    }

    /// Skips the rest of a broken statement: to the end of its line, or to a statement keyword
    /// that begins a line (so an unclosed bracket does not swallow the next statement).
    private mutating func synchronize() {
        while !check(.eof) {
            if check(.newline) { advance(); return }
            if peek.startsStatement, current > 0, tokens[current - 1].kind == .newline { return }
            advance()
        }
    }

    // MARK: Expressions

    private mutating func expression() throws -> Expr {
        try nested(at: peek) {
            var e = try $0.additive()
            var rows: Expr?, cols: Expr?
            while $0.continueGroupedLine(), $0.check(.identifier), $0.peek.text == "rows" || $0.peek.text == "cols", $0.peekNext?.kind == .colon {
                let which = $0.advance()
                $0.advance()
                let value = try $0.additive()
                if which.text == "rows" {
                    if rows != nil { throw Diagnostic(at: which.location, id: "duplicate-label", "`rows:` is given twice") }
                    rows = value
                } else {
                    if cols != nil { throw Diagnostic(at: which.location, id: "duplicate-label", "`cols:` is given twice") }
                    cols = value
                }
            }
            if rows != nil || cols != nil {
                let end = [rows, cols].compactMap { $0?.span.end }.max() ?? e.span.end
                e = .labelled(e, rows: rows, cols: cols, Span(location: e.location, start: e.span.start, end: end))
            }
            return e
        }
    }

    private mutating func additive() throws -> Expr {
        var e = try term()
        let open = complexity
        defer { complexity = open }
        while continueGroupedLine(), check(.plus) || check(.minus) {
            let op = advance()
            try addOperator(op)
            let rhs = try term()
            e = .binary(op.kind == .plus ? .add : .subtract, e, rhs, Span(location: op.location, start: e.span.start, end: rhs.span.end))
        }
        return e
    }

    private mutating func term() throws -> Expr {
        var e = try unary()
        let open = complexity
        defer { complexity = open }
        while continueGroupedLine(), check(.star) || check(.slash) || check(.at) {
            let op = advance()
            try addOperator(op)
            let rhs = try unary()
            let kind: BinaryOperator = op.kind == .star ? .multiply : op.kind == .slash ? .divide : .matmul
            e = .binary(kind, e, rhs, Span(location: op.location, start: e.span.start, end: rhs.span.end))
        }
        return e
    }

    private mutating func unary() throws -> Expr {
        if check(.minus) {
            let op = advance()
            return try nested(at: op) {
                let operand = try $0.unary()
                // Fold `-3` so literals such as `[-1, 2]` stay plain numbers.
                if case .number(let x, _) = operand {
                    return .number(-x, Span(location: op.location, start: op.start, end: operand.span.end))
                }
                return .negate(operand, Span(location: op.location, start: op.start, end: operand.span.end))
            }
        }
        return try postfix()
    }

    private mutating func postfix() throws -> Expr {
        var e = try primary()
        while true {
            if check(.leftParen) {
                let open = advance()
                guard case .name(let callee, let calleeSpan) = e else {
                    throw Diagnostic(at: open.location, id: "not-callable",
                                     "only builtins can be called: expected a builtin name before `(`, found an expression")
                }
                let arguments = try argumentList(open: open)
                e = .call(callee: callee, calleeSpan: calleeSpan, arguments: arguments,
                          Span(location: calleeSpan.location, start: calleeSpan.start, end: tokens[current - 1].end))
            } else if check(.leftBracket) {
                let open = advance()
                grouping += 1
                defer { grouping -= 1 }
                skipNewlines()
                var indices = [try expression()]
                skipNewlines()
                if match(.comma) {
                    skipNewlines()
                    indices.append(try expression())
                    skipNewlines()
                }
                _ = try consume(.rightBracket, "`]` to close the index opened at \(open.location.line):\(open.location.column) (an index is `m[i]` or `m[i, j]`)")
                e = .index(e, indices, Span(location: open.location, start: e.span.start, end: tokens[current - 1].end))
            } else if check(.dot), let next = peekNext, next.kind == .identifier, next.start == peek.end {
                let dot = advance()
                let name = advance()
                e = .field(e, name.text, Span(location: dot.location, start: e.span.start, end: name.end))
            } else {
                return e
            }
        }
    }

    private mutating func primary() throws -> Expr {
        let token = peek
        let span = Span(location: token.location, start: token.start, end: token.end)
        switch token.kind {
        case .number: advance(); return .number(token.numberValue, span)
        case .string: advance(); return .string(token.stringValue, span)
        case .kwTrue: advance(); return .bool(true, span)
        case .kwFalse: advance(); return .bool(false, span)
        case .identifier: advance(); return .name(token.text, span)
        case .leftParen:
            advance()
            grouping += 1
            defer { grouping -= 1 }
            skipNewlines()
            let e = try expression()
            skipNewlines()
            let close = try consume(.rightParen, "`)` to close the `(` opened at \(token.location.line):\(token.location.column)")
            // The parentheses belong to the text, so `(a + b) * 2` is captioned whole.
            return e.spanning(start: token.start, end: close.end)
        case .leftBracket:
            advance()
            grouping += 1
            defer { grouping -= 1 }
            var items: [Expr] = []
            skipNewlines()
            while !check(.rightBracket) {
                items.append(try expression())
                skipNewlines()
                if !match(.comma) { break }
                skipNewlines()
            }
            _ = try consume(.rightBracket, "`,` or `]` to close the `[` opened at \(token.location.line):\(token.location.column)")
            return .list(items, Span(location: token.location, start: token.start, end: tokens[current - 1].end))
        case .dot:
            advance()
            guard check(.identifier), peek.start == token.end else {
                throw Diagnostic(at: token.location, id: "expected-score-function",
                                 "expected a score function name after `.` (like `.dot` or `.additive(W1: W1, W2: W2, v: v)`), found \(peek.described)")
            }
            let name = advance()
            var arguments: [Argument]?
            if check(.leftParen), peek.start == name.end {
                let open = advance()
                arguments = try argumentList(open: open)
            }
            return .scoreFunction(name.text, arguments, Span(location: token.location, start: token.start, end: tokens[current - 1].end))
        case .error:
            throw AlreadyReported()
        default:
            throw expected("an expression", found: token)
        }
    }

    private mutating func argumentList(open: Token) throws -> [Argument] {
        grouping += 1
        defer { grouping -= 1 }
        var arguments: [Argument] = []
        skipNewlines()
        while !check(.rightParen) {
            var label: String?
            var labelLocation: SourceLocation?
            if check(.identifier), peekNext?.kind == .colon {
                let l = advance()
                advance()
                label = l.text
                labelLocation = l.location
            }
            arguments.append(Argument(label: label, labelLocation: labelLocation, value: try expression()))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        _ = try consume(.rightParen, "`,` or `)` to close the `(` opened at \(open.location.line):\(open.location.column)")
        return arguments
    }

    // MARK: Helpers

    /// Counts one more operator in an open chain (each makes the tree one level deeper).
    private mutating func addOperator(_ op: Token) throws {
        complexity += 1
        if complexity > Self.maximumComplexity {
            throw Diagnostic(at: op.location, id: "too-complex",
                             "this expression is too long: at most \(Self.maximumComplexity) operators and nesting levels in one expression",
                             fix: "split it into steps with `let`")
        }
    }

    /// Runs `body` one nesting level deeper, refusing to go past `maximumDepth`.
    private mutating func nested<T>(at token: Token, _ body: (inout Parser) throws -> T) throws -> T {
        if depth >= Self.maximumDepth {
            throw Diagnostic(at: token.location, id: "too-deep",
                             "expressions nest too deeply: at most \(Self.maximumDepth) levels of brackets, parentheses and signs")
        }
        try addOperator(token)
        depth += 1
        let open = complexity
        defer { depth -= 1; complexity = open - 1 }
        return try body(&self)
    }

    private func expected(_ what: String, found token: Token) -> Error {
        if token.kind == .error { return AlreadyReported() }
        return Diagnostic(at: token.location, id: "expected-expression", "expected \(what), found \(token.described)")
    }

    private var peek: Token { tokens[current] }
    private var peekNext: Token? { current + 1 < tokens.count ? tokens[current + 1] : nil }
    private func check(_ kind: Token.Kind) -> Bool { tokens[current].kind == kind }

    @discardableResult
    private mutating func advance() -> Token {
        let t = tokens[current]
        if t.kind != .eof { current += 1 }
        return t
    }

    private mutating func match(_ kind: Token.Kind) -> Bool {
        if check(kind) { advance(); return true }
        return false
    }

    private mutating func consume(_ kind: Token.Kind, _ what: String) throws -> Token {
        if check(kind) { return advance() }
        throw expected(what, found: peek)
    }

    /// Inside brackets, skips newlines so the expression may go on; always `true` (for `while`).
    private mutating func continueGroupedLine() -> Bool {
        if grouping > 0 { skipNewlines() }
        return true
    }

    private mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }
}

/// Thrown when the scanner has already reported the problem at this token.
struct AlreadyReported: Error {}
