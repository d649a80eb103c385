import Foundation
@testable import LessonScript
import Testing
@testable import Notebook

/// Cached cells moved by lines of prose: their locations move with them, and a cell whose results
/// point outside itself is never taken from the cache.
@Suite struct CellCacheLocationTests {
    /// The script session, except that a cell holding `// elsewhere` shows outputs that point at
    /// line 1 — outside the cell, as an output pointing at another cell would.
    final class PointingKernel: CachingKernel {
        let session: Session
        init(file: String) { session = Session(file: file, precision: 4) }

        var bindings: [(name: String, value: Value)] { session.bindings }
        var bindingGenerations: [Int] { session.bindingGenerations }
        var cacheSalt: String { session.cacheSalt }
        func run(_ source: String, firstLine: Int) -> CellResult { runRecording(source, firstLine: firstLine).0 }
        func evaluate(_ expression: String, at location: LessonScript.SourceLocation) -> Result<Value, Diagnostic> {
            session.evaluate(expression, at: location)
        }
        func runRecording(_ source: String, firstLine: Int) -> (CellResult, CellEffects) {
            var (result, effects) = session.runRecording(source, firstLine: firstLine)
            if source.contains("// elsewhere") {
                result.outputs = result.outputs.map { $0.mappingLocations { LessonScript.SourceLocation(file: $0.file, line: 1, column: 1) } }
            }
            return (result, effects)
        }
        func replay(_ effects: CellEffects) { session.replay(effects) }
        func referencedNames(in source: String, firstLine: Int) -> [String]? { session.referencedNames(in: source, firstLine: firstLine) }
        func namedCall(_ name: String) -> BuiltinCall? { session.namedCall(name) }
    }

    static func lesson(prose: String) -> String {
        """
        ---
        title: Moved cells
        ---

        \(prose)
        ```attn
        let w = softmax([1.0, 2.0, 3.0])
        show w
        ```

        Between.

        ```attn
        // elsewhere
        show w * 2
        ```

        ```attn
        explain w
        show w + 1
        ```

        """
    }

    /// The lesson run through a cache in `folder`; the cache's hits and misses.
    static func run(_ text: String, cache folder: String?) throws -> (NotebookDocument, hits: Int, misses: Int) {
        let lesson = try LessonParser.parse(text, path: "moved.md")
        let cache = CellCache(directory: folder, version: "test").lesson("moved")
        let document = try NotebookRunner.run(lesson, kernel: PointingKernel(file: "moved.md"), cache: cache)
        cache.save()
        return (document, cache.hits, cache.misses)
    }

    static func cells(_ document: NotebookDocument) -> [RunCell] {
        document.blocks.compactMap { if case .cell(let c) = $0 { c } else { nil } }
    }

    /// Every provenance line of a cell's outputs.
    static func lines(_ cell: RunCell) -> [Int] {
        cell.outputs.compactMap { if case .table(let t) = $0 { t.provenance?.location.line } else { nil } }
    }

