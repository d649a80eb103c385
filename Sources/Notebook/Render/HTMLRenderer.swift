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
    /// - Parameter memo: cells' HTML from the last rendering of this lesson in this process, by render key.
    public static func render(_ document: NotebookDocument, memo: LessonRenderMemo? = nil) -> HTMLPage {
        // The cells' HTML first: the placeholders must not occur in anything they stand in for.
        // Inline values' HTML is made here too, while the scope is that of their place on the page.
        var cells: [String] = []
        var texts: [String] = []
        var values: [(text: String, html: String)] = []
        var scope = PageScope()
        for block in document.blocks {
            switch block {
            case .prose(let pieces):
                for piece in pieces {
                    switch piece {
                    case .markdown(let m), .math(let m, _): texts.append(m)
                    case .value(let v, let origin):
                        texts.append(v)
                        values.append((v, valueHTML(v, origin: origin, scope: scope)))
                    }
                }
            case .cell(let cell):
                scope.enter(cell)
                let index = cells.count
                // With the cell's lines: its outputs' `data-line` attributes are lines of this cell,
                // moved when lines of prose above it were added or removed.
                let lines = [cell.firstLine, cell.firstLine + cell.source.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }]
                cells.append(memo?.text(for: cell.renderKey.map { "h" + $0 }, lines: lines, move: MovedRendering.html) {
                    renderCell(cell, index, slug: document.slug, scope: scope)
                } ?? renderCell(cell, index, slug: document.slug, scope: scope))
            }
        }
        let placeholder = Placeholder(avoiding: texts + cells)
        var markdown = ""
        var math: [(source: String, display: Bool)] = []
        var valueCount = 0
        var cellCount = 0
        for block in document.blocks {
            switch block {
            case .prose(let pieces):
                for piece in pieces {
                    switch piece {
                    case .markdown(let m): markdown += m
                    case .math(let m, let display): markdown += placeholder.math(math.count); math.append((m, display))
                    case .value: markdown += placeholder.value(valueCount); valueCount += 1
                    }
                }
            case .cell:
                markdown += "\n\n" + placeholder.cell(cellCount) + "\n\n"
                cellCount += 1
            }
        }

        let prose = CommonMarkConverter.render(markdown)
        // Headings get anchors, in document order: the n-th `<hN>` is the n-th heading.
        var contents: [ContentsEntry] = []
        var usedAnchors: Set<String> = []
        var anchored: [(tag: String, replacement: String)] = []
        for heading in prose.headings {
            let plain = restore(heading.text, placeholder, math: math, values: values, html: false)
            var anchor = plain.anchorSlug
            var n = 2
            while usedAnchors.contains(anchor) { anchor = plain.anchorSlug + "-\(n)"; n += 1 }
            usedAnchors.insert(anchor)
            anchored.append(("<h\(heading.level)>", "<h\(heading.level) id=\"\(anchor)\">"))
            if heading.level == 2 || heading.level == 3 {
                contents.append(ContentsEntry(level: heading.level,
                                              html: restore(heading.text.htmlEscaped, placeholder, math: math, values: values, html: true),
                                              anchor: anchor))
            }
        }
        // The prose's headings anchored, its math and values put back, its tables labelled, and
        // last the cells (a placeholder paragraph of its own), in one pass: the cells are most of
        // the page's bytes, and hold no heading, placeholder or prose table, so the passes over the
        // prose alone give the same page as passes over the whole of it.
        let labelled = ProseTables.label(restore(replaceInOrder(anchored, in: prose.html), placeholder, math: math, values: values, html: true))
        let body = placeholder.substitute(in: labelled, enclosedIn: ("<p>", "</p>")) { kind, k in
            kind == "c" && k < cells.count ? cells[k] : nil
        }
        return HTMLPage(body: body, contents: contents)
    }

    /// Replaces the first occurrence of each `tag` after the previous replacement, in one pass.
    static func replaceInOrder(_ replacements: [(tag: String, replacement: String)], in text: String) -> String {
        guard !replacements.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + replacements.count * 32)
        var cursor = 0
        for (tag, replacement) in replacements {
            guard let at = ByteSearch.find(Array(tag.utf8), in: bytes, from: cursor) else { continue }
            out += bytes[cursor..<at]
            out += replacement.utf8
            cursor = at + tag.utf8.count
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Replaces math and value placeholders: in HTML as KaTeX-delimited, escaped spans; in plain
    /// text as the author wrote them.
    static func restore(_ text: String, _ placeholder: Placeholder, math: [(source: String, display: Bool)],
                        values: [(text: String, html: String)], html: Bool) -> String {
        placeholder.substitute(in: text) { kind, k in
            switch kind {
            case "m" where k < math.count:
                let m = math[k]
                if !html { return m.display ? "$$\(m.source)$$" : "$\(m.source)$" }
                return m.display
                    ? "<span class=\"math display\">\\[\(m.source.htmlEscaped)\\]</span>"
                    : "<span class=\"math inline\">\\(\(m.source.htmlEscaped)\\)</span>"
            case "v" where k < values.count:
                return html ? values[k].html : values[k].text
            default:
                return nil
            }
        }
    }

    /// An inline value; one with an origin carries it for the page script, which links it to the
    /// tables and figures of the same path: ` data-of="step.alpha" data-r="0" data-c="1"`, the
    /// expression and line for its tooltip, and the binding's generation when it was rebound.
    static func valueHTML(_ text: String, origin: InlineOrigin?, scope: PageScope) -> String {
        guard let origin else { return "<span class=\"value\">\(text.htmlEscaped)</span>" }
        var attributes = " data-expression=\"\(origin.expression.htmlEscaped)\""
        if origin.path != origin.expression { attributes += " data-of=\"\(origin.path.htmlEscaped)\"" }
        if let r = origin.row { attributes += " data-r=\"\(r)\"" }
        if let c = origin.column { attributes += " data-c=\"\(c)\"" }
        attributes += " data-line=\"\(origin.line)\"" + scope.generationAttribute(origin.binding)
        return "<span class=\"value\"\(attributes)>\(text.htmlEscaped)</span>"
    }

    static func renderCell(_ cell: RunCell, _ index: Int, slug: String, scope: PageScope = PageScope()) -> String {
        var classes = ["cell"]
        if cell.options.expectError { classes.append("expect-error") }
        var out = "<section class=\"\(classes.joined(separator: " "))\" id=\"cell-\(index + 1)\">\n"
        if !cell.options.hideCode {
            out += "<pre class=\"code\"><code>\(CodeHighlighter.html(cell.source))</code></pre>\n"
        }
        if !cell.outputs.isEmpty {
            out += "<div class=\"outputs\">\n"
            for output in cell.outputs { out += renderOutput(output, slug: slug, scope: scope) }
            out += "</div>\n"
        }
        return out + "</section>"
    }

    static func renderOutput(_ output: CellOutput, slug: String, scope: PageScope = PageScope()) -> String {
        switch output {
        case .table(let table):
            return "<div class=\"output table-scroll\">\(renderTable(table, scope: scope))</div>\n"
        case .text(let text):
            return "<pre class=\"output text\">\(text.htmlEscaped)</pre>\n"
        case .error(let text):
            return "<pre class=\"output error\" role=\"note\">\(text.htmlEscaped)</pre>\n"
        case .explanation(let w, let precision):
            let f = ArithmeticFormatter(precision: precision)
            var out = "<figure class=\"output explanation\"><figcaption>\(f.string(w.title).htmlEscaped)</figcaption>\n<pre>\(f.text(w, includingNote: false).htmlEscaped)</pre>"
            if let note = w.note { out += "\n<p class=\"note\">\(f.string(note).htmlEscaped)</p>" }
            return out + "</figure>\n"
        case .figure(let figure):
            let stem = String(figure.file.dropLast(4))
            let svg = FigureRenderer.svg(figure, id: "\(slug)-\(stem)")
            // Figures up to 520 px shrink to fit a phone; larger ones keep their size and scroll.
            let fits = svgWidth(svg).map { $0 <= 520 } ?? false
            let provenance = figure.heatmap?.provenance ?? figure.bars?.provenance
            var origin = provenanceAttributes(provenance) + scope.generationAttribute(provenance?.binding)
            // Interactive extras, read by the page script: the other heads of a multi-head
            // heatmap, and each step's worked weights under the lines of a decoder run.
            var after = ""
            if figure.kind == .heatmap, let h = figure.heatmap, let heads = HeadChoices.of(h, scope: scope) {
                origin += heads.attributes
            }
            if figure.kind == .attentionLines, let h = figure.heatmap, let steps = StepWorkings.html(for: h, scope: scope) {
                after = steps
            }
            return "<figure class=\"output figure \(figure.kind.rawValue)\"\(origin)><div class=\"figure-scroll\(fits ? " fit" : "")\">\(svg)</div>\(after)<figcaption>\(figure.title.htmlEscaped) · <a href=\"\(slug.htmlEscaped)/\(figure.file.htmlEscaped)\">SVG file</a></figcaption></figure>\n"
        }
    }

    /// Where an output came from, as `data-` attributes a page script can link by: the expression,
    /// the binding and field it shows, and the line it is written on.
    static func provenanceAttributes(_ p: Provenance?) -> String {
        guard let p else { return "" }
        var out = " data-expression=\"\(p.expression.htmlEscaped)\""
        if let b = p.binding { out += " data-binding=\"\(b.htmlEscaped)\"" }
        if let f = p.field { out += " data-field=\"\(f.htmlEscaped)\"" }
        return out + " data-line=\"\(p.location.line)\""
    }

    /// The `width` attribute of an SVG's root element.
    static func svgWidth(_ svg: String) -> Double? {
        guard let r = svg.range(of: " width=\"") else { return nil }
        return Double(svg[r.upperBound...].prefix { $0 != "\"" })
    }

    static func renderTable(_ table: TableOutput, scope: PageScope = PageScope()) -> String {
        let cols = table.values.map(\.count).max() ?? 0
        let colLabels = table.columnLabels ?? (0..<cols).map { "\($0)" }
        let rowLabels: [String]? = table.rowLabels ?? (table.values.count > 1 ? table.values.indices.map { "\($0)" } : nil)
        let digits = table.columnDigits
        var out = "<table class=\"numbers\"\(provenanceAttributes(table.provenance))\(scope.generationAttribute(table.provenance?.binding))>"
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
/// digits only, so no Markdown rule can touch them, and with a prefix that occurs nowhere in the
/// lesson's text, so prose or a script string cannot forge one (`attnbookph`, lengthened with
/// `q`s until it is absent: deterministic, unlike a random nonce).
struct Placeholder {
    let prefix: String

    init(avoiding texts: [String]) {
        var prefix = "attnbookph"
        func occurs(in text: String) -> Bool {
            let needle = Array(prefix.utf8)
            guard text.utf8.count >= needle.count else { return false }
            // In place (a page's cells are tens of kilobytes: no copy of each into an array).
            return text.utf8.withContiguousStorageIfAvailable { ByteSearch.find(needle, in: $0, from: 0) != nil }
                ?? (ByteSearch.find(needle, in: Array(text.utf8), from: 0) != nil)
        }
        while texts.contains(where: occurs) { prefix += "q" }
        self.prefix = prefix
    }

    func cell(_ k: Int) -> String { "\(prefix)c\(k)z" }
    func math(_ k: Int) -> String { "\(prefix)m\(k)z" }
    func value(_ k: Int) -> String { "\(prefix)v\(k)z" }

    /// Replaces every placeholder in `text` in one pass over its UTF-8. `replacement(kind, index)`
    /// returns the new text, or `nil` to leave the placeholder as it is. With `enclosedIn`, only
    /// placeholders standing alone between those two strings are replaced, the enclosing strings included.
    func substitute(in text: String, enclosedIn: (open: String, close: String)? = nil,
                    _ replacement: (Character, Int) -> String?) -> String {
        let bytes = Array(text.utf8)
        let marker = Array(((enclosedIn?.open ?? "") + prefix).utf8)
        let close = Array((enclosedIn?.close ?? "").utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        while let at = ByteSearch.find(marker, in: bytes, from: cursor) {
            out += bytes[cursor..<at]
            // kind letter, digits, `z`, then the closing string.
            var j = at + marker.count
            var replaced = false
            if j < bytes.count {
                let kind = Character(Unicode.Scalar(bytes[j]))
                j += 1
                var k = 0, digits = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39, digits < 9 {
                    k = k * 10 + Int(bytes[j] - 0x30); j += 1; digits += 1
                }
                if digits > 0, j < bytes.count, bytes[j] == UInt8(ascii: "z"),
                   bytes.count - (j + 1) >= close.count, bytes[(j + 1)..<(j + 1 + close.count)].elementsEqual(close),
                   let new = replacement(kind, k) {
                    out += new.utf8
                    cursor = j + 1 + close.count
                    replaced = true
                }
            }
            if !replaced {
                out += marker
                cursor = at + marker.count
            }
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }
}
