import Foundation
import LessonScript
import Notebook

/// The site search's data: every section (the text under one h2/h3, or before the first) of every
/// lesson and of the reference, with its page, heading, anchor and plain text (prose, code, worked
/// arithmetic; not the tables of numbers or the figures), as scripts rather than JSON so they load
/// from file:// too, where `fetch` is refused:
/// - `assets/search/<slug>.js`, one per page: that page's sections, registered under its file name
///   in `window.attnbookSearchPages`. It changes only when the page's text (or title) does, so an
///   edit rewrites one small file instead of the whole site's text.
/// - `assets/search-index.js`: the pages in site order (file, title, search file), as
///   `window.attnbookSearch`. It changes only when titles or the order do.
/// The page script loads the list on first use, then every page's file at once, and builds a lunr
/// index from them in list order. Every file is written in page and document order, so it is
/// byte-identical across builds. Also copies `lunr.min.js` from Debian's `libjs-lunr`.
///
/// The search files carry no version in their addresses: a version of each page's file in the list
/// would rewrite the list at every edit. They are fetched as the other assets are (`attnbook serve`
/// answers them `no-cache`, so a browser asks again and gets a 304 or the new file).
struct SearchIndex {
    /// One page to index: its file name, title and full HTML.
    struct Page {
        var href: String
        var title: String
        var html: String
    }

    /// Where Debian's `libjs-lunr` puts the library; `ATTNBOOK_LUNR` overrides it.
    static let lunrPath: String = ProcessEnvironment.value("ATTNBOOK_LUNR") ?? "/usr/share/javascript/lunr/lunr.min.js"

    /// The list's path in the output folder.
    static let listPath = "assets/search-index.js"

    /// The path of the search file of the page `href` (`02-x.html` → `assets/search/02-x.js`).
    static func pagePath(_ href: String) -> String { "assets/" + fileName(href) }

