import Foundation
import Notebook

/// Turns one run lesson into its files: `<slug>.html`, `<slug>.md`, `<slug>.json`, `<slug>/*.svg`.
struct LessonPageRenderer {
    let templates: SiteTemplates
    /// The site's formulas as MathML, put in place of their TeX.
    var math = TypesetMath()

    /// - Parameter memo: pieces of this lesson's last rendering in this process (`RenderMemo`), or nil.
    func render(_ document: NotebookDocument, navigation: Navigation, memo: LessonRenderMemo? = nil) -> [SiteFile] {
        let slug = document.slug
        var files: [SiteFile] = []

        // HTML.
        let page = HTMLRenderer.render(document, memo: memo)
        var context: [String: Any] = [
            "title": document.frontMatter.title,
            "siteTitle": siteTitle,
            "body": math.apply(to: page.body),
            "contents": page.contents.map { ["html": math.apply(to: $0.html), "anchor": $0.anchor, "sub": $0.level > 2] as [String: Any] },
            "hasContents": !page.contents.isEmpty,
        ]
        if let summary = document.frontMatter.summary { context["summary"] = summary }
        context["lessons"] = navigation.lessons.enumerated().map { k, lesson in
            ["href": "\(lesson.slug).html", "title": lesson.frontMatter.title, "number": k + 1, "current": k == navigation.current] as [String: Any]
        }
        context["hasLessons"] = !navigation.lessons.isEmpty
        if let previous = navigation.previous { context["previous"] = ["href": "\(previous.slug).html", "title": previous.frontMatter.title] }
        if let next = navigation.next { context["next"] = ["href": "\(next.slug).html", "title": next.frontMatter.title] }
        files.append(SiteFile(path: "\(slug).html", text: templates.render(context, with: "page")))

        // Markdown, with the same navigation as links between `.md` files.
        var markdown = MarkdownRenderer.render(document, memo: memo)
        var links: [String] = []
        if let previous = navigation.previous { links.append("[← \(previous.frontMatter.title.markdownEscaped)](\(previous.slug).md)") }
        links.append("[Contents](index.md)")
        if let next = navigation.next { links.append("[\(next.frontMatter.title.markdownEscaped) →](\(next.slug).md)") }
        markdown += "\n\n---\n\n" + links.joined(separator: " · ") + "\n"
        files.append(SiteFile(path: "\(slug).md", text: markdown))

        // JSON and figures.
        files.append(SiteFile(path: "\(slug).json", text: JSONRenderer.render(document, memo: memo)))
        // (`document.figures`, in the same order, with each figure's cell for its render key.)
        for case .cell(let cell) in document.blocks {
            for case .figure(let figure) in cell.outputs {
                func make() -> String {
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + FigureRenderer.svg(figure, id: String(figure.file.dropLast(4)))
                }
                let key = cell.renderKey.map { "s" + $0 + "\u{0}" + figure.file }
                files.append(SiteFile(path: "\(slug)/\(figure.file)", text: memo?.text(for: key, make: make) ?? make()))
            }
        }
        return files
    }
}
