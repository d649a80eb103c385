/// A remembered rendering moved to new lines of the lesson file (`LessonRenderMemo.text(for:lines:move:make:)`):
/// lines of prose added or removed above a cell change nothing in its rendering but the line
/// numbers it shows, so those are rewritten instead of rendering the cell again.
///
/// Both rewrites find only what the renderers themselves write: every text from the lesson is
/// escaped (`"` is `&quot;` in HTML, and a JSON string holds no raw newline), and each checks that
/// the numbers it finds are the ones the rendering was made with, else it gives nil (made again).
enum MovedRendering {
    /// A cell's HTML, made for the cell at lines `madeFor` (first, last), moved to `lines`: every
    /// `data-line` (its outputs' provenance) moved by the difference. Nil unless each one was
    /// within the cell and the cell has as many lines as before.
    static func html(_ html: String, madeFor: [Int], lines: [Int]) -> String? {
        guard madeFor.count == 2, lines.count == 2, lines[1] - lines[0] == madeFor[1] - madeFor[0] else { return nil }
        let shift = lines[0] - madeFor[0]
        return rewriteNumbers(in: html, after: " data-line=\"", terminator: UInt8(ascii: "\"")) { n, _ in
            madeFor[0] <= n && n <= madeFor[1] ? n + shift : nil
        }
    }

    /// A lesson's JSON, made for cells starting at lines `madeFor`, moved to `lines`: each cell's
    /// `"line"` replaced. Nil unless the JSON has one per cell, with the lines it was made for.
    static func json(_ json: String, madeFor: [Int], lines: [Int]) -> String? {
        guard madeFor.count == lines.count else { return nil }
        // An entry of the top-level `cells` array: nothing else is a `{` at that indentation.
        var count = 0
        let moved = rewriteNumbers(in: json, after: "\n    {\n      \"line\": ", terminator: UInt8(ascii: ",")) { n, k in
            count = k + 1
            return k < madeFor.count && madeFor[k] == n ? lines[k] : nil
        }
        return count == lines.count ? moved : nil
    }

    /// `text` with the decimal number after each `marker` (ended by `terminator`) replaced by
    /// `replace(number, k)` for the k-th one; nil as soon as one is not a number or `replace` gives nil.
    private static func rewriteNumbers(in text: String, after marker: String, terminator: UInt8,
                                       replace: (Int, Int) -> Int?) -> String? {
        let bytes = Array(text.utf8), pattern = Array(marker.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0, copied = 0, k = 0
        while let found = ByteSearch.find(pattern, in: bytes, from: i) {
            let start = found + pattern.count
            var end = start
            while end < bytes.count, end - start < 10, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            guard end > start, end < bytes.count, bytes[end] == terminator,
                  let n = Int(String(decoding: bytes[start..<end], as: UTF8.self)), let new = replace(n, k) else { return nil }
            out += bytes[copied..<start]
            out += String(new).utf8
            copied = end
            i = end
            k += 1
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
