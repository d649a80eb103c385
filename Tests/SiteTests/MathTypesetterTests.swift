import Foundation
import Notebook
import Testing
@testable import Site

/// Build-time math: KaTeX in one node process, a cache that spares node on a warm build, and the
/// substitution of MathML for the TeX spans of a page.
@Suite struct MathTypesetterTests {
    static let katex = URL(fileURLWithPath: "/usr/share/javascript/katex/katex.js")
    static var available: Bool { MathTypesetter.findNode() != nil && FileManager.default.fileExists(atPath: katex.path) }

    func temporaryCache() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("attnbook-math-\(UUID().uuidString)/.attnbook/math-cache.tsv")
    }

    @Test(.enabled(if: MathTypesetterTests.available)) func warmBuildNeedsNoNodeAndCorruptLinesAreRedone() throws {
        let cache = temporaryCache()
        defer { try? FileManager.default.removeItem(at: cache.deletingLastPathComponent().deletingLastPathComponent()) }
        let spans: Set<MathSpan> = [MathSpan(source: "\\alpha_t", display: false),
                                    MathSpan(source: "a\tb\\\\c", display: true),
                                    MathSpan(source: "\\frac{1}{", display: false)]
        let cold = MathTypesetter(katexScript: Self.katex, cacheFile: cache).typeset(spans)
        #expect(cold.note == nil)
        guard case .mathml(let alpha) = try #require(cold.table[MathSpan(source: "\\alpha_t", display: false)]) else {
            Issue.record("no MathML for \\alpha_t"); return
        }
        #expect(alpha.hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><semantics><mrow><msub><mi>α</mi><mi>t</mi></msub>"))
        #expect(alpha.hasSuffix("<annotation encoding=\"application/x-tex\">\\alpha_t</annotation></semantics></math>"))
        guard case .mathml(let display) = try #require(cold.table[MathSpan(source: "a\tb\\\\c", display: true)]) else {
            Issue.record("no MathML for the display formula"); return
        }
        #expect(display.contains("display=\"block\""))
        guard case .error(let message) = try #require(cold.table[MathSpan(source: "\\frac{1}{", display: false)]) else {
            Issue.record("an unclosed brace must be an error"); return
        }
        #expect(message.contains("KaTeX parse error"))

        // Warm: no node at all, the two good formulas come from the cache (the error is not cached).
        var offline = MathTypesetter(katexScript: Self.katex, cacheFile: cache)
        offline.node = nil
        let good = spans.filter { !$0.source.hasPrefix("\\frac") }
        let warm = offline.typeset(good)
        #expect(warm.note == nil)
        #expect(warm.table[MathSpan(source: "\\alpha_t", display: false)] == .mathml(alpha))
        #expect(warm.table[MathSpan(source: "a\tb\\\\c", display: true)] == .mathml(display))

        // A damaged line is dropped and only its formula is typeset again.
        let lines = try String(contentsOf: cache, encoding: .utf8).split(separator: "\n").map { line in
            line.hasPrefix("i\t\\\\alpha_t\t") ? String(line.dropLast(3)) : String(line)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: cache, atomically: true, encoding: .utf8)
        let damaged = offline.typeset(good)
        #expect(damaged.table[MathSpan(source: "\\alpha_t", display: false)] == nil)
        #expect(damaged.note?.contains("node not found") == true)
        let redone = MathTypesetter(katexScript: Self.katex, cacheFile: cache).typeset(good)
        #expect(redone.table[MathSpan(source: "\\alpha_t", display: false)] == .mathml(alpha))
        #expect(offline.typeset(good).table.count == 2)

        // Another KaTeX (another file: another identity) ignores the old cache.
        let otherKaTeX = cache.deletingLastPathComponent().appendingPathComponent("katex.js")
        try Data("module.exports = {}".utf8).write(to: otherKaTeX)
        var other = MathTypesetter(katexScript: otherKaTeX, cacheFile: cache)
        other.node = nil
        #expect(other.typeset(good).table.isEmpty)
    }

    @Test func cacheEscapesRoundTrip() {
        for s in ["plain", "tab\there", "new\nline", "back\\slash\\n", "\\", ""] {
            #expect(TSVField.unescape(Array(TSVField.escape(s).utf8)) == s)
        }
        #expect(TSVField.unescape(Array("dangling\\".utf8)) == nil)
        #expect(TSVField.unescape(Array("bad\\q".utf8)) == nil)
        #expect(TSVField.unescape([0x61, 0xFF]) == nil)   // not UTF-8
        #expect(TSVField.unescape(Array("\\n\\".utf8)) == nil)   // an escape, then a dangling one
        #expect(TSVField.unescape(Array("a\\\\\\tb\\nc\\\\".utf8)) == "a\\\tb\nc\\")  // escapes next to each other and last
        // The same answers for bytes that are not in one piece (read one at a time), and for a
        // slice in the middle of a line (as the cache files are read).
        let line = Array("key\tx\t\\y\tz".utf8)
        for s in ["plain", "tab\there", "é\\\n…", "\\", ""] {
            let escaped = TSVField.escape(s)
            #expect(TSVField.unescape(escaped.utf8.lazy.map { $0 }) == s)
            let padded = Array(("x\t" + escaped + "\ty").utf8)
            #expect(TSVField.unescape(padded[2..<(padded.count - 2)]) == s)
        }
        #expect(TSVField.unescape(line[4...]) == nil)   // an unknown escape (`\y`) in a slice
    }

    @Test func mathMLReplacesOnlyTheSpansItKnows() {
        var math = TypesetMath()
        math.mathml[MathSpan(source: "a<b & c", display: false)] = "<math><mi>A</mi></math>"
        math.mathml[MathSpan(source: "x", display: true)] = "<math display=\"block\"><mi>X</mi></math>"
        let html = "<p>See <span class=\"math inline\">\\(a&lt;b &amp; c\\)</span> and <span class=\"math inline\">\\(y\\)</span>.</p>"
            + "<span class=\"math display\">\\[x\\]</span><span class=\"math inline\">\\(x\\)</span>"
        #expect(math.apply(to: html) == "<p>See <span class=\"math inline\"><math><mi>A</mi></math></span> and <span class=\"math inline\">\\(y\\)</span>.</p>"
            + "<span class=\"math display\"><math display=\"block\"><mi>X</mi></math></span><span class=\"math inline\">\\(x\\)</span>")
    }
}

@Suite struct MathInTheBuildTests {
    @Test(.enabled(if: MathTypesetterTests.available)) func badTeXIsALocatedWarningAndStaysReadable() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.edit("01-why.md") { $0.replacingOccurrences(of: "the weights $\\alpha_{t,i}$", with: "the weights $\\alpha_{t,i$") }
        let (report, log) = fixture.build()
        #expect(report.succeeded)   // a warning: the page is still built
        let warning = try #require(log.first { $0.contains("warning: math:") })
        #expect(warning.hasPrefix("\(fixture.lessons.path)/01-why.md:6:"))
        #expect(warning.contains("KaTeX parse error"))
        #expect(warning.contains("\n" + "One context vector $c$ for every step $t$: the weights $\\alpha_{t,i$ fix that."))
        let page = try #require(fixture.read("01-why.html"))
        #expect(page.contains("<span class=\"math inline\">\\(\\alpha_{t,i\\)</span>"))
        #expect(page.contains("<span class=\"math inline\"><math xmlns"))   // the others are typeset
        // The cache sits beside the lessons folder.
        #expect(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent(".attnbook/math-cache.tsv").path))
    }
}
