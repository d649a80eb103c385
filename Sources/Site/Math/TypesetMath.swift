import Notebook

/// The MathML of every formula of the site, put in place of the TeX spans the notebook renderer
/// writes (`<span class="math inline">\(…\)</span>`, `<span class="math display">\[…\]</span>`,
/// TeX HTML-escaped). A formula without MathML (KaTeX refused it, or is not installed) keeps its
/// TeX source, readable as it is.
struct TypesetMath {
    var mathml: [MathSpan: String] = [:]

    private static let forms: [(open: String, close: String, display: Bool)] = [
        ("<span class=\"math inline\">\\(", "\\)</span>", false),
        ("<span class=\"math display\">\\[", "\\]</span>", true),
    ]

    /// `html` with every span that has MathML replaced. The escaped TeX cannot contain `</span>`,
    /// so the first closing marker after an opening one ends the span.
    func apply(to html: String) -> String {
        guard !mathml.isEmpty, html.contains("<span class=\"math ") else { return html }
        var text = html
        for form in Self.forms {
            var out = ""
            var rest = text[...]
            while let open = rest.range(of: form.open) {
                guard let close = rest.range(of: form.close, range: open.upperBound..<rest.endIndex) else { break }
                out += rest[..<open.lowerBound]
                let source = Self.unescapeHTML(rest[open.upperBound..<close.lowerBound])
                if let rendered = mathml[MathSpan(source: source, display: form.display)] {
                    out += "<span class=\"math \(form.display ? "display" : "inline")\">\(rendered)</span>"
                } else {
                    out += rest[open.lowerBound..<close.upperBound]
                }
                rest = rest[close.upperBound...]
            }
            text = out + rest
        }
        return text
    }

    /// Undoes `htmlEscaped`.
    static func unescapeHTML(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
