import Foundation
import Notebook
import Testing
@testable import Site

/// A page put together from the template's two halves kept around the body
/// (`LessonPageRenderer.pageHTML`) is the page the template renders whole.
@Suite struct PageFrameTests {
    static func context(title: String = "Scores") -> [String: Any] {
        [
            "title": title,
            "siteTitle": "attnbook",
            "contents": [["html": "Why <em>α</em>", "anchor": "why", "sub": false] as [String: Any],
                         ["html": "Then", "anchor": "then", "sub": true] as [String: Any]],
            "hasContents": true,
            "summary": "What a score is & why",
            "lessons": [["href": "01-a.html", "title": "A", "number": 1, "current": false] as [String: Any],
                        ["href": "02-b.html", "title": title, "number": 2, "current": true] as [String: Any]],
            "hasLessons": true,
            "previous": ["href": "01-a.html", "title": "A"],
        ]
    }

    static func whole(_ templates: SiteTemplates, _ context: [String: Any], body: String) -> String {
        var context = context
        context["body"] = body
        return templates.render(context, with: "page")
    }

    @Test func aPageFromTheKeptHalvesIsThePageRenderedWhole() throws {
        let templates = try SiteTemplates.load()
        let renderer = LessonPageRenderer(templates: templates)
        let memo = RenderMemo(remembers: true)
        let bodies = ["<p>One: 0.25 &amp; α.</p>", "<p>Two, longer, with a table</p><table><tr><td>1</td></tr></table>", ""]
        for (k, body) in bodies.enumerated() {
            // The first rendering keeps the halves, the later ones put the page together from them.
            let lesson = memo.lesson("02-b")
            let page = renderer.pageHTML(Self.context(), body: body, memo: lesson)
            #expect(page == Self.whole(templates, Self.context(), body: body), "body \(k)")
            lesson.finish()
        }
        // The template's rendering with the mark does split (else every page would be rendered whole).
        let marked = Self.whole(templates, Self.context(), body: LessonPageRenderer.bodyMark)
        let frame = try #require(LessonPageRenderer.frame(of: marked))
        #expect(frame.utf8.filter { $0 == 0 }.count == 1)
        // A change of title, contents or navigation is a different frame.
        let renamed = memo.lesson("02-b")
        #expect(renderer.pageHTML(Self.context(title: "Other"), body: "<p>x</p>", memo: renamed)
                == Self.whole(templates, Self.context(title: "Other"), body: "<p>x</p>"))
    }

    @Test func aRenderingThatShowsTheBodyOtherThanOnceIsNotSplit() {
        let mark = LessonPageRenderer.bodyMark
        #expect(LessonPageRenderer.frame(of: "<a>" + mark + "</a>") == "<a>\u{0}</a>")
        #expect(LessonPageRenderer.frame(of: "<a>" + mark + mark + "</a>") == nil)
        #expect(LessonPageRenderer.frame(of: "<a></a>") == nil)
        #expect(LessonPageRenderer.frame(of: "<a>\u{0}" + mark + "</a>") == nil)
    }

    @Test func theKeySeesEveryValueAndRefusesWhatItCannotRead() {
        let a = LessonPageRenderer.frameKey(Self.context(), templates: "t1")
        #expect(a != nil)
        #expect(a == LessonPageRenderer.frameKey(Self.context(), templates: "t1"))
        #expect(a != LessonPageRenderer.frameKey(Self.context(), templates: "t2"))
        #expect(a != LessonPageRenderer.frameKey(Self.context(title: "Other"), templates: "t1"))
        var moved = Self.context()
        moved["lessons"] = [["href": "01-a.html", "title": "A", "number": 2, "current": false] as [String: Any]]
        #expect(a != LessonPageRenderer.frameKey(moved, templates: "t1"))
        var flag = Self.context()
        flag["hasContents"] = false
        #expect(a != LessonPageRenderer.frameKey(flag, templates: "t1"))
        var odd = Self.context()
        odd["when"] = Date(timeIntervalSince1970: 0)
        #expect(LessonPageRenderer.frameKey(odd, templates: "t1") == nil)
    }
}
