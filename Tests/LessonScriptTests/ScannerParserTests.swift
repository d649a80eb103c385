import Testing
@testable import LessonScript

@Suite struct ScannerTests {
    func kinds(_ s: String) -> [Token.Kind] { Scanner.scan(s, file: "t").tokens.map(\.kind) }

    @Test func scansAStatement() {
        #expect(kinds("let x = m.T @ [1, -2.5e-3] // c") ==
                [.kwLet, .identifier, .equal, .identifier, .dot, .identifier, .at, .leftBracket, .number, .comma,
                 .minus, .number, .rightBracket, .comment, .eof])
    }

    @Test(arguments: [("0.5", 0.5), ("3", 3.0), ("1e-3", 0.001), ("2E2", 200.0), ("10.25", 10.25)])
    func numbers(_ text: String, _ value: Double) {
        let t = Scanner.scan(text, file: "t").tokens[0]
        #expect(t.kind == .number)
        #expect(t.numberValue == value)
    }

    @Test func stringsDecodeEscapes() {
        let t = Scanner.scan(#""a\n\"b\u{6211}""#, file: "t").tokens[0]
        #expect(t.kind == .string)
        #expect(t.stringValue == "a\n\"b我")
    }

    @Test func locationsCountCharactersAndStartWhereTheCellStarts() {
        let tokens = Scanner.scan("let 我 = 1\nshow 我", file: "l.md", firstLine: 10).tokens
        #expect(tokens[1].location == SourceLocation(file: "l.md", line: 10, column: 5))
        #expect(tokens[3].location == SourceLocation(file: "l.md", line: 10, column: 9))
        #expect(tokens[5].location == SourceLocation(file: "l.md", line: 11, column: 1))
    }

    @Test func unicodeMinusIsMinus() {
        #expect(kinds("−1") == [.minus, .number, .eof])
    }
}

@Suite struct ParserTests {
    func parse(_ s: String) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        let (tokens, d) = Scanner.scan(s, file: "t")
        var p = Parser(tokens: tokens)
        let st = p.parseScript()
        return (st, d + p.diagnostics)
    }

    @Test func precedence() {
        // 1 + 2 * 3 parses as 1 + (2 * 3)
        let (st, d) = parse("show 1 + 2 * 3")
        #expect(d.isEmpty)
        guard case .show(.binary(.add, .number(1, _), .binary(.multiply, _, _, _), _))? = st.first else {
            Issue.record("wrong tree"); return
        }
    }

    @Test func labelledMatrixAndCallArguments() {
        let (st, d) = parse("let h = [[1, 2], [3, 4]] rows: src cols: tokens(\"a b\")\nlet r = random(3, 3, seed: 1)")
        #expect(d.isEmpty)
        guard case .let(_, _, .labelled(.list, rows: .name("src", _)?, cols: .call?, _))? = st.first else {
            Issue.record("labels not parsed"); return
        }
        guard case .let(_, _, .call("random", _, let args, _))? = st.last else { Issue.record("call not parsed"); return }
        #expect(args.map(\.label) == [nil, nil, "seed"])
    }

    @Test func scoreFunctionsAndFields() {
        let (st, d) = parse("let s = attend(query: q, keys: h, score: .additive(W1: a, W2: b, v: c))\nexplain s.e[2]\nheatmap s.alpha title: \"α\"")
        #expect(d.isEmpty)
        #expect(st.count == 3)
        guard case .explain(.index(.field(.name("s", _), "e", _), let i, _))? = st.dropFirst().first else {
            Issue.record("field index not parsed"); return
        }
        #expect(i.count == 1)
        guard case .heatmap(_, title: .string("α", _)?)? = st.last else { Issue.record("title not parsed"); return }
    }

    @Test func newlinesInsideBracketsContinueTheStatement() {
        let (st, d) = parse("let m = [\n  [1, 2],\n  [3, 4],\n]\nshow m")
        #expect(d.isEmpty)
        #expect(st.count == 2)
    }

    @Test func recoversAtLineEnds() {
        let (st, d) = parse("let = 1\nshow 2\nshow )\nshow 3")
        #expect(d.map(\.location.line) == [1, 3])
        #expect(st.count == 2)
    }

    @Test func tenThousandBracketsAreRefusedWithoutCrashing() {
        let (_, d) = parse("show " + String(repeating: "[", count: 10_000))
        #expect(d.count == 1)
        #expect(d.first?.id == "too-deep")
    }
}
