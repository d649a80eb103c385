import AttentionEngine
import Foundation
import LessonScript
import Testing
@testable import Notebook

/// What the page script needs for the interactive figures (issue 11): inline values that know
/// what they show, heatmap cells and lines it can find, heads to choose from, the worked steps
/// of a stepped-through alignment, and generations that keep a rebound name apart.
@Suite struct InteractiveFigureTests {
    @Test(arguments: [
        ("step.alpha[1]", Value.number(0.3), "step.alpha", 0, 1),
        ("mh.heads[0][1, 3]", .number(0.9), "mh.heads[0]", 1, 3),
        (" K[0,0] ", .number(1), "K", 0, 0),
        ("x", .number(2), "x", nil, nil),
    ] as [(String, Value, String, Int?, Int?)])
    func anEntryOfAPathKnowsItsPlace(expression: String, value: Value, path: String, row: Int?, column: Int?) throws {
        let origin = try #require(InlineOrigin.of(expression, value: value, line: 7))
        #expect(origin.path == path && origin.row == row && origin.column == column && origin.line == 7)
        #expect(origin.expression == expression.trimmingCharacters(in: .whitespaces))
        #expect(origin.binding == String(path.prefix { $0 != "." && $0 != "[" }))
    }

    @Test func aRowOrAWholeVectorIsAnOriginTooButArithmeticIsNot() throws {
        let row = try #require(InlineOrigin.of("att.alignment[2]", value: .vector(Vector([0.5, 0.5])), line: 1))
        #expect(row.path == "att.alignment" && row.row == 2 && row.column == nil)
        let whole = try #require(InlineOrigin.of("qkv.a", value: .vector(Vector([1, 2])), line: 1))
        #expect(whole.path == "qkv.a" && whole.row == nil && whole.column == nil)
        for text in ["top[2] * (1 - top[2])", "sqrt(3)", "a[-1]", "a[1, 2, 3]", "a.", "1", "a[x]"] {
            #expect(InlineOrigin.of(text, value: .number(1), line: 1) == nil, "\(text)")
        }
    }

    static let lesson = """
        ---
        title: Interactive
        ---

        ```attn
        let x = [[0.2, -0.4, 0.1, 0.5], [0.9, 0.0, -0.3, -0.2], [0.1, 0.8, 0.5, 0.3]] rows: tokens("a b c")
        let mh = multihead(x, heads: 2, Wq: random(4, 4, seed: 1) * 2, Wk: random(4, 4, seed: 2) * 2, Wv: random(4, 4, seed: 3), Wo: random(4, 4, seed: 4))
        heatmap mh.heads[1]
        heatmap x
        show mh.mean
        ```

        Entry {= mh.heads[1][0, 2] }, twice {= mh.heads[1][0, 2] * 2 }.

        ```attn
        let h = [[0.2, -0.4, 0.1], [0.9, 0.0, -0.3]] rows: tokens("我 爱")
        let y = random(3, 2, seed: 3) rows: tokens("<s> I love")
        let cell = rnn(input: 5, hidden: 3, seed: 7)
        let run = bahdanau(encoder: h, targets: y, cell: cell, state: [0.5, -0.1, 0.3], score: .dot)
        lines run.alignment rows: tokens("I love it")
        explain run.steps[1].alpha
        let mh = multihead(x, heads: 2, Wq: random(4, 4, seed: 5), Wk: random(4, 4, seed: 6), Wv: random(4, 4, seed: 7), Wo: random(4, 4, seed: 8))
        show mh.mean
        ```

        Again {= mh.mean[0, 1] }.
        """

    static func page() throws -> String {
        let parsed = try LessonParser.parse(lesson, path: "lessons/05-i.md")
        return HTMLRenderer.render(try NotebookRunner.run(parsed, kernel: Session(file: parsed.path))).body
    }

    /// The text between `start` and the next `end`.
    static func piece(_ html: String, from start: String, to end: String) throws -> String {
        let a = try #require(html.range(of: start))
        let b = try #require(html.range(of: end, range: a.upperBound..<html.endIndex))
        return String(html[a.lowerBound..<b.upperBound])
    }

