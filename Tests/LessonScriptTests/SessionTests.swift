import AttentionEngine
import Foundation
import Testing
@testable import LessonScript

@Suite struct SessionTests {
    @Test func matrixTimesVectorWorkedByHand() {
        // [[1, 2], [3, 4]] @ [1, 1] = [1 + 2, 3 + 4] = [3, 7]
        let s = Session(file: "t")
        #expect(s.run("let y = [[1, 2], [3, 4]] @ [1, 1]").diagnostics.isEmpty)
        #expect(s.value(of: "y") == .vector(Vector([3, 7])))
    }

    @Test func cellsShareBindingsAndRebindingKeepsFirstPlace() {
        let s = Session(file: "lesson.md")
        _ = s.run("let a = 1\nlet b = 2", firstLine: 5)
        _ = s.run("let a = b + 10\nlet c = a * 2", firstLine: 12)
        #expect(s.bindings.map(\.name) == ["a", "b", "c"])
        #expect(s.bindings.map(\.value) == [.number(12), .number(2), .number(24)])
    }

    @Test func diagnosticsAreInTheFilesCoordinates() {
        let s = Session(file: "lesson.md")
        let r = s.run("let a = 1\nshow nope", firstLine: 20)
        #expect(r.diagnostics.first?.location == SourceLocation(file: "lesson.md", line: 21, column: 6))
        #expect(r.diagnostics.first?.sourceLine == "show nope")
    }

    @Test func aRuntimeErrorKeepsEarlierBindingsAndOutputs() {
        let s = Session(file: "t")
        let r = s.run("let a = 1\nshow a\nlet b = 1 / 0\nlet c = 3")
        #expect(r.outputs == [.value(label: nil, .number(1), precision: 4)])
        #expect(r.diagnostics.count == 1)
        #expect(s.bindings.map(\.name) == ["a"])
    }

    @Test func evaluateAnInlineExpression() {
        let s = Session(file: "lesson.md")
        _ = s.run("let w = softmax([0, 0])")
        #expect(s.evaluate("w[1]", at: SourceLocation(file: "lesson.md", line: 9, column: 20)) == .success(.number(0.5)))
        guard case .failure(let d) = s.evaluate("w[5]", at: SourceLocation(file: "lesson.md", line: 9, column: 20)) else {
            Issue.record("expected a failure"); return
        }
        #expect(d.location == SourceLocation(file: "lesson.md", line: 9, column: 22))
        guard case .failure(let e) = s.evaluate("w +", at: SourceLocation(file: "lesson.md", line: 3, column: 4)) else {
            Issue.record("expected a failure"); return
        }
        #expect(e.location.line == 3)
    }

    @Test func showRecordMakesOneTablePerFieldWithLabels() {
        let s = Session(file: "t")
        let r = s.run("let step = attend(query: [1, 0], keys: [[1, 0], [0, 1]] rows: tokens(\"我 你\"), score: .dot)\nshow step")
        #expect(r.outputs.count == 3)
        guard case .table(let t) = r.outputs[1] else { Issue.record("not a table"); return }
        #expect(t.caption == "step.alpha: α = softmax(e)")
        #expect(t.columnLabels == ["我", "你"])
    }

    @Test func heatmapOfAVectorIsOneRow() {
        let r = Session(file: "t").run("heatmap softmax([0, 0]) title: \"w\"")
        guard case .heatmap(let h) = r.outputs.first else { Issue.record("no heatmap"); return }
        #expect(h.values == [[0.5, 0.5]])
        #expect(h.title == "w")
        #expect(h.name == "softmax([0, 0])")   // named after the expression; the notebook makes the file name
        // The single row is labelled with what it is, not with a bare index.
        #expect(h.rowLabels == ["softmax([0, 0])"])
    }

    @Test func parenthesesStayInTheCaption() {
        let r = Session(file: "t").run("let a = [1.0, 2.0]\nshow (a + a) * 2\nshow (a)\nshow -(a + a)\nlet m = [[1.0, 2.0], [3.0, 4.0]]\nheatmap (m @ m.T)")
        #expect(r.diagnostics.isEmpty)
        let captions = r.outputs.compactMap { if case .table(let t) = $0 { return t.caption } else { return nil } }
        #expect(captions == ["(a + a) * 2", "(a)", "-(a + a)"])
        guard case .heatmap(let h)? = r.outputs.last else { Issue.record("no heatmap"); return }
        #expect(h.title == "(m @ m.T)")
        // An error inside the parentheses still points at its operator, not at the `(`.
        let bad = Session(file: "t").run("let a = [1.0, 2.0]\nshow (a @ [1.0, 2.0, 3.0])")
        #expect(bad.diagnostics.first?.location.line == 2)
        #expect(bad.diagnostics.first?.location.column == 9)
    }