    /// The same relative to `assets/`, as the list names it.
    static func fileName(_ href: String) -> String {
        "search/" + (href.hasSuffix(".html") ? String(href.dropLast(5)) : href) + ".js"
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

    /// Every search file for `pages` (the list, each page's file, lunr when installed): a whole build's.
    /// - Returns: the files, and a note when lunr is missing (the search box then reports itself unavailable).
    static func files(for pages: [Page]) -> (files: [SiteFile], note: String?) {
        let copied = lunrFile()
        let list = listFile(pages: pages.map { ($0.href, $0.title) })
        let perPage = pages.map { pageFile(href: $0.href, entries: sections(of: $0).map(entry)) }
        return ([list] + perPage + (copied.file.map { [$0] } ?? []), copied.note)
    }

    /// `assets/search-index.js`: the pages in site order, each with its title and search file.
    static func listFile(pages: [(href: String, title: String)]) -> SiteFile {
        var out: [UInt8] = Array("window.attnbookSearch = {\"pages\":[\n".utf8)
        for (p, page) in pages.enumerated() {
            if p > 0 { out += Array(",\n".utf8) }
            out += Array("{\"u\":".utf8); json(page.href, into: &out)
            out += Array(",\"t\":".utf8); json(page.title, into: &out)
            out += Array(",\"f\":".utf8); json(fileName(page.href), into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("\n]};\n".utf8)
        return SiteFile(path: listPath, contents: Data(out))
    }

    /// `assets/search/<slug>.js`: the sections of the page `href`, from their `entry`s (e.g. from
    /// `SearchSections`), one a line.
    static func pageFile(href: String, entries: [String]) -> SiteFile {
        var out: [UInt8] = Array("(window.attnbookSearchPages = window.attnbookSearchPages || {})[".utf8)
        json(href, into: &out)
        out += Array("] = [".utf8)
        for (k, entry) in entries.enumerated() {
            out += Array((k == 0 ? "\n{" : ",\n{").utf8)
            out += entry.utf8
        }
        out += Array("\n];\n".utf8)
        return SiteFile(path: pagePath(href), contents: Data(out))
    }

    /// `assets/lunr.min.js` from `libjs-lunr`, read once per process (again only when the file
    /// changes), or nil and a note when it is missing.
    static func lunrFile() -> (file: SiteFile?, note: String?) {
        guard let data = lunr.value(at: lunrPath) ?? FileManager.default.contents(atPath: lunrPath).map({ data in
            lunr.remember(data, at: lunrPath)
            return data
        }) else {
            return (nil, "lunr not found at \(lunrPath) (install libjs-lunr); the search box will say it is unavailable")
        }
        return (SiteFile(path: "assets/lunr.min.js", contents: data), nil)
    }

    /// lunr's bytes while its file is unchanged: a `serve` process reads it once.
    private static let lunr = FileMemo<Data>()

    /// One section's entry without its page number: `"a":…,"h":…,"x":…}`.
    static func entry(_ section: Section) -> String {
        var out: [UInt8] = Array("\"a\":".utf8)
        json(section.anchor, into: &out)
        out += Array(",\"h\":".utf8); json(section.heading, into: &out)
        out += Array(",\"x\":".utf8); json(section.text, into: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    struct Section: Equatable {
        var anchor: String
        var heading: String
        var text: String
    }

    /// The article of `page` cut at its `<h2 id>`/`<h3 id>` headings; the part before the first
    /// heading is the page's own section (no anchor, the page title as heading).
    static func sections(of page: Page) -> [Section] {
        let html = Array(page.html.utf8)
        return spans(of: html).compactMap { section($0, in: html, title: page.title) }
    }

    /// Where one section lies in a page's bytes.
    struct Span {
        /// From its heading to the next (from the article's title for the first): all it is made of.
        var whole: Range<Int>
        /// Its heading's `id` and content; nil for the part before the first heading.
        var anchor: Range<Int>?
        var heading: Range<Int>?
        var text: Range<Int>
    }

    /// The sections of the article in `html`, as `sections(of:)` cuts them, before any is read.
    static func spans(of html: [UInt8]) -> [Span] {
        guard let open = ByteSearch.find(Array("<article>".utf8), in: html, from: 0),
              let end = ByteSearch.find(Array("</article>".utf8), in: html, from: open) else { return [] }
        // The title and summary are the page's, not the text of its first section.
        var i = ByteSearch.find(Array("</h1>".utf8), in: html, from: open, to: end).map { $0 + 5 } ?? open + 9
        var spans: [Span] = []
        var current = Span(whole: i..<i, anchor: nil, heading: nil, text: i..<i)
        func finish(upTo k: Int) {
            current.text = i..<k
            current.whole = current.whole.lowerBound..<k
            spans.append(current)
        }
        var search = i
        while let h = ByteSearch.find(Array("<h".utf8), in: html, from: search, to: end) {
            search = h + 2
            guard h + 9 < end, html[h + 2] == UInt8(ascii: "2") || html[h + 2] == UInt8(ascii: "3"),
                  ByteSearch.matches(Array(" id=\"".utf8), in: html, at: h + 3) else { continue }
            let idStart = h + 8
            guard let idEnd = ByteSearch.find([UInt8(ascii: "\"")], in: html, from: idStart, to: end),
                  let close = ByteSearch.find(Array("</h".utf8), in: html, from: idEnd, to: end) else { break }
            finish(upTo: h)
            current = Span(whole: h..<h, anchor: idStart..<idEnd, heading: (idEnd + 2)..<close, text: h..<h)
            i = close + 5
            search = i
        }
        finish(upTo: end)
        return spans
    }

    /// The section at `span` (the first has `title` for its heading), or nil when it has neither
    /// text nor anchor.
    static func section(_ span: Span, in html: [UInt8], title: String) -> Section? {
        let section = Section(anchor: span.anchor.map { String(decoding: html[$0], as: UTF8.self) } ?? "",
                              heading: span.heading.map { plainText(html[$0]) } ?? title,
                              text: plainText(html[span.text]))
        return section.text.isEmpty && section.anchor.isEmpty ? nil : section
    }

    /// The elements that separate text, by `packedName`.
    private static let blockTags: Set<UInt64> = Set([
        "p", "div", "li", "ol", "ul", "pre", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
        "caption", "section", "figure", "figcaption", "blockquote", "hr", "dt", "dd", "details", "summary",
    ].compactMap { packedName(Array($0.utf8)[...]) })

    /// A tag name of at most ten ASCII letters and digits in one word, six bits a character, letters
    /// folded to lower case (a page has thousands of tags: making a lowercased string of each
    /// name to look it up was a tenth of cutting it); nil for a longer name.
    static func packedName(_ name: ArraySlice<UInt8>) -> UInt64? {
        guard name.count <= 10 else { return nil }
        var packed: UInt64 = 0
        for byte in name {
            let code: UInt8
            switch byte {
            case 0x61...0x7A: code = byte - 0x61 + 1   // a-z
            case 0x41...0x5A: code = byte - 0x41 + 1   // A-Z, as a-z
            case 0x30...0x39: code = byte - 0x30 + 27  // 0-9
            default: return nil
            }
            packed = packed << 6 | UInt64(code)
        }
        return packed
    }

    /// `<p …>`, `</td>`, `<br/>` and the like.
    static func isBlockTag(_ tag: ArraySlice<UInt8>) -> Bool {
        var name = tag.dropFirst()
        if name.first == UInt8(ascii: "/") { name = name.dropFirst() }
        let letters = name.prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        return packedName(letters).map { blockTags.contains($0) } ?? false
    }

    private static let dropped: [(open: [UInt8], close: [UInt8], separates: Bool)] = [
        (Array("<svg".utf8), Array("</svg>".utf8), true),
        (Array("<table class=\"numbers\">".utf8), Array("</table>".utf8), true),
        (Array("<annotation".utf8), Array("</annotation>".utf8), false),
        // A prose table's column heading repeated in each of its cells (`ProseTables`).
        (Array("<b class=\"label\">".utf8), Array("</b>".utf8), true),
    ]

    /// Text without markup: figures, tables of numbers, TeX annotations and table cells' repeated
    /// headings dropped, tags removed,
    /// entities decoded, white space collapsed.
    static func plainText(_ html: ArraySlice<UInt8>) -> String {
        let bytes = Array(html)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var i = 0
        // A tag or an ASCII space, tab or newline is a break; runs of breaks become one space.
        func space() { if let last = kept.last, last != UInt8(ascii: " ") { kept.append(UInt8(ascii: " ")) } }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "<") {
                if let element = dropped.first(where: { ByteSearch.matches($0.open, in: bytes, at: i) }) {
                    i = ByteSearch.find(element.close, in: bytes, from: i).map { $0 + element.close.count } ?? bytes.count
                    if element.separates { space() }
                } else {
                    let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? bytes.count
                    // Inline elements (a highlighted token, a link, MathML) join their text to
                    // the neighbours', as a reader sees it; block elements separate.
                    if isBlockTag(bytes[i..<end]) { space() }
                    i = end
                }
                continue
            }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { space(); i += 1; continue }
            // Unicode spaces (MathML's thin and medium spaces, no-break space): U+00A0,
            // U+2000…U+200B, U+205F, U+3000.
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { space(); i += 2; continue }
            if b == 0xE2, i + 2 < bytes.count, (bytes[i + 1] == 0x80 && bytes[i + 2] <= 0x8B) || (bytes[i + 1] == 0x81 && bytes[i + 2] == 0x9F) {
                space(); i += 3; continue
            }
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { space(); i += 3; continue }
            kept.append(b)
            i += 1
        }
        if kept.last == UInt8(ascii: " ") { kept.removeLast() }
        return ByteSearch.unescapeHTML(kept)
    }

    /// A JSON string literal, safe inside a script: `JSONWriter.string`, with every `/` escaped so
    /// no `</script>` can end the script it sits in.
    static func json(_ s: String) -> String {
        var out: [UInt8] = []
        json(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `json(s)`'s bytes.
    static func json(_ s: String, into out: inout [UInt8]) {
        JSONWriter.string(s, escapingSlash: true, into: &out)
    }
}
