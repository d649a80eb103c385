import Foundation
import Testing
@testable import AttnbookCLI

/// `attnbook eval` through its core function: stdout, stderr and exit status, word for word.
struct EvalCase: Sendable, CustomTestStringConvertible {
    let script: String
    let stderr: String
    var testDescription: String { script.split(separator: "\n").first.map(String.init) ?? "" }
}

@Test("eval reports errors on stderr and exits 1", arguments: [
    EvalCase(script: "let x = [1, 2]\nlet w = sofmax(x)\n", stderr: """
        lesson.attn:2:9: error: unknown name `sofmax`
        let w = sofmax(x)
                ^
        fix: did you mean `softmax`?

        """),
    EvalCase(script: "let W = random(4, 3, seed: 1)\nshow W @ [1, 2, 3, 4]\n", stderr: """
        lesson.attn:2:8: error: `@` needs inner dimensions to match: 4×3 @ 4 — 3 ≠ 4
        show W @ [1, 2, 3, 4]
               ^

        """),
    EvalCase(script: "let = 1\nshow [1, 2\nshow 3 3\n", stderr: """
        lesson.attn:1:5: error: expected a name after `let`, found `=`
        let = 1
            ^
        lesson.attn:3:1: error: expected `,` or `]` to close the `[` opened at 2:6, found `show`
        show 3 3
        ^
        lesson.attn:3:8: error: expected the end of the line after a statement, found `3`
        show 3 3
               ^
        fix: put one statement per line

        """),
    EvalCase(script: "let s = tokens(\"我 爱\n", stderr: """
        lesson.attn:1:16: error: unterminated string: expected a closing `"` before the end of the line
        let s = tokens("我 爱
                       ^

        """),
    EvalCase(script: "show 0/0\n", stderr: """
        lesson.attn:1:7: error: `/` produced NaN (not a number, e.g. 0/0): expected a finite number
        show 0/0
              ^

        """),
])
func evalErrors(_ c: EvalCase) {
    let r = EvalCommand.evaluate(source: c.script, file: "lesson.attn", json: false)
    #expect(r.exitCode == 1)
    #expect(r.stderr == c.stderr)
    let j = EvalCommand.evaluate(source: c.script, file: "lesson.attn", json: true)
    #expect(j.exitCode == 1)
    #expect(j.stdout == "")
}

@Test func evalJSONPrintsOneObject() {
    let script = """
        let src = tokens("我 爱")
        let x = 0.5
        let m = [[1, 2], [3, 4]] rows: src
        let v = m @ [1, 1]
        let x = 2
        show v
        """
    let r = EvalCommand.evaluate(source: script, file: "<stdin>", json: true)
    #expect(r.exitCode == 0)
    #expect(r.stderr == "")
    #expect(r.stdout == """
        {
          "src": ["我", "爱"],
          "x": 2.0,
          "m": [
            [1.0, 2.0],
            [3.0, 4.0]
          ],
          "v": [3.0, 7.0]
        }

        """)
    #expect((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) != nil)
}

@Test func evalTextPrintsOutputsThenBindings() {
    let r = EvalCommand.evaluate(source: "let m = [[1, 2], [3, 4]] rows: \"a b\" cols: \"x y\"\nshow m[1]\n", file: "t", json: false)
    #expect(r.exitCode == 0)
    #expect(r.stdout == """
        m[1]
            x  y
            3  4

        m =
             x  y
          a  1  2
          b  3  4

        """)
}

@Test func builtinsListingHasEveryGroupAndCoreName() {
    let text = BuiltinsCommand.listing()
    for name in ["tokens(text)", "random(rows, cols, seed:)", "softmax(x, mask:, temperature:)", "concat(a, b)", ".additive("] {
        #expect(text.contains(name))
    }
}

@Test func noColorWins() {
    #expect(TerminalColor.enabled(forStandardError: true, environment: ["NO_COLOR": "1"]) == false)
}