    @Test func aLargeShowIsElidedToItsFirstRowsAndColumns() throws {
        let session = Session(file: "t.attn")
        let result = session.run("let m = random(300, 300, seed: 1)\nshow m")
        #expect(result.diagnostics.isEmpty)
        guard case .table(let t)? = result.outputs.first else { Issue.record("no table"); return }
        #expect(t.values.count == 32 && t.values.allSatisfy { $0.count == 24 })
        #expect(t.caption == "m (first 32 of 300 rows, first 24 of 300 columns shown; the JSON file has every value)")
        guard case .matrix(let m)? = session.value(of: "m") else { Issue.record("no matrix"); return }
        #expect(t.values[31][23] == m[31, 23])
    }

    @Test func theBudgetScalesAndCountsEveryBinding() {
        // Three bindings of 1 M numbers: over the standard 2 M, within twice that.
        let script = "let a = random(1000, 1000, seed: 1)\nlet b = a\nlet c = a"
        #expect(Session(file: "t.attn").run(script).diagnostics.map(\.id) == ["over-budget"])
        let doubled = Session(file: "t.attn", budget: .scaled(2))
        #expect(doubled.run(script).diagnostics.isEmpty)
        #expect(doubled.spent.entries == 3_000_000)
        #expect(doubled.bindingGenerations == [1, 1, 1])
        #expect(doubled.run("let b = 2").diagnostics.isEmpty)
        #expect(doubled.bindingGenerations == [1, 2, 1])
    }

    @Test func tablesOfWholeNumbersHaveNoDecimals() {
        let r = Session(file: "t", precision: 4).run("show [16772096, 3]\nshow [[1, 0], [1, 1]]\nshow [0.5, 2]")
        let tables = r.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        // Whole-number columns (counts, a mask) print no decimals; a column with a fraction keeps the
        // lesson precision. The renderers decide, from the values.
        #expect(tables.map(\.columnDigits) == [[0, 0], [0, 0], [4, 0]])
        #expect(OutputText.render(.table(tables[0])).hasSuffix("16772096  3"))
        #expect(OutputText.render(.table(tables[2])).hasSuffix("0.5000  2.0000"))
    }

    @Test func explainingARowOfSelfAttentionWeightsWorksTheSoftmax() {
        let r = Session(file: "t").run("""
            let I = [[1, 0], [0, 1]]
            let sa = selfAttention(I, Wq: I, Wk: I, Wv: I, mask: "causal")
            explain sa.alpha[1]
            """)
        guard let w = Explained(r.outputs.first) else { Issue.record("no explanation: \(r.diagnostics)"); return }
        #expect(w.title.hasPrefix("α[1, ·] = softmax"))
        // Row 1 scores: q₁·k₀/√2 = 0 and q₁·k₁/√2 = 1/√2; α₁ = 1/(1 + e^(−1/√2)) = 0.6698 by hand.
        #expect(w.results.last == "0.6698")
    }

    @Test func explainOneEntryOfAMatchMatrix() {
        let r = Session(file: "t").run("let m = matchMatrix([[1, 2], [3, 4]], [[1, 2], [0, 0]])\nexplain m.A[1, 1]")
        guard let w = Explained(r.outputs.first) else { Issue.record("no explanation: \(r.diagnostics)"); return }
        // ‖(3, 4) − (0, 0)‖ = 5, so A[1, 1] = 1/(1 + 5) by hand.
        #expect(w.title.hasPrefix("A[1, 1]"))
        #expect(w.results.last == "0.1667")
    }

    @Test func attentionCaptionsSayWhatWasSummed() {
        let r = Session(file: "t").run("""
            let r = attend(query: [1, 0], keys: [[1, 0], [0, 1]], values: [[5, 6, 7], [8, 9, 10]], score: .dot)
            show r
            show attend(query: [1, 0], keys: [[1, 0], [0, 1]], score: .scaledDot)
            """)
        let captions = r.outputs.compactMap { if case .table(let t) = $0 { return t.caption } else { return nil } }
        #expect(captions.count == 6)
        #expect(captions.first == "r.e: eᵢ = sᵀkᵢ")          // separate keys and values: the keys are k
        #expect(captions[2] == "r.a: a = Σᵢ αᵢ vᵢ")     // values were given
        #expect(captions[3].hasSuffix("eᵢ = sᵀhᵢ/√d"))
        #expect(captions[5].hasSuffix("a = Σᵢ αᵢ hᵢ"))   // values are the keys
    }

