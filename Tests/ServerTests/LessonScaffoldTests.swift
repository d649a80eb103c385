import Foundation
import Site
import Testing
@testable import Preview
@testable import Server

@Suite struct LessonScaffoldTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "attnbook-new-" + UUID().uuidString + "/lessons"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func numbersAfterTheLastLessonAndSlugsTheTitle() throws {
        let lessons = try folder()
        #expect(try LessonScaffold.create(title: "Why attention?", in: lessons) == lessons + "/01-why-attention.md")
        try Data().write(to: URL(fileURLWithPath: lessons + "/07-luong.md"))
        #expect(LessonScaffold.nextNumber(in: lessons) == 8)
        #expect(try LessonScaffold.create(title: "Scores: dot, general & concat", in: lessons)
                == lessons + "/08-scores-dot-general-concat.md")
        #expect(LessonScaffold.fileName(number: 123, slug: "x") == "123-x.md")
    }

    @Test func refusesToOverwriteOrToNameNothing() throws {
        let lessons = try folder()
        let first = try LessonScaffold.create(title: "Local attention", in: lessons)
        #expect(throws: LessonScaffold.ScaffoldError.self) { try LessonScaffold.create(title: "Local Attention!", in: lessons) }
        #expect(throws: LessonScaffold.ScaffoldError.self) { try LessonScaffold.create(title: "注意力", in: lessons) }
        #expect(try LessonScaffold.create(title: "注意力", slug: "zhuyili", in: lessons) == lessons + "/02-zhuyili.md")
        #expect(FileManager.default.contents(atPath: first) == Data(LessonScaffold.text(title: "Local attention").utf8))
    }

    /// The template builds: a real build of a folder holding only it succeeds and writes its page,
    /// with the heatmap and the inline value in it.
    @Test func theTemplateBuilds() throws {
        let lessons = try folder()
        let path = try LessonScaffold.create(title: "A \"quoted\" title", in: lessons)
        let output = (lessons as NSString).deletingLastPathComponent + "/output"
        var lines: [String] = []
        let report = SiteBuilder(options: SiteBuilder.Options(lessons: lessons, output: output, quiet: true),
                                 log: { lines.append($0) }).build()
        #expect(report.succeeded, "\(lines)")
        #expect(report.built == [((path as NSString).lastPathComponent as NSString).deletingPathExtension])
        let html = try String(contentsOfFile: output + "/01-a-quoted-title.html", encoding: .utf8)
        #expect(html.contains("A &quot;quoted&quot; title") || html.contains("A “quoted” title") || html.contains("A \"quoted\" title"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("{="))
    }
}
