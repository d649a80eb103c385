import Foundation
import Testing
@testable import Notebook

/// `ProseScanner`, which reads per-`Character` codes and copies Markdown as slices, gives the
/// pieces of `ReferenceProseScanner` (the scanner as it was, on `Character`s) byte for byte: on
/// every prose block of every lesson, on edge cases and on a seeded mix of delimiters, combining
/// marks, CRLF, other scripts' spaces and digits, and every ASCII character.
@Suite struct ProseScannerEquivalenceTests {
    /// A piece as bytes, so canonically equivalent but different texts do not pass as equal.
    struct Piece: Equatable {
        var kind: String
        var text: [UInt8]
        var line = 0, column = 0
    }

    static func bytes(_ pieces: [ProsePiece]) -> [Piece] {
        pieces.map { piece in
            switch piece {
            case .markdown(let text): Piece(kind: "markdown", text: Array(text.utf8))
            case .math(let text, let display): Piece(kind: display ? "display" : "inline", text: Array(text.utf8))
            case .value(let text, let location):
                Piece(kind: "value:\(location.file)", text: Array(text.utf8), line: location.line, column: location.column)
            }
        }
    }

    func expectSame(_ text: String, firstLine: Int = 7, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let prose = Prose(text: text, firstLine: firstLine)
        let shown = text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
        #expect(Self.bytes(ProseScanner.scan(prose, file: "l.md")) == Self.bytes(ReferenceProseScanner.scan(prose, file: "l.md")),
                "\(shown)", sourceLocation: sourceLocation)
    }

    @Test func everyLessonsProseScansTheSame() throws {
        let folder = LessonLinePassTests.lessonsFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        var blocks = 0
        for name in names {
            let lesson = try LessonParser.parse(String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8), path: name)
            for case .prose(let prose) in lesson.blocks {
                expectSame(prose.text, firstLine: prose.firstLine)
                blocks += 1
            }
        }
        #expect(blocks > 100)
    }

    @Test(arguments: [
        "", "\n", "$", "$$", "$x$", "$ x$", "$x $", "$x$5", "$x$\u{0663}", "$x$\u{B2}", "$x$\u{3000}", "a\u{3000}$x$", "\u{A0}$x$",
        "$\u{301}x$", "$x$\u{301}", "$$x$$\u{301}$$", "\\$x$", "\\\\$x$", "`$x$`", "``$x$``", "`\u{301}$x$`", "\u{1FEF}$x$\u{1FEF}",
        "``a\u{1FEF}\u{1FEF}b``", "{= a }", "{=a}", "{= a\n b }", "{\u{301}= a }", "{=\u{301} a }", "{= α }", "\t{=\t\u{3000}a }",
        "e\u{301} {= x } 机器 {= y }", "a\r\nb {= x }", "a\r\n\r\n$x\r\ny$", "$x\n\ny$", "$x\n \t\ny$", "$x\ny$",
        "```\n$x$\n```\n$y$", "```\u{301}\n$x$\n", "\u{1FEF}\u{1FEF}\u{1FEF}\n$x$\n```\n$y$", "~~~\n$x$\n~~~~\n$y$",
        "    ```\n$x$\n", "  ```\n{= a }\n  ```\n{= b }", "```\n$x$", "\u{600}$x$", "\u{600}{= a }", "👨\u{200D}👩 $x$ {= a }",
        "🇨🇳🇺🇸$x$", "\u{1100}\u{1161}$x$", "$x$\u{0085}", "\u{85}$x$", "$\u{2028}x$",
    ])
    func edgeCasesScanTheSame(text: String) {
        expectSame(text)
    }

    /// Pieces of prose the mix draws from.
    static let tokens: [String] = {
        var tokens = ["$", "$", "$$", "\\", "`", "``", "{=", "{= ", "}", "\n", "\n", "\n\n", " ", "\t", "x", "a b", "42", "α",
                      "机器", "e\u{301}", "\u{301}", "\u{1FEF}", "\u{600}", "\u{200D}", "👩", "🇨", "\u{1100}", "\u{1161}",
                      "\r\n", "\r", "\u{A0}", "\u{3000}", "\u{85}", "\u{2028}", "\u{663}", "\u{B2}", "½", "```", "~~~",
                      "\n```\n", "\n~~~~\n", "\n   ```attn\n", "\n    ```\n", "\\$", "$x$", "$$y$$", "{= a }"]
        for b in 0..<0x80 { tokens.append(String(UnicodeScalar(UInt8(b)))) }
        return tokens
    }()

    @Test func aSeededMixScansTheSame() {
        var stream = LessonLinePassTests.Stream(state: 0x5CA7)
        for _ in 0..<4000 {
            var text = ""
            for _ in 0..<stream.next(40) { text += Self.tokens[stream.next(Self.tokens.count)] }
            expectSame(text, firstLine: 1 + stream.next(50))
        }
    }
}
