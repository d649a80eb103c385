import Foundation
import Testing
@testable import Notebook

/// The Foundation-free trimming agrees with `trimmingCharacters(in: .whitespaces)`.
@Suite struct WhitespaceTests {
    @Test func trimmingAgreesWithFoundationOnEveryKindOfSpace() {
        let spaces = [" ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{202F}", "\u{205F}", "\u{1680}"]
        let others = ["\r", "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2029}", "\r\n", "\u{200B}", "\u{FEFF}", "\u{2028}", "a", "é", "机", "---", "|", "e\u{301}", "\u{301}", "\u{1F1E8}", "\u{600}"]
        var cases: [String] = ["", "   ", "--- ", "\t---\t", " | --- | :-: | "]
        for a in spaces + others { for b in spaces + others { cases += [a + "x" + b, a + b, b + "机器 学习" + a, a + a + b] } }
        for s in cases {
            #expect(s.trimmingWhitespace == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Substring(s).trimmingWhitespace == s.trimmingCharacters(in: .whitespaces))
            #expect(s.trimmingWhitespaceAndNewlines == s.trimmingCharacters(in: .whitespacesAndNewlines))
            // From every scalar on, so a substring may start inside a `Character`; bytes compared
            // (`==` would call canonically equivalent results equal).
            for start in s.unicodeScalars.indices {
                let tail = s[start...]
                #expect(Array(tail.trimmingWhitespace.utf8) == Array(String(tail).trimmingCharacters(in: .whitespaces).utf8))
                #expect(Array(tail.trimmingWhitespaceAndNewlines.utf8) == Array(String(tail).trimmingCharacters(in: .whitespacesAndNewlines).utf8))
            }
        }
    }
}
