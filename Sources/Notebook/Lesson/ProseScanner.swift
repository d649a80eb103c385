import Foundation
import LessonScript

/// A piece of prose after math spans and inline values are found.
public enum ProsePiece: Equatable, Sendable {
    /// Markdown, handed to cmark-gfm (HTML) or copied (Markdown).
    case markdown(String)
    /// A math span, without its delimiters; `display` for `$$…$$`.
    case math(String, display: Bool)
    /// An inline value `{= expr }`: the expression and where it starts in the lesson file.
    case value(String, SourceLocation)
}

/// Finds math spans (`$…$`, `$$…$$`) and inline values (`{= expr }`) in prose, leaving code
/// (fenced blocks and backtick spans) alone, so Markdown's emphasis rules never see the math.
///
/// Inline `$…$` follows Pandoc's rule: the opening `$` is not followed by a space, the closing
/// one is not preceded by a space nor followed by a digit (so "$5 and $6" stays text), and it
/// does not cross a line. `\$` is a literal dollar.
///
/// The scan reads `Character`s (a `$` with a combining mark after it is no dollar) through
/// `ProseCharacters`: one code byte each, and Markdown copied as whole runs of the text.
enum ProseScanner {
    static func scan(_ prose: Prose, file: String) -> [ProsePiece] {
        let chars = ProseCharacters(prose.text)
        let codes = chars.codes, n = chars.count
        var pieces: [ProsePiece] = []
        // The Markdown not yet emitted is `Character`s `markdownStart..<i`: everything the scan
        // passes over is copied verbatim, so it is one slice of the text.
        var markdownStart = 0
        func flush(upTo end: Int) {
            if end > markdownStart { pieces.append(.markdown(chars.string(markdownStart, end))) }
        }

        // Line and column of an index, for inline-value locations: counted forward from the last
        // one asked for (indices only grow), instead of a table of every character's position.
        var cursor = (index: 0, line: prose.firstLine, column: 1)
        func position(_ i: Int) -> (Int, Int) {
            while cursor.index < i {
                if codes[cursor.index] == newline { cursor.line += 1; cursor.column = 1 } else { cursor.column += 1 }
                cursor.index += 1
            }
            return (cursor.line, cursor.column)
        }

        let index = ScanIndex(chars)
        var i = 0
        var atLineStart = true
        var openFence: Fence?
        while i < n {
            // Fenced code (non-attn) inside prose: copy verbatim up to and including the closing fence.
            if atLineStart, openFence != nil || mayOpenFence(codes, at: i) {
                let end = codes[i...].firstIndex(of: newline) ?? n
                let lineText = chars.string(i, end)
                if let fence = openFence {
                    if fence.isClosed(by: lineText) { openFence = nil }
                    i = end + 1
                    continue
                } else if let fence = Fence(lineText) {
                    openFence = fence
                    i = end + 1
                    continue
                }
            }
            let c = codes[i]
            atLineStart = false
            switch c {
            case newline:
                i += 1; atLineStart = true
            case backslash where i + 1 < n:
                i += 2
            case backtick:
                // A code span: the same run of backticks closes it; copy it whole.
                let run = codes[i...].prefix { $0 == backtick }.count
                if let close = index.backtickRun(ofLength: run, from: i + run) { i = close + run } else { i += run }
            case dollar where i + 1 < n && codes[i + 1] == dollar:
                if let close = index.next(index.displayClosers, from: i + 2) {
                    flush(upTo: i)
                    pieces.append(.math(chars.string(i + 2, close), display: true))
                    i = close + 2
                    markdownStart = i
                } else { i += 2 }
            case dollar:
                if let close = index.inlineMathEnd(from: i, in: chars) {
                    flush(upTo: i)
                    pieces.append(.math(chars.string(i + 1, close), display: false))
                    i = close + 1
                    markdownStart = i
                } else { i += 1 }
            case UInt8(ascii: "{") where i + 1 < n && codes[i + 1] == UInt8(ascii: "="):
                if let close = index.next(index.braces, from: i + 2) {
                    let lead = codes[(i + 2)..<close].prefix { $0 == space || $0 == tab }.count
                    let (l, col) = position(i + 2 + lead)
                    flush(upTo: i)
                    pieces.append(.value(chars.string(i + 2, close).trimmingWhitespaceAndNewlines,
                                         SourceLocation(file: file, line: l, column: col)))
                    i = close + 1
                    markdownStart = i
                } else { i += 1 }
            default:
                i += 1
            }
        }
        flush(upTo: n)
        return pieces
    }

