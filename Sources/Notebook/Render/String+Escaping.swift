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
        // Text without any of those bytes has none of those characters (a special followed by a
        // combining mark is another character, so the byte test only sends more text the slow way).
        if !utf8.contains(where: { Self.markdownSpecialBytes[Int($0)] }) { return self }
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
        var flat = markdownEscaped
        if flat.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            flat = flat.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
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
        let escaped = markdownEscaped
        return escaped.utf8.contains(UInt8(ascii: "\n")) ? escaped.replacingOccurrences(of: "\n", with: " ") : escaped
    }

    /// The bytes of the characters `markdownEscaped` escapes.
    private static let markdownSpecialBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in "\\`*_[]<>|~$&".utf8 { table[Int(b)] = true }
        return table
    }()

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

extension String {
    /// The text without line breaks at either end: the scalars of Foundation's
    /// `CharacterSet.newlines` (U+000A–U+000D, U+0085, U+2028, U+2029), trimmed in one pass
    /// over the scalars instead of through a bridged `NSString`.
    var trimmingNewlines: String {
        func isNewline(_ s: Unicode.Scalar) -> Bool {
            (0x0A...0x0D).contains(s.value) || s.value == 0x85 || s.value == 0x2028 || s.value == 0x2029
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isNewline($0) }),
              let last = scalars.lastIndex(where: { !isNewline($0) }) else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }

    /// Math with every `<` that could open an HTML tag (one before an ASCII letter, `/`, `!` or `?`)
    /// written `\lt ` (KaTeX's `<`), so a tag inside math is not markup.
    var neutralizingTagStarts: String {
        guard utf8.contains(UInt8(ascii: "<")) else { return self }
        var out = String.UnicodeScalarView()
        var scalars = unicodeScalars.makeIterator()
        var next = scalars.next()
        while let s = next {
            next = scalars.next()
            if s == "<", let n = next, n.isASCII, n.properties.isAlphabetic || n == "/" || n == "!" || n == "?" {
                out.append(contentsOf: "\\lt ".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
