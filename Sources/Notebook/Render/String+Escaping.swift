import LessonScript
import Foundation

extension String {
    /// Safe inside HTML/SVG text and double-quoted attributes.
    public var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Literal text inside Markdown prose or link text: every character Markdown could read as
    /// syntax is escaped.
    public var markdownEscaped: String {
        var out = ""
        for c in self {
            if "\\`*_[]<>|~$&".contains(c) { out += "\\" }
            out.append(c)
        }
        return out
    }

    /// Literal text on one Markdown line (a title, a summary): escaped, line breaks flattened, and
    /// a leading `#`, `-`, `+`, `=` or number-dot escaped so it cannot start a heading or a list.
    public var markdownLine: String {
        var flat = markdownEscaped.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        if let first = flat.first, "#-+=>".contains(first) { flat = "\\" + flat }
        return flat
    }

    /// A relative link target in Markdown: spaces, brackets and other specials percent-encoded.
    public var markdownLinkTarget: String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "()<>[] ")
        return addingPercentEncoding(withAllowedCharacters: allowed) ?? self
    }

    /// A GFM table cell: pipes escaped, line breaks flattened.
    var markdownTableCell: String {
        markdownEscaped.replacingOccurrences(of: "\n", with: " ")
    }

    /// An `id` attribute / URL fragment from heading text: lower case, letters (any script) and
    /// digits kept, everything else collapsed to `-`.
    var anchorSlug: String {
        let out = Slug.words(self, lowercase: true)
        return out.isEmpty ? "section" : out
    }
}

/// Deterministic, locale-free number text for SVG coordinates (ASCII minus, at most one decimal).
func svgNumber(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let a = abs(tenths)
    return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
}
