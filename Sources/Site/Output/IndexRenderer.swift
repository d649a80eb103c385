import Foundation
import Notebook

/// The table of contents: `index.html` and `index.md`, lessons in order with their summaries.
struct IndexRenderer {
    let templates: SiteTemplates

    func render(_ lessons: [Lesson]) -> [SiteFile] {
        let entries: [[String: Any]] = lessons.enumerated().map { k, lesson in
            var entry: [String: Any] = ["number": k + 1, "href": "\(lesson.slug).html", "title": lesson.frontMatter.title]
            if let summary = lesson.frontMatter.summary { entry["summary"] = summary }
            return entry
        }
        let html = templates.render(["title": siteTitle, "siteTitle": siteTitle, "isIndex": true, "lessons": entries], with: "index")

        var markdown = "# \(siteTitle)\n\n"
        for (k, lesson) in lessons.enumerated() {
            markdown += "\(k + 1). [\(lesson.frontMatter.title.markdownLine)](\(lesson.slug.markdownLinkTarget).md)"
            if let summary = lesson.frontMatter.summary { markdown += " — " + summary.markdownLine }
            markdown += "\n"
        }
        markdown += "\nThe [script language reference](reference.md) lists every statement and builtin.\n"
        return [SiteFile(path: "index.html", text: html), SiteFile(path: "index.md", text: markdown)]
    }
}