    @Test func movedCellsReplayWithMovedLinesAndOnesPointingElsewhereRunAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-moved-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try Self.run(Self.lesson(prose: "Intro.\n"), cache: folder)
        #expect(first.hits == 0 && first.misses == 3)
        // Three lines of prose above every cell.
        let moved = Self.lesson(prose: "Intro.\n\nTwo more\nlines.\n")
        let second = try Self.run(moved, cache: folder)
        // The cell pointing outside itself was not stored: it runs again; the others are replayed.
        #expect(second.hits == 2 && second.misses == 1)
        let fresh = try Self.run(moved, cache: nil)
        let (replayed, clean) = (Self.cells(second.0), Self.cells(fresh.0))
        #expect(replayed.count == 3 && clean.count == 3)
        for (a, b) in zip(replayed, clean) {
            #expect(a.firstLine == b.firstLine)
            #expect(a.outputs == b.outputs, "cell at line \(a.firstLine)")
        }
        // The lines are the new ones, counted by hand: `show w` is on line 12, `show w + 1` on 24.
        #expect(Self.lines(replayed[0]) == [12])
        #expect(Self.lines(replayed[1]) == [1])
        #expect(Self.lines(replayed[2]) == [24])
        // No render key from the cell pointing elsewhere on, so no stale rendering can come back.
        #expect(replayed[0].renderKey != nil && replayed[1].renderKey == nil && replayed[2].renderKey == nil)
        // `explain w` in the third cell comes from the cache too, the same after the move.
        #expect(replayed[2].outputs.contains { if case .explanation = $0 { true } else { false } })
    }

    /// The hash that keys the cells reading a named call leaves the call's locations out, so a
    /// cell reading `w` is the same cell whether `w`'s call moved or not; its value still counts.
    @Test func aNamedCallIsHashedWithoutItsLocations() throws {
        let call = BuiltinCall(name: "softmax", location: LessonScript.SourceLocation(file: "a.md", line: 4, column: 9),
                               arguments: [.init(label: nil, value: .number(1), location: LessonScript.SourceLocation(file: "a.md", line: 4, column: 17))],
                               declaredLabels: ["temperature"])
        let moved = call.mappingLocations { LessonScript.SourceLocation(file: $0.file, line: $0.line + 3, column: $0.column) }
        #expect(moved.location.line == 7 && moved.arguments[0].location.line == 7 && moved.arguments[0].location.column == 17)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(call) != encoder.encode(moved))
        #expect(try encoder.encode(call.valueIdentity) == encoder.encode(moved.valueIdentity))
        let other = BuiltinCall(name: "softmax", location: call.location,
                                arguments: [.init(label: nil, value: .number(2), location: call.arguments[0].location)],
                                declaredLabels: ["temperature"])
        #expect(try encoder.encode(call.valueIdentity) != encoder.encode(other.valueIdentity))
    }
}

/// Remembered renderings moved to new lines rewrite only the numbers the renderers wrote, and
/// refuse anything else.
@Suite struct MovedRenderingTests {
    @Test func aCellsHTMLMovesItsOwnLinesAndRefusesOthers() {
        let html = "<table data-expression=\"w\" data-line=\"12\"><tr><td>data-line=&quot;9&quot;</td></tr></table><figure data-line=\"14\">"
        #expect(MovedRendering.html(html, madeFor: [12, 14], lines: [15, 17])
                == "<table data-expression=\"w\" data-line=\"15\"><tr><td>data-line=&quot;9&quot;</td></tr></table><figure data-line=\"17\">")
        #expect(MovedRendering.html(html, madeFor: [12, 14], lines: [10, 12])?.contains("data-line=\"10\"") == true)
        // A line outside the cell, a cell of another length, a number that does not read.
        #expect(MovedRendering.html(html, madeFor: [13, 14], lines: [16, 17]) == nil)
        #expect(MovedRendering.html(html, madeFor: [12, 14], lines: [15, 18]) == nil)
        #expect(MovedRendering.html("<p data-line=\"x\">", madeFor: [1, 2], lines: [3, 4]) == nil)
    }

    @Test func theJSONMovesEachCellsLineAndNothingElse() {
        let json = "{\n  \"bindings\": {\n    \"line\": 7\n  },\n  \"cells\": [\n    {\n      \"line\": 7,\n      \"bound\": {}\n    },\n    {\n      \"line\": 12,\n      \"bound\": {}\n    }\n  ]\n}\n"
        #expect(MovedRendering.json(json, madeFor: [7, 12], lines: [9, 15]) == json
            .replacingOccurrences(of: "\"line\": 7,", with: "\"line\": 9,").replacingOccurrences(of: "\"line\": 12,", with: "\"line\": 15,"))
        #expect(MovedRendering.json(json, madeFor: [7, 11], lines: [9, 15]) == nil)
        #expect(MovedRendering.json(json, madeFor: [7], lines: [9]) == nil)
        #expect(MovedRendering.json(json, madeFor: [7, 12, 20], lines: [9, 15, 22]) == nil)
    }
}