    /// Whether the line starting at `i` can open a fence (at most 3 spaces, then ``` or ~~~):
    /// checked on the codes, so an ordinary line is not first copied into a string for `Fence`.
    private static func mayOpenFence(_ codes: [UInt8], at i: Int) -> Bool {
        var k = i
        while k < codes.count, k - i < 4, codes[k] == space { k += 1 }
        guard k - i <= 3, k + 2 < codes.count, codes[k] == backtick || codes[k] == UInt8(ascii: "~") else { return false }
        return codes[k + 1] == codes[k] && codes[k + 2] == codes[k]
    }
}

/// The codes `ProseScanner` and `ScanIndex` look for.
private let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
private let backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`"), dollar = UInt8(ascii: "$")

/// Where each kind of closing delimiter is, found in one pass, so finding the close of an opener
/// is a lookup, not a scan to the end of the text: a line of 40,000 unclosed `$a ` used to cost
/// 40,000 scans of the line (half a minute), and now costs one pass.
///
/// A character is *escaped* when an odd run of backslashes stands right before it; that is what
/// a left-to-right scan that skips `\` and the next character sees from any opener.
struct ScanIndex {
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

    init(_ chars: ProseCharacters) {
        let codes = chars.codes, n = chars.count
        var display: [Int] = [], inline: [Int] = [], breaks: [Int] = [], braces: [Int] = []
        var runs: [Int: [Int]] = [:]
        var backslashes = 0
        var j = 0
        while j < n {
            let c = codes[j]
            let escaped = backslashes % 2 == 1
            switch c {
            case dollar where !escaped:
                if j + 1 < n, codes[j + 1] == dollar { display.append(j) }
                if j > 0, !chars.isWhitespace(j - 1), !(j + 1 < n && chars.isNumber(j + 1)) { inline.append(j) }
            case newline where !escaped:
                var k = j + 1
                while k < n, codes[k] == space || codes[k] == tab { k += 1 }
                if k >= n || codes[k] == newline { breaks.append(j) }
            case UInt8(ascii: "}"):
                braces.append(j)
            case backtick:
                let run = codes[j...].prefix { $0 == backtick }.count
                runs[run, default: []].append(j)
                backslashes = 0
                j += run
                continue
            default: break
            }
            backslashes = c == backslash ? backslashes + 1 : 0
            j += 1
        }
        displayClosers = display
        inlineClosers = inline
        paragraphBreaks = breaks
        self.braces = braces
        backtickRuns = runs
    }

    /// The first position in `positions` (ascending) at or after `start`.
    func next(_ positions: [Int], from start: Int) -> Int? {
        var low = 0, high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < start { low = mid + 1 } else { high = mid }
        }
        return low < positions.count ? positions[low] : nil
    }

    /// The `$` closing inline math opened at `open`, if any: Pandoc's rule (no space after the
    /// opener, none before the closer, no digit after it), on one paragraph (it may wrap lines).
    func inlineMathEnd(from open: Int, in chars: ProseCharacters) -> Int? {
        guard open + 1 < chars.count, !chars.isWhitespace(open + 1),
              let close = next(inlineClosers, from: open + 1) else { return nil }
        if let stop = next(paragraphBreaks, from: open + 1), stop < close { return nil }
        return close
    }

    /// The start of the first maximal backtick run of exactly `length` at or after `start`.
    func backtickRun(ofLength length: Int, from start: Int) -> Int? {
        backtickRuns[length].flatMap { next($0, from: start) }
    }
}
