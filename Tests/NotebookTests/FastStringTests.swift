import Foundation
import Testing
@testable import Notebook

/// The hand-written string passes that replaced Foundation calls on the hot path give what
/// Foundation gives (the second formulation), on text built to catch the edge cases.
@Suite struct FastStringTests {
    static let samples = [
        "", "\n", "\n\n\r\n", "plain", "\n\nprose\n\n", "\r\nCRLF\r\n", "\u{2028}sep\u{2029}", "\u{85}x\u{0B}\u{0C}",
        " spaces stay \n", "\n 我 爱 \n", "mid\n\nline", "x\n\u{301}", "🙂\n",
        "a < b", "<b>bold</b>", "x<y", "<!-- c -->", "<?php", "< space", "<1", "<é", "<<a", "$<$", "<",
        "\\alpha_{t,i} < \\beta", "<\n", "a<Z and <z",
    ]

    @Test func trimmingNewlinesIsFoundationsTrim() {
        for s in Self.samples {
            #expect(s.trimmingNewlines == s.trimmingCharacters(in: .newlines), "\(s.debugDescription)")
        }
    }

    @Test func neutralizingTagStartsIsTheRegexReplacement() {
        for s in Self.samples {
            let regex = s.replacingOccurrences(of: #"<(?=[A-Za-z/!?])"#, with: #"\\lt "#, options: .regularExpression)
            #expect(s.neutralizingTagStarts == regex, "\(s.debugDescription)")
        }
        #expect("<b>x</b>".neutralizingTagStarts == "\\lt b>x\\lt /b>")
    }
}

/// The character check in front of `Fence`: fences in prose still protect their math, and lines
/// that only look like fences do not.
@Suite struct ProseFenceTests {
    func maths(_ text: String) -> [String] {
        ProseScanner.scan(Prose(text: text, firstLine: 1), file: "t.md").compactMap {
            if case .math(let m, _) = $0 { m } else { nil }
        }
    }

    @Test func fencesOfBackticksAndTildesUpToThreeSpacesKeepTheirDollarsAsText() {
        #expect(maths("a $x$\n```\n$y$\n```\nb $z$") == ["x", "z"])
        #expect(maths("a\n~~~~ text\n$y$\n~~~~\n$z$") == ["z"])
        #expect(maths("   ```\n$y$\n   ```\n$z$") == ["z"])
        // A shorter closer does not close; the fence runs to the end.
        #expect(maths("````\n$y$\n```\n$z$") == [])
    }

    @Test func linesThatOnlyLookLikeFencesAreProse() {
        #expect(maths("    ```\n$y$\n") == ["y"])        // four spaces: indented code, not a fence here
        #expect(maths("``x\n$y$") == ["y"])             // two backticks: an unclosed code span's run, not a fence
        #expect(maths("~~\n$y$") == ["y"])
        #expect(maths("``` a`b\n$y$") == ["y"])          // a backtick fence's info string has no backtick
        #expect(maths("x ```\n$y$") == ["y"])            // not at the line start
    }
}
