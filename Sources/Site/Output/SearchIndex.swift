import Foundation
import Notebook

/// The site search's data: `assets/search-index.js`, every section (the text under one h2/h3, or
/// before the first) of every lesson and of the reference, with its page, heading, anchor and plain
/// text (prose, code, worked arithmetic; not the tables of numbers or the figures). A script rather
/// than JSON so it loads from file:// too, where `fetch` is refused. The page script builds a lunr
/// index from it on first use; the file itself is written in page and document order, so it is
/// byte-identical across builds. Also copies `lunr.min.js` from Debian's `libjs-lunr`.
struct SearchIndex {
    /// One page to index: its file name, title and full HTML.
    struct Page {
        var href: String
        var title: String
        var html: String
    }

    /// Where Debian's `libjs-lunr` puts the library; `ATTNBOOK_LUNR` overrides it.
    static var lunrPath: String {
        ProcessInfo.processInfo.environment["ATTNBOOK_LUNR"] ?? "/usr/share/javascript/lunr/lunr.min.js"
    }

    /// The pages as the output folder holds them after this build (a lesson that failed keeps its
    /// previous page, which is what readers are served, so that is what is indexed).
    static func pages(lessons: [Lesson], in output: String) -> [Page] {
        let entries = lessons.map { ($0.slug, $0.frontMatter.title) } + [(ReferenceRenderer.slug, "Script language reference")]
        return entries.compactMap { slug, title in
            guard let data = FileManager.default.contents(atPath: output + "/" + slug + ".html") else { return nil }
            return Page(href: slug + ".html", title: title, html: String(decoding: data, as: UTF8.self))
        }
    }

    /// `assets/search-index.js`, and `assets/lunr.min.js` when `libjs-lunr` is installed.
    /// - Returns: the files, and a note when lunr is missing (the search box then reports itself unavailable).
    static func files(for pages: [Page]) -> (files: [SiteFile], note: String?) {
        var pageEntries: [String] = []
        var sectionEntries: [String] = []
        for (p, page) in pages.enumerated() {
            pageEntries.append("{\"u\":\(json(page.href)),\"t\":\(json(page.title))}")
            for section in sections(of: page) {
                sectionEntries.append("{\"p\":\(p),\"a\":\(json(section.anchor)),\"h\":\(json(section.heading)),\"x\":\(json(section.text))}")
            }
        }
        let script = "window.attnbookSearch = {\"pages\":[\n" + pageEntries.joined(separator: ",\n")
            + "\n],\"sections\":[\n" + sectionEntries.joined(separator: ",\n") + "\n]};\n"
        var files = [SiteFile(path: "assets/search-index.js", text: script)]
        guard let lunr = FileManager.default.contents(atPath: lunrPath) else {
            return (files, "lunr not found at \(lunrPath) (install libjs-lunr); the search box will say it is unavailable")
        }
        files.append(SiteFile(path: "assets/lunr.min.js", contents: lunr))
        return (files, nil)
    }

    struct Section: Equatable {
        var anchor: String
        var heading: String
        var text: String
    }

    /// The article of `page` cut at its `<h2 id>`/`<h3 id>` headings; the part before the first
    /// heading is the page's own section (no anchor, the page title as heading).
    static func sections(of page: Page) -> [Section] {
        guard let start = page.html.range(of: "<article>"), let end = page.html.range(of: "</article>", range: start.upperBound..<page.html.endIndex) else { return [] }
        var article = page.html[start.upperBound..<end.lowerBound]
        // The title and summary are the page's, not the text of its first section.
        if let h1 = article.range(of: "</h1>") { article = article[h1.upperBound...] }
        var sections: [Section] = []
        var current = Section(anchor: "", heading: page.title, text: "")
        var rest = article
        while let open = rest.range(of: #"<h[23] id=""#, options: .regularExpression) {
            current.text = plainText(rest[..<open.lowerBound])
            if !current.text.isEmpty || !current.anchor.isEmpty { sections.append(current) }
            let idEnd = rest[open.upperBound...].firstIndex(of: "\"") ?? rest.endIndex
            let anchor = String(rest[open.upperBound..<idEnd])
            guard let close = rest.range(of: #"</h[23]>"#, options: .regularExpression, range: idEnd..<rest.endIndex) else { break }
            let headingStart = rest[idEnd...].firstIndex(of: ">").map { rest.index(after: $0) } ?? idEnd
            current = Section(anchor: anchor, heading: plainText(rest[headingStart..<close.lowerBound]), text: "")
            rest = rest[close.upperBound...]
        }
        current.text = plainText(rest)
        if !current.text.isEmpty || !current.anchor.isEmpty { sections.append(current) }
        return sections
    }

    /// Text without markup: figures, tables of numbers and TeX annotations dropped, tags removed,
    /// entities decoded, white space collapsed.
    static func plainText(_ html: Substring) -> String {
        var text = String(html)
        for (open, close) in [("<svg", "</svg>"), ("<table class=\"numbers\">", "</table>"), ("<annotation", "</annotation>")] {
            text = removeElements(text, open: open, close: close)
        }
        var out = ""
        var inTag = false
        for c in text {
            if inTag { if c == ">" { inTag = false; out.append(" ") } ; continue }
            if c == "<" { inTag = true; continue }
            out.append(c)
        }
        out = TypesetMath.unescapeHTML(Substring(out))
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func removeElements(_ text: String, open: String, close: String) -> String {
        guard text.contains(open) else { return text }
        var out = ""
        var rest = text[...]
        while let o = rest.range(of: open) {
            out += rest[..<o.lowerBound]
            guard let c = rest.range(of: close, range: o.upperBound..<rest.endIndex) else { rest = rest[rest.endIndex...]; break }
            out += " "
            rest = rest[c.upperBound...]
        }
        return out + rest
    }

    /// A JSON string literal, safe inside a script: `</` and the JavaScript line separators escaped.
    static func json(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "/": out += "\\/"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
