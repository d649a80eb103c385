import Foundation
import LessonScript
import Testing
@testable import Notebook

@Suite struct LessonParserTests {
    func diagnostics(_ source: String) -> [String] {
        do {
            _ = try runSample(source, path: "lessons/x.md")
            return []
        } catch {
            return (error as? LessonError)?.diagnostics.map { String(DiagnosticFormatter.format($0).dropLast()) } ?? ["\(error)"]
        }
    }

    @Test func frontMatterAndCells() throws {
        let lesson = try LessonParser.parse(sampleLesson, path: "lessons/02-one-step.md")
        #expect(lesson.slug == "02-one-step")
        #expect(lesson.order == 2)
        #expect(lesson.frontMatter == FrontMatter(title: "One step, every number", summary: "Scores, weights & the context.", precision: 4))
        let cells = lesson.blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
        #expect(cells.map(\.firstLine) == [12, 22, 28, 32])
        #expect(cells.map(\.options) == [CellOptions(), CellOptions(hideCode: true), CellOptions(expectError: true), CellOptions(hideOutput: true)])
    }

    @Test(arguments: [
        ("---\nsummary: s\n---\n", "lessons/x.md:1:1: error: front matter needs a `title`, found none\n---\n^\nfix: add `title: …` between the `---` lines"),
        ("---\ntitle: T\nprecision: lots\n---\n", "lessons/x.md:3:12: error: `precision` must be a whole number from 0 to 12, found `lots`\nprecision: lots\n           ^"),
        ("---\ntitle: T\n---\n\n```attn hide-cod\nlet x = 1\n```\n", "lessons/x.md:5:9: error: unknown cell option `hide-cod`; expected one of `hide-code`, `hide-output`, `expect-error`\n```attn hide-cod\n        ^"),
        ("---\ntitle: T\n---\n\n```attn expect-error\nlet x = 1\n```\n", "lessons/x.md:5:1: error: this cell is marked `expect-error` but ran without an error\n```attn expect-error\n^\nfix: remove `expect-error`, or make the cell fail as the lesson intends"),
        ("---\ntitle: T\n---\n\ntext\n\n```attn\nlet x = 1\nfail\n```\n", "lessons/x.md:9:1: error: cell failed on purpose\nfail\n^"),
        ("---\ntitle: T\nsummary: says `order: 0`.\n---\n", "lessons/x.md:3:22: error: front matter is not valid YAML: mapping values are not allowed in this context\nsummary: says `order: 0`.\n                     ^"),
        ("# no front matter\n", "lessons/x.md:1:1: error: expected YAML front matter with a `title` (a first line `---`), found none\n# no front matter\n^\nfix: start the file with `---`, `title: …`, `---`"),
    ])
    func errorsAreLocated(source: String, expected: String) {
        #expect(diagnostics(source) == [expected])
    }

    @Test func optionsOnAFirstLineComment() throws {
        let doc = try runSample("---\ntitle: T\n---\n\n```attn\n//| hide-output, expect-error\nlet x = 1\nfail\n```\n", path: "lessons/x.md")
        guard case .cell(let cell) = doc.blocks[0] else { Issue.record("no cell"); return }
        #expect(cell.options == CellOptions(hideOutput: true, expectError: true))
        #expect(cell.source == "let x = 1\nfail")
        #expect(cell.outputs.isEmpty)
        #expect(diagnostics("---\ntitle: T\n---\n\n```attn\n  //| hide-code bogus\n```\n")
                == ["lessons/x.md:6:17: error: unknown cell option `bogus`; expected one of `hide-code`, `hide-output`, `expect-error`\n  //| hide-code bogus\n                ^"])
    }

    @Test func expectedErrorIsShownAsOutput() throws {
        let doc = try runSample("---\ntitle: T\n---\n\n```attn expect-error\nfail\n```\n", path: "lessons/x.md")
        guard case .cell(let cell) = doc.blocks[0] else { Issue.record("no cell"); return }
        #expect(cell.outputs == [.error("x.md:6:1: error: cell failed on purpose\nfail\n^")])
    }

    @Test func codeFencesThatAreNotAttnStayProse() throws {
        let lesson = try LessonParser.parse("---\ntitle: T\n---\n\n````markdown\n```attn\nlet x = 1\n```\n````\n", path: "x.md")
        #expect(lesson.blocks.count == 1)
    }

    @Test func figureNamesAreUniquePerLesson() throws {
        let doc = try runSample("---\ntitle: T\n---\n\n```attn\nheatmap 1 4\nheatmap 2 4\nlines\nbars\n```\n")
        #expect(doc.figures.map(\.file) == ["step-alpha.svg", "step-alpha-2.svg", "step-alpha-lines.svg", "alpha2-bars.svg"])
    }
}
