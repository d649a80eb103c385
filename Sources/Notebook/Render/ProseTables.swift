/// Tables written in the prose (GFM pipe tables, as cmark-gfm renders them: a bare `<table>`),
/// made readable on a phone: a table of three or more columns gets `class="stacked"` and each of
/// its body cells starts with its column's heading in a `<b class="label">`, hidden on a wide
/// screen; on a narrow one the stylesheet shows each row as a card of labelled lines
/// (`attnbook.css`) instead of squeezing a column of words to one word a line beside a formula.
/// A heading's own markup (math, an inline value, emphasis) comes along: the label is the same
/// HTML. Tables of computed numbers (`table.numbers`) keep their grid and scroll.
enum ProseTables {
    static func label(_ html: String) -> String {
        let bytes = Array(html.utf8)
        let open = Array("<table>\n<thead>\n<tr>\n".utf8)
        guard ByteSearch.find(open, in: bytes, from: 0) != nil else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 4096)
        var cursor = 0
        while let start = ByteSearch.find(open, in: bytes, from: cursor),
              let headEnd = ByteSearch.find(Array("</thead>".utf8), in: bytes, from: start),
              let end = ByteSearch.find(Array("</table>".utf8), in: bytes, from: headEnd) {
            let labels = headings(bytes, from: start + open.count, to: headEnd)
            out += bytes[cursor..<start]
            guard labels.count >= 3 else {
                out += bytes[start..<end]
                cursor = end
                continue
            }
            out += Array("<table class=\"stacked\">".utf8)
            out += bytes[(start + "<table>".utf8.count)..<headEnd]
            // Body cells: `<td>` or `<td align="…">`, counted from each `<tr>`.
            var i = headEnd
            var column = 0
            while i < end {
                if bytes[i] == UInt8(ascii: "<"), ByteSearch.matches(Array("<tr>".utf8), in: bytes, at: i) {
                    column = 0
                } else if bytes[i] == UInt8(ascii: "<"), ByteSearch.matches(Array("<td".utf8), in: bytes, at: i),
                          let gt = bytes[i..<end].firstIndex(of: UInt8(ascii: ">")) {
                    out += bytes[i...gt]
                    if column < labels.count, !labels[column].isEmpty {
                        out += Array("<b class=\"label\">".utf8) + labels[column] + Array("</b>".utf8)
                    }
                    column += 1
                    i = gt + 1
                    continue
                }
                out.append(bytes[i])
                i += 1
            }
            cursor = end
        }
        out += bytes[cursor...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The inner HTML of each `<th …>…</th>` between `from` and `to`.
    private static func headings(_ bytes: [UInt8], from: Int, to: Int) -> [[UInt8]] {
        var labels: [[UInt8]] = []
        var i = from
        while let th = ByteSearch.find(Array("<th".utf8), in: bytes, from: i), th < to,
              let gt = bytes[th..<to].firstIndex(of: UInt8(ascii: ">")),
              let close = ByteSearch.find(Array("</th>".utf8), in: bytes, from: gt), close < to {
            labels.append(Array(bytes[(gt + 1)..<close]))
            i = close + 5
        }
        return labels
    }
}
