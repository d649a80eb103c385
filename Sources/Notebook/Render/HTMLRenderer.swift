import AttentionEngine
import LessonScript

/// A lesson page's HTML, before the site's template wraps it.
public struct HTMLPage: Sendable {
    /// The article body.
    public var body: String
    /// The page's contents: its headings (level 2 and 3) with their anchors.
    public var contents: [ContentsEntry]
}

public struct ContentsEntry: Equatable, Sendable {
    public var level: Int
    /// HTML (escaped; math as `\(…\)` for KaTeX).
    public var html: String
    public var anchor: String
}

/// Renders a run lesson to HTML. The prose, with cells standing in as placeholder paragraphs, goes
/// through cmark-gfm in one piece (so footnotes and references work across cells); the cells'
/// HTML, math spans and inline values are put back in place of their placeholders afterwards, so
/// the author's raw HTML stays filtered while ours is emitted as is.
public enum HTMLRenderer {
    public static func render(_ document: NotebookDocument) -> HTMLPage {
        var markdown = ""
        var math: [(source: String, display: Bool)] = []
        var values: [String] = []
        var cells: [RunCell] = []
        for block in document.blocks {
            switch block {
            case .prose(let pieces):
                for piece in pieces {
                    switch piece {
                    case .markdown(let m): markdown += m
                    case .math(let m, let display): markdown += Placeholder.math(math.count); math.append((m, display))
                    case .value(let v): markdown += Placeholder.value(values.count); values.append(v)
                    }
                }
            case .cell(let cell):
                markdown += "\n\n" + Placeholder.cell(cells.count) + "\n\n"
                cells.append(cell)
            }
        }

        let prose = CommonMarkConverter.render(markdown)
        // Cells (a placeholder paragraph of its own), in one pass over the HTML.
        var html = Placeholder.substitute(in: prose.html, enclosedIn: ("<p>", "</p>")) { kind, k in
            kind == "c" && k < cells.count ? renderCell(cells[k], k, slug: document.slug) : nil
        }
        // Headings get anchors, in document order.
        var contents: [ContentsEntry] = []
        var usedAnchors: Set<String> = []
        var searchFrom = html.startIndex
        for heading in prose.headings {
            let plain = restore(heading.text, math: math, values: values, html: false)
            var anchor = plain.anchorSlug
            var n = 2
            while usedAnchors.contains(anchor) { anchor = plain.anchorSlug + "-\(n)"; n += 1 }
            usedAnchors.insert(anchor)
            let tag = "<h\(heading.level)>"
            if let r = html.range(of: tag, range: searchFrom..<html.endIndex) {
                let replacement = "<h\(heading.level) id=\"\(anchor)\">"
                html.replaceSubrange(r, with: replacement)
                searchFrom = html.index(r.lowerBound, offsetBy: replacement.count)
            }
            if heading.level == 2 || heading.level == 3 {
                contents.append(ContentsEntry(level: heading.level,
                                              html: restore(heading.text.htmlEscaped, math: math, values: values, html: true),
                                              anchor: anchor))
            }
        }
        html = restore(html, math: math, values: values, html: true)
        return HTMLPage(body: html, contents: contents)
    }

    /// Replaces math and value placeholders: in HTML as KaTeX-delimited, escaped spans; in plain
    /// text as the author wrote them.
    static func restore(_ text: String, math: [(source: String, display: Bool)], values: [String], html: Bool) -> String {
        Placeholder.substitute(in: text) { kind, k in
            switch kind {
            case "m" where k < math.count:
                let m = math[k]
                if !html { return m.display ? "$$\(m.source)$$" : "$\(m.source)$" }
                return m.display
                    ? "<span class=\"math display\">\\[\(m.source.htmlEscaped)\\]</span>"
                    : "<span class=\"math inline\">\\(\(m.source.htmlEscaped)\\)</span>"
            case "v" where k < values.count:
                return html ? "<span class=\"value\">\(values[k].htmlEscaped)</span>" : values[k]
            default:
                return nil
            }
        }
    }

    static func renderCell(_ cell: RunCell, _ index: Int, slug: String) -> String {
        var classes = ["cell"]
        if cell.options.expectError { classes.append("expect-error") }
        var out = "<section class=\"\(classes.joined(separator: " "))\" id=\"cell-\(index + 1)\">\n"
        if !cell.options.hideCode {
            out += "<pre class=\"code\"><code>\(CodeHighlighter.html(cell.source))</code></pre>\n"
        }
        if !cell.outputs.isEmpty {
            out += "<div class=\"outputs\">\n"
            for output in cell.outputs { out += renderOutput(output, slug: slug) }
            out += "</div>\n"
        }
        return out + "</section>"
    }

