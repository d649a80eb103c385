import Foundation
import Notebook

/// Turns one run lesson into its files: `<slug>.html`, `<slug>.md`, `<slug>.json`, `<slug>/*.svg`.
struct LessonPageRenderer {
    let templates: SiteTemplates
    /// The site's formulas as MathML, put in place of their TeX.
    var math = TypesetMath()

    /// Render the Markdown, the JSON and the figures on a second thread while the HTML is made
    /// on this one (a rebuild of one lesson, with a core to spare).
    var parallel = false
    /// Called with the HTML page, its hash worked out, as soon as it is made (before the other
    /// files are); not when a strict rendering missed (as `othersReady`).
    var htmlReady: (@Sendable (SiteFile) -> Void)? = nil
    /// Called on the second thread with the Markdown, the JSON and the figures, hashed, as soon as
    /// they are made right (the caller writes them there: `WriteAhead`). Not called for files made
    /// while a strict rendering missed (`LessonRenderMemo.strict`), which are thrown away.
    var othersReady: (@Sendable ([SiteFile]) -> Void)? = nil

    /// - Parameter memo: pieces of this lesson's last rendering in this process (`RenderMemo`), or nil.
    func render(_ document: NotebookDocument, navigation: Navigation, memo: LessonRenderMemo? = nil) -> [SiteFile] {
        let others = parallel
            ? Pending(on: .global(qos: .userInitiated)) { [self] in
                // (Their hashes too, which the writer would otherwise work out on the build's thread.)
                let files = otherFiles(document, navigation: navigation, memo: memo).map { $0.hashed() }
                // (A miss is noted before `otherFiles` returns, on this thread, when it is one of theirs.)
                if memo?.missed != true { othersReady?(files) }
                return files
            }
            : nil
        // (Hashed once, here: the writer and the search's entries both key by the hash.)
        let html = htmlReady == nil ? htmlFile(document, navigation: navigation, memo: memo)
            : htmlFile(document, navigation: navigation, memo: memo).hashed()
        if memo?.missed != true { htmlReady?(html) }
        return [html] + (others?.value ?? otherFiles(document, navigation: navigation, memo: memo))
    }

    /// `<slug>.html`.
    func htmlFile(_ document: NotebookDocument, navigation: Navigation, memo: LessonRenderMemo?) -> SiteFile {
        let slug = document.slug
        let page = HTMLRenderer.render(document, memo: memo)
        var context: [String: Any] = [
            "title": document.frontMatter.title,
            "siteTitle": siteTitle,
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
        return SiteFile(path: "\(slug).html", text: pageHTML(context, body: math.apply(to: page.body), memo: memo))
    }

    /// `<slug>.md`, `<slug>.json` and the figures, in that order.
    func otherFiles(_ document: NotebookDocument, navigation: Navigation, memo: LessonRenderMemo?) -> [SiteFile] {
        let slug = document.slug
        var files: [SiteFile] = []
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

    /// The page template around `body`. An edit of the lesson's text changes the body and nothing
    /// else the template shows (title, contents, navigation), so in a process that builds again
    /// the template is rendered once with a placeholder for the body, and the two halves around
    /// it are kept (`LessonRenderMemo.extra`) under a hash of everything else in `context`: the
    /// page is then the halves and the body put together. The dynamic lookups of the Mustache
    /// rendering were 8% of a rebuild after a one-line edit (0.5 ms); putting the page together
    /// costs a copy of its bytes.
    func pageHTML(_ context: [String: Any], body: String, memo: LessonRenderMemo?) -> String {
        func rendered(body: String) -> String {
            var context = context
            context["body"] = body
            return templates.render(context, with: "page")
        }
        // Whole when nothing is kept between builds, when the context holds what the key cannot
        // see, or when the template does not split around the body ("" is kept then).
        guard let memo, let key = Self.frameKey(context, templates: templates.identity) else { return rendered(body: body) }
        let frame = memo.extra(for: key) { Self.frame(of: rendered(body: Self.bodyMark)) ?? "" }
        guard let nul = frame.utf8.firstIndex(of: 0) else { return rendered(body: body) }
        var text = String(frame[..<nul])
        text.reserveCapacity(frame.utf8.count + body.utf8.count)
        text += body
        text += frame[frame.utf8.index(after: nul)...]
        return text
    }

    /// What the template is given in place of the body: the only NUL bytes of a rendered frame.
    static let bodyMark = "\u{0}attnbook-body\u{0}"

    /// The page rendered with `bodyMark` for its body, as the two halves around it with a NUL
    /// between them; nil when the template shows the body more or less than once, or the page
    /// holds a NUL of its own.
    static func frame(of rendered: String) -> String? {
        let parts = rendered.utf8.split(separator: 0, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].elementsEqual("attnbook-body".utf8),
              let before = String(parts[0]), let after = String(parts[2]) else { return nil }
        return before + "\u{0}" + after
    }

    /// A hash of `context` (strings, numbers, booleans, and arrays and dictionaries of them, in key
    /// order) and the templates' identity; nil when it holds anything else.
    static func frameKey(_ context: [String: Any], templates: String) -> String? {
        var hasher = ContentHasher()
        hasher.add("page frame\u{0}" + templates)
        func add(_ value: Any) -> Bool {
            switch value {
            case let text as String: hasher.add("s" + text)
            case let flag as Bool: hasher.add(flag ? "t" : "f")
            case let number as Int: hasher.add("i" + String(number))
            case let list as [Any]:
                hasher.add("[" + String(list.count))
                for item in list where !add(item) { return false }
            case let fields as [String: Any]:
                hasher.add("{" + String(fields.count))
                for name in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    hasher.add(name)
                    if !add(fields[name]!) { return false }
                }
            default: return false
            }
            return true
        }
        return add(context) ? "frame " + hasher.hex : nil
    }
}
