import Foundation
import Notebook

/// The table of contents: `index.html` and `index.md`, lessons in order with their summaries.
struct IndexRenderer {
    let templates: SiteTemplates

    func render(_ lessons: [Lesson]) -> [SiteFile] {
        // Each lesson shows its own number (`order:` or the file name's), not its position, so
        // "lesson 7" in the prose is the entry numbered 7.
        let entries: [[String: Any]] = lessons.map { lesson in
            var entry: [String: Any] = ["number": lesson.order, "href": "\(lesson.slug).html", "title": lesson.frontMatter.title]
            if let summary = lesson.frontMatter.summary { entry["summary"] = summary }
            return entry
        }
        let html = templates.render(["title": siteTitle, "siteTitle": siteTitle, "isIndex": true, "lessons": entries], with: "index")

        var markdown = "# \(siteTitle)\n\n"
        // A bullet with an escaped "7\." rather than an ordered list: Markdown renumbers ordered
        // lists from their first item, which would bring back positions.
        for lesson in lessons {
            markdown += "- \(lesson.order)\\. [\(lesson.frontMatter.title.markdownLine)](\(lesson.slug.markdownLinkTarget).md)"
            if let summary = lesson.frontMatter.summary { markdown += " — " + summary.markdownLine }
            markdown += "\n"
        }
        markdown += "\nThe [script language reference](reference.md) lists every statement and builtin.\n"
        return [SiteFile(path: "index.html", text: html), SiteFile(path: "index.md", text: markdown)]
    }
}
