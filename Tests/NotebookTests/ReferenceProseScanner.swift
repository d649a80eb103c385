import LessonScript
@testable import Notebook

// `ProseScanner` as it was before it read per-Character codes and copied runs: on an array of
// `Character`s, appending each to the Markdown. Kept unchanged as the reference
// `ProseScannerEquivalenceTests` holds the scanner to, for any input.

/// Finds math spans (`$…$`, `$$…$$`) and inline values (`{= expr }`) in prose, leaving code
/// (fenced blocks and backtick spans) alone, so Markdown's emphasis rules never see the math.
///
/// Inline `$…$` follows Pandoc's rule: the opening `$` is not followed by a space, the closing
/// one is not preceded by a space nor followed by a digit (so "$5 and $6" stays text), and it
/// does not cross a line. `\$` is a literal dollar.
enum ReferenceProseScanner {
    static func scan(_ prose: Prose, file: String) -> [ProsePiece] {
        var pieces: [ProsePiece] = []
        var text = ""
        func flush() { if !text.isEmpty { pieces.append(.markdown(text)); text = "" } }

        let chars = Array(prose.text)
        // Line and column of an index, for inline-value locations: counted forward from the last
        // one asked for (indices only grow), instead of a table of every character's position.
        var cursor = (index: 0, line: prose.firstLine, column: 1)
        func position(_ i: Int) -> (Int, Int) {
            while cursor.index < i {
                if chars[cursor.index] == "\n" { cursor.line += 1; cursor.column = 1 } else { cursor.column += 1 }
                cursor.index += 1
            }
            return (cursor.line, cursor.column)
        }

        let index = ReferenceScanIndex(chars)
        var i = 0
        var atLineStart = true
        var openFence: Fence?
        while i < chars.count {
            // Fenced code (non-attn) inside prose: copy verbatim up to and including the closing fence.
            if atLineStart, openFence != nil || mayOpenFence(chars, at: i) {
                let end = chars[i...].firstIndex(of: "\n") ?? chars.count
                let lineText = String(chars[i..<end])
                if let fence = openFence {
                    if fence.isClosed(by: lineText) { openFence = nil }
                    text += lineText
                    if end < chars.count { text += "\n" }
                    i = end + 1
                    continue
                } else if let fence = Fence(lineText) {
                    openFence = fence
                    text += lineText
                    if end < chars.count { text += "\n" }
                    i = end + 1
                    continue
                }
            }
            let c = chars[i]
            atLineStart = false
            switch c {
            case "\n":
                text.append(c); i += 1; atLineStart = true
            case "\\" where i + 1 < chars.count:
                text.append(c); text.append(chars[i + 1]); i += 2
            case "`":
                // A code span: the same run of backticks closes it; copy it whole.
                let run = chars[i...].prefix { $0 == "`" }.count
                if let close = index.backtickRun(ofLength: run, from: i + run) {
                    text += String(chars[i..<(close + run)]); i = close + run
                } else { text += String(chars[i..<(i + run)]); i += run }
            case "$" where i + 1 < chars.count && chars[i + 1] == "$":
                if let close = index.next(index.displayClosers, from: i + 2) {
                    flush()
                    pieces.append(.math(String(chars[(i + 2)..<close]), display: true))
                    i = close + 2
                } else { text += "$$"; i += 2 }
            case "$":
                if let close = index.inlineMathEnd(from: i, in: chars) {
                    flush()
                    pieces.append(.math(String(chars[(i + 1)..<close]), display: false))
                    i = close + 1
                } else { text.append(c); i += 1 }
            case "{" where i + 1 < chars.count && chars[i + 1] == "=":
                if let close = index.next(index.braces, from: i + 2) {
                    let inner = chars[(i + 2)..<close]
                    let lead = inner.prefix { $0 == " " || $0 == "\t" }.count
                    let (l, col) = position(i + 2 + lead)
                    flush()
                    pieces.append(.value(String(inner).trimmingWhitespaceAndNewlines,
                                         SourceLocation(file: file, line: l, column: col)))
                    i = close + 1
                } else { text.append(c); i += 1 }
            default:
                text.append(c); i += 1
            }
        }
        flush()
        return pieces
    }

