import Notebook

/// The MathML of every formula of the site, put in place of the TeX spans the notebook renderer
/// writes (`<span class="math inline">\(…\)</span>`, `<span class="math display">\[…\]</span>`,
/// TeX HTML-escaped). A formula without MathML (KaTeX refused it, or is not installed) keeps its
/// TeX source, readable as it is.
struct TypesetMath {
    var mathml: [MathSpan: String] = [:]

    private static let forms: [(open: [UInt8], close: [UInt8], display: Bool)] = [
        (Array("<span class=\"math inline\">\\(".utf8), Array("\\)</span>".utf8), false),
        (Array("<span class=\"math display\">\\[".utf8), Array("\\]</span>".utf8), true),
    ]
    private static let marker = Array("<span class=\"math ".utf8)

    /// `html` with every span that has MathML replaced. The escaped TeX cannot contain `</span>`,
    /// so the first closing marker after an opening one ends the span.
    func apply(to html: String) -> String {
        guard !mathml.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        var copied = 0, i = 0
        while let at = ByteSearch.find(Self.marker, in: bytes, from: i) {
            i = at + Self.marker.count
            guard let form = Self.forms.first(where: { ByteSearch.matches($0.open, in: bytes, at: at) }),
                  let close = ByteSearch.find(form.close, in: bytes, from: at + form.open.count) else { continue }
            let source = ByteSearch.unescapeHTML(bytes[(at + form.open.count)..<close])
            guard let rendered = mathml[MathSpan(source: source, display: form.display)] else { continue }
            if out.isEmpty { out.reserveCapacity(bytes.count * 3) }
            out += bytes[copied..<at]
            out += Array("<span class=\"math \(form.display ? "display" : "inline")\">".utf8)
            out += Array(rendered.utf8)
            out += Array("</span>".utf8)
            copied = close + form.close.count
            i = copied
        }
        if copied == 0 { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Undoes `htmlEscaped`.
    static func unescapeHTML(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