    @Test func explainANameBoundToSoftmax() {
        let s = Session(file: "t")
        let r = s.run("let w = softmax([0, 0])\nexplain w")
        #expect(r.diagnostics.isEmpty)
        guard let w = Explained(r.outputs.first) else { Issue.record("no explanation"); return }
        #expect(w.title == "α = softmax(e)")
    }

    @Test func explainACellStep() {
        let r = Session(file: "t").run("let c = rnn(input: 2, hidden: 2, seed: 1)\nlet s = step(c, [1, 0])\nexplain s")
        #expect(r.diagnostics.isEmpty)
        guard let w = Explained(r.outputs.first) else { Issue.record("no explanation"); return }
        #expect(w.title == "one tanh RNN step")
    }

    @Test func rnnStepWorkedByHand() {
        // h = tanh(W x + U h₋ + b) with W = I, U = 0, b = 0, x = [0.5, 0]: h = [tanh 0.5, 0]
        let s = Session(file: "t")
        let r = s.run("let c = rnn(W: [[1, 0], [0, 1]], U: [[0, 0], [0, 0]])\nlet s1 = step(c, [0.5, 0])")
        #expect(r.diagnostics.isEmpty)
        guard case .record(let rec)? = s.value(of: "s1"), case .vector(let h)? = rec["h"] else { Issue.record("no h"); return }
        #expect(abs(h[0] - tanh(0.5)) < 1e-12 && h[1] == 0)
    }

    @Test func decodersGiveAnAlignmentWhoseRowsSumToOne() {
        let s = Session(file: "t")
        let r = s.run("""
            let h = random(4, 3, seed: 1) rows: tokens("a b c d")
            let y = random(2, 3, seed: 2) rows: tokens("x y")
            let dec = luong(encoder: h, targets: y, cell: gru(input: 3, hidden: 3, seed: 3), score: .general(random(3, 3, seed: 4)), Wc: random(3, 6, seed: 5))
            explain dec.steps[1].alpha
            """)
        #expect(r.diagnostics.isEmpty)
        guard case .record(let rec)? = s.value(of: "dec"), case .matrix(let a)? = rec["alignment"] else { Issue.record("no alignment"); return }
        #expect(a.rows == 2 && a.cols == 4)
        #expect(a.rowLabels == ["x", "y"] && a.colLabels == ["a", "b", "c", "d"])
        for i in 0..<2 { #expect(abs(a.row(i).values.reduce(0, +) - 1) < 1e-12) }
    }

    @Test func noAttentionRowsAreIdentical() {
        let s = Session(file: "t")
        let r = s.run("""
            let h = random(3, 2, seed: 1)
            let dec = noAttention(encoder: h, targets: random(2, 2, seed: 2), cell: rnn(input: 4, hidden: 2, seed: 3), context: "mean")
            """)
        #expect(r.diagnostics.isEmpty)
        guard case .record(let rec)? = s.value(of: "dec"), case .matrix(let c)? = rec["contexts"] else { Issue.record("no contexts"); return }
        #expect(c.row(0) == c.row(1))
    }

    @Test func neverCrashesOnNoise() {
        // Deterministic noise built from the language's own alphabet.
        let alphabet = Array("let show explain heatmap ([{.,:]})@+-*/ 0123 1e9 \"a\\ x m.T softmax attend .dot \n // 我")
        var rng = SeededRandom(seed: 42)
        for _ in 0..<300 {
            let n = Int(rng.next() % 60)
            let text = String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let s = Session(file: "noise")
            _ = s.run("let x = [1, 2]\nlet m = [[1, 2], [3, 4]]\n" + text)
            _ = s.evaluate(text, at: SourceLocation(file: "noise", line: 1, column: 1))
            _ = highlight(text)
        }
    }
}

@Suite struct JSONTests {
    @Test func bindingsBecomeOneOrderedObject() {
        let s = Session(file: "t")
        _ = s.run("""
            let n = 0.1
            let step = attend(query: [1, 0], keys: [[1, 0], [0, 1]], score: .dot)
            let f = .general([[1, 0], [0, 1]])
            let t = tokens("a \\"b\\"")
            let ok = true
            """)
        let json = JSONWriter.bindingsJSON(s.bindings)
        #expect(json.hasPrefix("{\n  \"n\": 0.1,\n  \"step\": {\n    \"e\": [1.0, 0.0],\n    \"alpha\": ["))
        #expect(json.contains("\"f\": {\n    \"score\": \"general\",\n    \"W\": [\n      [1.0, 0.0],\n      [0.0, 1.0]\n    ]\n  },"))
        #expect(json.contains("\"t\": [\"a\", \"\\\"b\\\"\"],"))
        #expect(json.hasSuffix("\"ok\": true\n}\n"))
        let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(parsed?.count == 5)
    }