    /// Whether the line starting at `i` can open a fence (at most 3 spaces, then ``` or ~~~):
    /// checked on the characters, so an ordinary line is not first copied into a string for `Fence`.
    private static func mayOpenFence(_ chars: [Character], at i: Int) -> Bool {
        var k = i
        while k < chars.count, k - i < 4, chars[k] == " " { k += 1 }
        guard k - i <= 3, k + 2 < chars.count, chars[k] == "`" || chars[k] == "~" else { return false }
        return chars[k + 1] == chars[k] && chars[k + 2] == chars[k]
    }
}

/// Where each kind of closing delimiter is, found in one pass, so finding the close of an opener
/// is a lookup, not a scan to the end of the text: a line of 40,000 unclosed `$a ` used to cost
/// 40,000 scans of the line (half a minute), and now costs one pass.
///
/// A character is *escaped* when an odd run of backslashes stands right before it; that is what
/// a left-to-right scan that skips `\` and the next character sees from any opener.
struct ReferenceScanIndex {
    /// Ascending positions of unescaped `$$` (display math closers).
    let displayClosers: [Int]
    /// Ascending positions of `$` that close inline math: unescaped, after a non-space, not before a digit.
    let inlineClosers: [Int]
    /// Ascending positions of unescaped newlines that start a blank line (or end the text): inline
    /// math does not cross them.
    let paragraphBreaks: [Int]
    /// Ascending positions of `}` (inline values close at the first).
    let braces: [Int]
    /// For each backtick run length, the ascending start positions of maximal runs of that length.
    let backtickRuns: [Int: [Int]]

    init(_ chars: [Character]) {
        var display: [Int] = [], inline: [Int] = [], breaks: [Int] = [], braces: [Int] = []
        var runs: [Int: [Int]] = [:]
        var backslashes = 0
        var j = 0
        while j < chars.count {
            let c = chars[j]
            let escaped = backslashes % 2 == 1
            switch c {
            case "$" where !escaped:
                if j + 1 < chars.count, chars[j + 1] == "$" { display.append(j) }
                let after: Character? = j + 1 < chars.count ? chars[j + 1] : nil
                if j > 0, !chars[j - 1].isWhitespace, !(after?.isNumber ?? false) { inline.append(j) }
            case "\n" where !escaped:
                var k = j + 1
                while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
                if k >= chars.count || chars[k] == "\n" { breaks.append(j) }
            case "}":
                braces.append(j)
            case "`":
                let run = chars[j...].prefix { $0 == "`" }.count
                runs[run, default: []].append(j)
                backslashes = 0
                j += run
                continue
            default: break
            }
            backslashes = c == "\\" ? backslashes + 1 : 0
            j += 1
        }
        displayClosers = display
        inlineClosers = inline
        paragraphBreaks = breaks
        self.braces = braces
        backtickRuns = runs
    }

    /// The first position in `positions` (ascending) at or after `start`.
    /// (A plain scan: the scanner's own binary search is what is being checked.)
    func next(_ positions: [Int], from start: Int) -> Int? {
        positions.first { $0 >= start }
    }

    /// The `$` closing inline math opened at `open`, if any: Pandoc's rule (no space after the
    /// opener, none before the closer, no digit after it), on one paragraph (it may wrap lines).
    func inlineMathEnd(from open: Int, in chars: [Character]) -> Int? {
        guard open + 1 < chars.count, !chars[open + 1].isWhitespace,
              let close = next(inlineClosers, from: open + 1) else { return nil }
        if let stop = next(paragraphBreaks, from: open + 1), stop < close { return nil }
        return close
    }

    /// The start of the first maximal backtick run of exactly `length` at or after `start`.
    func backtickRun(ofLength length: Int, from start: Int) -> Int? {
        backtickRuns[length].flatMap { next($0, from: start) }
    }
}
