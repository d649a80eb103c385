import Testing
@testable import Notebook

/// Prose scanned through `ProseScanMemo` (a lesson parsed again after an edit) has the pieces a
/// fresh scan gives, inline values' lines included when a block moved.
@Suite struct ProseScanMemoTests {
    func pieces(_ lesson: Lesson) -> [[ProsePiece]] {
        lesson.blocks.compactMap { if case .prose(let p) = $0 { p.pieces(file: lesson.path) } else { nil } }
    }

    @Test func rememberedBlocksGiveTheScansOfAFreshParse() throws {
        let memo = ProseScanMemo()
        let first = "---\ntitle: T\n---\n\nIntro {= 1 + 1 } and $x$.\n\n```attn\nlet a = 2\n```\n\nAfter: {= a } and {= a * 2 }.\n"
        let edits = [
            first,
            first.replacingOccurrences(of: "Intro", with: "A longer intro\n\nover lines, {= 3 },"),
            first.replacingOccurrences(of: "let a = 2", with: "let a = 2\nlet b = 3\nlet c = 4"),
            first + "\nA new block with {= a + 1 }.\n",
        ]
        for source in edits {
            let viaMemo = try LessonParser.parse(source, path: "l.md", scans: memo)
            let fresh = try LessonParser.parse(source, path: "l.md")
            #expect(pieces(viaMemo) == pieces(fresh), "\(source)")
        }
    }

    /// Blocks of one length that differ only in the middle (same first and last hundred bytes)
    /// are different blocks to the memo.
    @Test func blocksThatDifferOnlyInTheMiddleAreToldApart() throws {
        let memo = ProseScanMemo()
        let pad = String(repeating: "prose ", count: 20)
        func lesson(_ middles: [String]) -> String {
            "---\ntitle: T\n---\n\n" + middles.map { pad + $0 + pad + "\n\n```attn\nlet a = 1\n```\n\n" }.joined()
        }
        for source in [lesson(["{= 1 }", "$xy$ ", "{= 2 }"]), lesson(["{= 2 }", "{= 1 }", "$yx$ "]), lesson(["$xy$ ", "{= 3 }", "{= 1 }"])] {
            let viaMemo = try LessonParser.parse(source, path: "l.md", scans: memo)
            let fresh = try LessonParser.parse(source, path: "l.md")
            #expect(pieces(viaMemo) == pieces(fresh))
        }
    }
}