    static func renderOutput(_ output: CellOutput, slug: String) -> String {
        switch output {
        case .table(let table):
            return "<div class=\"output table-scroll\">\(renderTable(table))</div>\n"
        case .text(let text):
            return "<pre class=\"output text\">\(text.htmlEscaped)</pre>\n"
        case .error(let text):
            return "<pre class=\"output error\" role=\"note\">\(text.htmlEscaped)</pre>\n"
        case .explanation(let w):
            var out = "<figure class=\"output explanation\"><figcaption>\(w.title.htmlEscaped)</figcaption>\n<pre>\(w.text(omittingNote: true).htmlEscaped)</pre>"
            if let note = w.note { out += "\n<p class=\"note\">\(note.htmlEscaped)</p>" }
            return out + "</figure>\n"
        case .figure(let figure):
            let stem = String(figure.file.dropLast(4))
            let svg = FigureRenderer.svg(figure, id: "\(slug)-\(stem)")
            // Figures up to 520 px shrink to fit a phone; larger ones keep their size and scroll.
            let fits = svgWidth(svg).map { $0 <= 520 } ?? false
            return "<figure class=\"output figure \(figure.kind.rawValue)\"><div class=\"figure-scroll\(fits ? " fit" : "")\">\(svg)</div><figcaption>\(figure.title.htmlEscaped) · <a href=\"\(slug.htmlEscaped)/\(figure.file.htmlEscaped)\">SVG file</a></figcaption></figure>\n"
        }
    }

    /// The `width` attribute of an SVG's root element.
    static func svgWidth(_ svg: String) -> Double? {
        guard let r = svg.range(of: " width=\"") else { return nil }
        return Double(svg[r.upperBound...].prefix { $0 != "\"" })
    }

    static func renderTable(_ table: TableOutput) -> String {
        let cols = table.values.map(\.count).max() ?? 0
        let colLabels = table.columnLabels ?? (0..<cols).map { "\($0)" }
        let rowLabels: [String]? = table.rowLabels ?? (table.values.count > 1 ? table.values.indices.map { "\($0)" } : nil)
        let digits = table.columnDigits
        var out = "<table class=\"numbers\">"
        if !table.caption.isEmpty { out += "<caption>\(table.caption.htmlEscaped)</caption>" }
        out += "<thead><tr>"
        if rowLabels != nil { out += "<th></th>" }
        for label in colLabels { out += "<th scope=\"col\">\(label.htmlEscaped)</th>" }
        out += "</tr></thead><tbody>"
        for (i, row) in table.values.enumerated() {
            out += "<tr>"
            if let rowLabels { out += "<th scope=\"row\">\((i < rowLabels.count ? rowLabels[i] : "\(i)").htmlEscaped)</th>" }
            for (j, v) in row.enumerated() { out += "<td>\(NumberFormat.fixed(v, precision: digits[j]))</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// Markers that stand in for generated content while cmark-gfm parses the prose: letters and
/// digits only, so no Markdown rule can touch them.
enum Placeholder {
    static let prefix = "attnbookph"
    static func cell(_ k: Int) -> String { "\(prefix)c\(k)z" }
    static func math(_ k: Int) -> String { "\(prefix)m\(k)z" }
    static func value(_ k: Int) -> String { "\(prefix)v\(k)z" }

    /// Replaces every placeholder in `text` in one pass. `replacement(kind, index)` returns the
    /// new text, or `nil` to leave the placeholder as it is. With `enclosedIn`, only placeholders
    /// standing alone between those two strings are replaced, the enclosing strings included.
    static func substitute(in text: String, enclosedIn: (open: String, close: String)? = nil,
                           _ replacement: (Character, Int) -> String?) -> String {
        let open = enclosedIn?.open ?? "", close = enclosedIn?.close ?? ""
        let marker = open + prefix
        var out = ""
        var rest = text[...]
        while let r = rest.range(of: marker) {
            out += rest[..<r.lowerBound]
            var cursor = r.upperBound
            var replaced = false
            if cursor < rest.endIndex {
                let kind = rest[cursor]
                cursor = rest.index(after: cursor)
                let digits = rest[cursor...].prefix { $0.isASCII && $0.isNumber }
                cursor = digits.endIndex
                if !digits.isEmpty, cursor < rest.endIndex, rest[cursor] == "z", rest[rest.index(after: cursor)...].hasPrefix(close),
                   let k = Int(digits), let new = replacement(kind, k) {
                    out += new
                    rest = rest[rest.index(rest.index(after: cursor), offsetBy: close.count)...]
                    replaced = true
                }
            }
            if !replaced {
                out += rest[r]
                rest = rest[r.upperBound...]
            }
        }
        return out + rest
    }
}

extension WorkedArithmetic {
    /// `text` without the closing note (HTML shows it as a paragraph).
    func text(omittingNote: Bool) -> String {
        var copy = self
        if omittingNote { copy.note = nil }
        return copy.text
    }
}
