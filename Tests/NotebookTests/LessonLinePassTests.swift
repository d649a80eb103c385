import Foundation
import Testing
@testable import Notebook

/// The parser's line pass, which reads the file's bytes, finds exactly what the plain pass on
/// strings (`ReferenceLinePass`) finds: lines, blocks and their texts byte for byte, cells' options,
/// and the same diagnostics, on every lesson, on edge cases and on a seeded mix of such lines.
@Suite struct LessonLinePassTests {
    static let lessonsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")

    /// Parses `source` and compares it with the reference; returns whether the parse succeeded.
    @discardableResult
    func expectAgreement(_ source: String, scans: ProseScanMemo? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let reference = ReferenceLinePass.run(source)
        let shown = source.unicodeScalars.map { $0.isASCII && $0 != "\r" ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
        do {
            let lesson = try LessonParser.parse(source, path: "lessons/x.md", scans: scans)
            #expect(reference.problems.isEmpty, "\(shown)", sourceLocation: sourceLocation)
            #expect(lesson.sourceLines.map { Array($0.utf8) } == reference.lines.map { Array($0.utf8) }, "\(shown)", sourceLocation: sourceLocation)
            let blocks = lesson.blocks.map { block -> ReferenceLinePass.Block in
                switch block {
                case .prose(let prose):
                    return .init(isCell: false, text: Array(prose.text.utf8), firstLine: prose.firstLine)
                case .cell(let cell):
                    return .init(isCell: true, text: Array(cell.source.utf8), firstLine: cell.firstLine, hideCode: cell.options.hideCode,
                                 hideOutput: cell.options.hideOutput, expectError: cell.options.expectError, hasOptionsLine: cell.hasOptionsLine)
                }
            }
            #expect(blocks == reference.blocks, "\(shown)", sourceLocation: sourceLocation)
            return true
        } catch {
            // The YAML's own problems are not the line pass's (the reference does not read it).
            let problems = error.diagnostics.filter { !$0.id.hasPrefix("front-matter-") || ["front-matter-missing", "front-matter-unclosed"].contains($0.id) }.map {
                ReferenceLinePass.Problem(line: $0.location.line, column: $0.location.column, id: $0.id,
                                          message: Array($0.message.utf8), sourceLine: $0.sourceLine.map { Array($0.utf8) })
            }
            #expect(problems == reference.problems, "\(shown)", sourceLocation: sourceLocation)
            return false
        }
    }

    @Test func everyLessonAgrees() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.lessonsFolder.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 10)
        let memo = ProseScanMemo()
        for name in names {
            let source = try String(contentsOf: Self.lessonsFolder.appendingPathComponent(name), encoding: .utf8)
            #expect(expectAgreement(source), "\(name)")
            // As `serve` parses it: through a memo, after an edit, and with CRLF line ends.
            expectAgreement(source, scans: memo)
            expectAgreement(source.replacingOccurrences(of: "\n\n", with: "\n\nLive edit marker: m1.\n\n"), scans: memo)
            expectAgreement(source.replacingOccurrences(of: "\n", with: "\r\n"))
            expectAgreement(String(source.dropLast()))
        }
    }

    static let frontMatter = "---\ntitle: T\n---\n"

    @Test(arguments: [
        "", "\n", "\n\n", "---", "---\n", "---\ntitle: T\n", frontMatter, "---\ntitle: T\n---", "---\ntitle: T\n...\n",
        " --- \ntitle: T\n\t---\t\n\ntext\n", "\u{3000}---\ntitle: T\n---\u{A0}\ntext", "# no front matter\n\ntext\n```attn\nlet x = 1\n```\n",
        frontMatter + "text", frontMatter + "text\n", frontMatter + "text\n\n", frontMatter + "text\n\n\n", frontMatter + "\n\n",
        frontMatter.replacingOccurrences(of: "\n", with: "\r\n") + "a\r\nb\r\n```attn\r\nlet x = 1\r\n```\r\nc\r\n",
        frontMatter + "a\rb\r\n\r\rc", frontMatter + "\r\n",
        frontMatter + "```attn\nlet x = 1", frontMatter + "```attn\nlet x = 1\n", frontMatter + "```attn", frontMatter + "```attn\n",
        frontMatter + "text\n```python\nx = 1\n", frontMatter + "````attn\nlet x = 1\n```\nstill code\n`````\nafter\n",
        frontMatter + "~~~attn\nlet x = 1\n```\n~~~\n", frontMatter + "~~~~ attn hide-code\nlet x = 1\n~~~~~  \t\nafter\n",
        frontMatter + " ```attn\nx\n   ```\n", frontMatter + "  ```attn\nx\n    ```\n```\n", frontMatter + "   ```attn\nx\n```\n",
        frontMatter + "    ```attn\nx\n```\ny\n", frontMatter + "\t```attn\nx\n```\n",
        frontMatter + "```python\n```attn\nx\n```\nafter\n```attn\ny\n```\n",
        frontMatter + "```attn hide-code, expect-error\n//| hide-output\nfail\n```\n",
        frontMatter + "```attn\n  \t//| hide-code   expect-error\nlet x = 1\n```\n", frontMatter + "```attn\nx //| hide-code\n```\n",
        frontMatter + "```attn\n//|\u{301} hide-code\n```\n", frontMatter + "```attn\n//|\n```\n", frontMatter + "```attn\n//|机 hide-code\n```\n", frontMatter + "```attn\n//|\u{903} hide-code\n```\n", frontMatter + "```attn\n\t//|\u{A0}hide-code\n```\n",
        frontMatter + "```attn\n //|\u{1FEF}hide-code\n```\n", frontMatter + "```attn\n\u{3000}//| hide-code\n```\n", frontMatter + "```attn\n//\u{301}| hide-code\n```\n", frontMatter + "```attn bogus, hide-cod\n//| also-bogus 机器\n```\n",
        frontMatter + "```attn\u{3000}hide-code\nx\n```\n", frontMatter + "```\tattn\nx\n```\n", frontMatter + "```attn\thide-code\nx\n```\n",
        frontMatter + "```attnx\nx\n```\n", frontMatter + "``` attn  hide-output \nx\n```\n", frontMatter + "```attn `x`\nx\n```\n",
        frontMatter + "~~~attn `x`\nx\n~~~\n", frontMatter + "```attn\u{301}\nx\n```\n", frontMatter + "```\u{301}attn\nx\n```\n",
        frontMatter + "\u{1FEF}\u{1FEF}\u{1FEF}attn\nx\n```\n", frontMatter + "``\u{1FEF}attn\nx\n\u{1FEF}``\n",
        frontMatter + "```attn\nx\n``\u{301}`\n```\n", frontMatter + " \u{301}```attn\nx\n```\n", frontMatter + "```a\u{1FEF}b\nx\n```\n", frontMatter + "```x`\u{903}\nx\n```\n", frontMatter + "```\u{600}\u{1FEF}\nx\n```\n",
        frontMatter + "```机器 学习\n我 爱\n```\n", frontMatter + "```αβ\nα\n```\n", frontMatter + "```attn 机器\nx\n```\n",
        frontMatter + "我 爱 机器 学习\n\n```attn\nlet α = 1\n```\nΑυτό\n",
        frontMatter + "\t\n \t \n", frontMatter + "\u{A0}\n\u{3000}\n", frontMatter + "\u{A0}x\n", frontMatter + " \u{200B}\t\n",
        frontMatter + "\u{2028}\n", frontMatter + "\u{85}\n", frontMatter + "e\u{301}\n", frontMatter + " \u{301}\n",
        frontMatter + "```attn\nx\n```\n\t\n\u{3000}\n```attn\ny\n```\n \u{A0} \n",
    ])
    func edgeCasesAgree(source: String) {
        expectAgreement(source)
    }

    /// Lines that exercise the pass: fences of every kind, options lines, blank lines of every
    /// kind of space, CR, non-ASCII and combining marks.
    static let lines = [
        "", "", "", " ", "\t", " \t ", "\u{A0}", "\u{3000}", " \u{3000} ", "\u{200B}", "\u{2003}x", "\r", "a\rb",
        "Some prose with `code` and $x$.", "我 爱 机器 学习", "α = softmax(e), {= a }", "e\u{301}", " \u{301}", "---", "...",
        "```", "```", "````", "`````", "~~~", "~~~~", " ```", "  ```", "   ```", "    ```", "``` \t", "~~~~  ", "``\u{301}`",
        "```attn", "```attn", "```attn hide-code", "```attn hide-output, expect-error", "```attn bogus", "```attnx", "``` attn",
        "```\tattn", "```\u{3000}attn hide-code", "~~~attn", "  ~~~attn expect-error", "````attn", "```attn `x`",
        "```python", "```机器", "```α", "```attn\u{301}", "\u{1FEF}\u{1FEF}\u{1FEF}", "``\u{1FEF}attn", "```a\u{1FEF}",
        "let x = 1", "//| hide-code", "  //| hide-output expect-error", "\t//| bogus, 机器", "//|\u{301} hide-code", "//|\u{903} hide-output", "\u{600}//| hide-code",
        "x //| hide-code", "// comment", "fail",
    ]

    /// A deterministic SplitMix64 stream (Vigna), so the mix is the same on every run.
    struct Stream {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test func aSeededMixOfLinesAgrees() {
        var stream = Stream(state: 2026)
        let heads = [Self.frontMatter, Self.frontMatter, Self.frontMatter, "", "---\ntitle: T\n", "---\ntitle: T\n...\n"]
        var parsed = 0
        for _ in 0..<3000 {
            var body: [String] = []
            for _ in 0..<stream.next(24) { body.append(Self.lines[stream.next(Self.lines.count)]) }
            let separator = stream.next(4) == 0 ? "\r\n" : "\n"
            let ending = ["", separator, separator + separator][stream.next(3)]
            var head = heads[stream.next(heads.count)]
            if separator == "\r\n" { head = head.replacingOccurrences(of: "\n", with: "\r\n") }
            if expectAgreement(head + body.joined(separator: separator) + ending) { parsed += 1 }
        }
        // Most cases parse (their blocks were compared), and some fail (their diagnostics were).
        #expect(parsed > 1000 && parsed < 2900, "\(parsed)")
    }
}
