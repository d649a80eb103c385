import Foundation
import Testing
@testable import Notebook

/// The front matter read without Yams (`PlainFrontMatter`) must be exactly what Yams reads, and
/// anything it is not sure of must go to Yams.
@Suite struct PlainFrontMatterTests {
    static let lessonsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons").path

    /// Parses `source` both ways; both must agree, front matter and diagnostics alike.
    func bothWays(_ source: String) -> (plain: Result<FrontMatter, LessonError>, yaml: Result<FrontMatter, LessonError>) {
        let plain = Result { () throws(LessonError) in try LessonParser.parse(source, path: "x.md", readingPlainFrontMatter: true).frontMatter }
        let yaml = Result { () throws(LessonError) in try LessonParser.parse(source, path: "x.md", readingPlainFrontMatter: false).frontMatter }
        return (plain, yaml)
    }

    func expectSame(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (plain, yaml) = bothWays(source)
        switch (plain, yaml) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(source)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.diagnostics.map(\.message) == b.diagnostics.map(\.message), sourceLocation: sourceLocation)
            #expect(a.diagnostics.map(\.location) == b.diagnostics.map(\.location), sourceLocation: sourceLocation)
        default: Issue.record("plain \(plain) but Yams \(yaml) for \(source)", sourceLocation: sourceLocation)
        }
    }

    @Test func everyLessonReadsTheSameBothWaysAndTakesThePlainPath() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.lessonsFolder).filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(names.count >= 18)
        for name in names {
            let source = try String(contentsOfFile: Self.lessonsFolder + "/" + name, encoding: .utf8)
            expectSame(source)
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let end = try #require(lines.dropFirst().firstIndex(of: "---"))
            #expect(PlainFrontMatter.values(lines[1..<end]) != nil, "\(name) should not need Yams")
        }
    }

    @Test func plainValuesAreTakenAsWritten() {
        let values = PlainFrontMatter.values(["title: Soft (global) attention — 机器", "order: 7", "summary: \"A: b, c's\"", "precision: 2  "])
        #expect(values == ["title": "Soft (global) attention — 机器", "order": "7", "summary": "A: b, c's", "precision": "2"])
    }

    @Test func anythingYAMLReadsOtherwiseGoesToYams() {
        let unsure = [
            "title: a # comment", "title: a: b", "title: &x a", "title: *x", "title: !str a", "title: [a, b]", "title: {a: b}",
            "title: \"a \\u00e9\"", "title: 'it''s'", "title: |", "title: >", "title: - a", "title: a:", "title:a", " title: a",
            "Title: a", "title: ", "title: \"open", "title: a\tb", "title: a\u{2028}b", "title: a\u{85}b", "title: @a", "title: `a",
            "title: %a", "title: ? a", "# a comment", "",
        ]
        for line in unsure {
            #expect(PlainFrontMatter.values(["order: 1", line]) == nil, "\(line)")
        }
        #expect(PlainFrontMatter.values(["title: a", "title: b"]) == nil)
    }

    @Test func theSameFrontMatterAndTheSameDiagnosticsWhicheverPathIsTaken() {
        let bodies = [
            "title: Plain", "title: \"Quoted: with colon\"\norder: 3", "title: 'single'\nprecision: 12\nbudget: 16",
            "title: a # comment\norder: 2", "title: x\nprecision: 13", "title: x\nbudget: 0", "title: x\norder: two",
            "title: \"  \"", "summary: no title", "title: x\norder: -4", "title: null", "title: ~", "title: 03\norder: 03",
            "title: a: b", "title: x\nunknown: [1, 2]", "title: [a]", "title: x\ntitle: y",
        ]
        for body in bodies { expectSame("---\n\(body)\n---\n\nText.\n") }
    }
}