    @Test func inlineValuesCarryWhatTheyShowAndArithmeticDoesNot() throws {
        let html = try Self.page()
        #expect(html.contains(#"Entry <span class="value" data-expression="mh.heads[1][0, 2]" data-of="mh.heads[1]" data-r="0" data-c="2" data-line="13">"#))
        #expect(html.contains(#", twice <span class="value">"#))
    }

    @Test func aHeadHeatmapCarriesEveryHeadAndTheMean() throws {
        let html = try Self.page()
        let figure = try Self.piece(html, from: #"<figure class="output figure heatmap" data-expression="mh.heads[1]""#, to: "</figure>")
        #expect(figure.contains(#"data-head-base="mh" data-head-names="heads[0] heads[1] mean""#))
        let values = try #require(figure.components(separatedBy: #"data-head-values=""#).last?.prefix { $0 != "\"" })
        let sets = values.split(separator: "|").map { $0.split(separator: ";").map { $0.split(separator: " ").map(String.init) } }
        #expect(sets.count == 3 && sets.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.count == 3 } })
        // Head 1's labels are the drawing's own, cell by cell (row i of the SVG is `<g data-r="i">`).
        let drawn = (0..<3).map { i -> [String] in
            let row = (try? Self.piece(figure, from: "<g data-r=\"\(i)\">", to: "</g>")) ?? ""
            return row.components(separatedBy: "</title>").dropLast().map { String($0.split(separator: " ").last ?? "") }
        }
        #expect(drawn == sets[1])
        // The mean is the average of the two heads, to the printed precision.
        for i in 0..<3 {
            for j in 0..<3 {
                let h0 = Double(sets[0][i][j])!, h1 = Double(sets[1][i][j])!, mean = Double(sets[2][i][j])!
                #expect(abs((h0 + h1) / 2 - mean) <= 1e-4 + 1e-12)
            }
        }
        // A heatmap of anything else offers no heads.
        let plain = try Self.piece(html, from: #"<figure class="output figure heatmap" data-expression="x""#, to: "</figure>")
        #expect(!plain.contains("data-head-"))
    }

    @Test func linesOfADecoderRunCarryEveryStepsWorkedSoftmax() throws {
        let html = try Self.page()
        // Relabelled rows still show `run.alignment`, so the figure links by its binding.
        let figure = try Self.piece(html, from: #"<figure class="output figure attentionLines" data-expression="run.alignment" data-binding="run" data-field="alignment""#,
                                    to: "</figure>")
        #expect(figure.contains("<details class=\"step-workings\">"))
        #expect((0..<3).allSatisfy { figure.contains("<div class=\"step-working\" data-step=\"\($0)\">") })
        #expect(figure.contains("<p>Step 1 (love): α = softmax(e)</p>"))
        // Step 1's working is what `explain run.steps[1].alpha` prints on the same page.
        let explained = try Self.piece(html, from: #"<figure class="output explanation">"#, to: "</figure>")
        let pre = try Self.piece(explained, from: "<pre>", to: "</pre>")
        let step1 = try Self.piece(figure, from: "<div class=\"step-working\" data-step=\"1\">", to: "</div>")
        #expect(step1.contains(pre))
        // Each line names its source position.
        #expect(figure.contains("<line data-i=\"0\"") && figure.contains("<line data-i=\"1\""))
    }

    @Test func aReboundNameLinksApart() throws {
        let html = try Self.page()
        let tables = html.components(separatedBy: "<table class=\"numbers\" data-expression=\"mh.mean\"").dropFirst().map { String($0.prefix(80)) }
        #expect(tables.count == 2)
        #expect(!tables[0].contains("data-gen") && tables[1].contains(#"data-line="23" data-gen="2">"#))
        #expect(html.contains(#"Again <span class="value" data-expression="mh.mean[0, 1]" data-of="mh.mean" data-r="0" data-c="1" data-line="26" data-gen="2">"#))
    }
}