    @Test(arguments: [(0.1, "0.1"), (3, "3.0"), (-2.5e-7, "-2.5e-07"), (1e21, "1e+21")])
    func numbersAreShortestRoundTrip(_ x: Double, _ text: String) {
        #expect(JSONWriter.number(x) == text)
        #expect(Double(JSONWriter.number(x)) == x)
    }

    @Test func emptyBindingsAreAnEmptyObject() {
        #expect(JSONWriter.bindingsJSON([]) == "{}\n")
    }
}

@Suite struct HighlightTests {
    @Test(arguments: [
        "let step = attend(query: s0, keys: h, score: .additive(W1: W1, W2: W2, v: v))  // comment\nshow step.alpha",
        "let s = \"unterminated\nshow $ € 1e-3 −2",
        "",
        "\"bad \\q escape\" [[1, 2]] rows: src",
    ])
    func lossless(_ source: String) {
        #expect(highlight(source).map(\.text).joined() == source)
    }

    @Test func kinds() {
        let pieces = highlight("let w = softmax(x) @ m.T // c\nshow .dot $").filter { $0.kind != .whitespace }
        #expect(pieces.map(\.kind) == [.keyword, .name, .operator, .builtin, .punctuation, .name, .punctuation, .operator,
                                       .name, .punctuation, .name, .comment, .keyword, .scoreFunction, .error])
        #expect(pieces.first { $0.kind == .scoreFunction }?.text == ".dot")
    }
}

@Suite struct DiagnosticFormatterTests {
    @Test func caretCountsWideCharactersTwice() {
        let d = Diagnostic(at: SourceLocation(file: "l.md", line: 3, column: 4), id: "x", "unknown name `y`",
                           fix: "did you mean `x`?", sourceLine: "我爱 y")
        #expect(DiagnosticFormatter.format(d) == "l.md:3:4: error: unknown name `y`\n我爱 y\n     ^\nfix: did you mean `x`?\n")
    }

    @Test func colourOnlyWhenAsked() {
        let d = Diagnostic(at: SourceLocation(file: "f", line: 1, column: 1), id: "x", "m")
        #expect(!DiagnosticFormatter.format(d).contains("\u{1B}"))
        #expect(DiagnosticFormatter.format(d, color: true).contains("\u{1B}[1;31m"))
    }
}

@Suite struct RegistryTests {
    @Test func everyBuiltinIsDocumentedAndUnique() {
        let r = BuiltinRegistry.standard
        #expect(Set(r.names).count == r.names.count)
        for b in r.builtins {
            #expect(!b.summary.isEmpty && b.signature.hasPrefix(b.name))
        }
        for core in ["tokens", "random", "softmax", "concat", "attend"] { #expect(r[core] != nil) }
    }

    @Test func aRegistryCanBeExtended() {
        let extra = Builtin(name: "twice", signature: "twice(x)", summary: "2x.", group: "Test") { call in
            .number(2 * (try call.number(call.arguments[0], "x")))
        }
        let s = Session(file: "t", registry: BuiltinRegistry(BuiltinRegistry.standard.builtins + [extra]))
        #expect(s.run("show twice(21)").outputs.map(OutputText.render) == ["42"])
    }
}

@Test func explainAWholeDecoderStepGivesEveryStageInFlowOrder() {
    let s = Session(file: "t")
    let r = s.run("""
        let dec = bahdanau(encoder: [[1, 0], [0, 1]], targets: [[1, 1]], cell: rnn(input: 4, hidden: 2, seed: 1), score: .dot)
        explain dec.steps[0]
        """)
    #expect(r.diagnostics.isEmpty)
    // two scores, the softmax, the context, the input [y; a], the cell
    #expect(r.outputs.count == 6)
    guard let last = Explained(r.outputs.last) else { Issue.record("no explanation"); return }
    #expect(last.title == "one tanh RNN step")
}

/// An `explain` output as the renderers print it (title and each line's result), at the
/// precision the session stored with it.
struct Explained {
    var title: String
    var results: [String]

    init?(_ output: Output?) {
        guard case .explanation(let w, let precision)? = output else { return nil }
        let f = ArithmeticFormatter(precision: precision)
        title = f.string(w.title)
        results = w.lines.map { f.string($0.result) }
    }
}
