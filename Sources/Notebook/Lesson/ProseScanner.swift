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
enum ProseScanner {
    static func scan(_ prose: Prose, file: String) -> [ProsePiece] {
        var pieces: [ProsePiece] = []
        var text = ""
        func flush() { if !text.isEmpty { pieces.append(.markdown(text)); text = "" } }

        let chars = Array(prose.text)
        // Line and column of each index, for inline-value locations.
        var line = prose.firstLine, column = 1
        var positions: [(Int, Int)] = []
        positions.reserveCapacity(chars.count + 1)
        for c in chars {
            positions.append((line, column))
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        positions.append((line, column))

        var i = 0
        var atLineStart = true
        var openFence: Fence?
        while i < chars.count {
            // Fenced code (non-attn) inside prose: copy verbatim up to and including the closing fence.
            if atLineStart {
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
                var j = i + run
                var closed = false
                while j < chars.count {
                    if chars[j] == "`" {
                        let r = chars[j...].prefix { $0 == "`" }.count
                        if r == run { closed = true; j += r; break }
                        j += r
                    } else { j += 1 }
                }
                if closed { text += String(chars[i..<j]); i = j } else { text += String(chars[i..<(i + run)]); i += run }
            case "$" where i + 1 < chars.count && chars[i + 1] == "$":
                if let close = find("$$", in: chars, from: i + 2) {
                    flush()
                    pieces.append(.math(String(chars[(i + 2)..<close]), display: true))
                    i = close + 2
                } else { text += "$$"; i += 2 }
            case "$":
                if let close = inlineMathEnd(chars, from: i) {
                    flush()
                    pieces.append(.math(String(chars[(i + 1)..<close]), display: false))
                    i = close + 1
                } else { text.append(c); i += 1 }
            case "{" where i + 1 < chars.count && chars[i + 1] == "=":
                if let close = chars[(i + 2)...].firstIndex(of: "}") {
                    let inner = chars[(i + 2)..<close]
                    let lead = inner.prefix { $0 == " " || $0 == "\t" }.count
                    let (l, col) = positions[i + 2 + lead]
                    flush()
                    pieces.append(.value(String(inner).trimmingCharacters(in: .whitespacesAndNewlines),
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

    private static func find(_ needle: String, in chars: [Character], from start: Int) -> Int? {
        let n = Array(needle)
        var i = start
        while i + n.count <= chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if Array(chars[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    private static func inlineMathEnd(_ chars: [Character], from open: Int) -> Int? {
        guard open + 1 < chars.count, !chars[open + 1].isWhitespace else { return nil }
        var j = open + 1
        while j < chars.count {
            // Inline math may wrap onto the next line (a soft break), but not across a blank
            // line: that ends the paragraph, and the `$` was a plain dollar after all.
            if chars[j] == "\n" {
                var k = j + 1
                while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
                if k >= chars.count || chars[k] == "\n" { return nil }
                j += 1
                continue
            }
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "$" {
                let before = chars[j - 1]
                let after: Character? = j + 1 < chars.count ? chars[j + 1] : nil
                if !before.isWhitespace, !(after?.isNumber ?? false) { return j }
            }
            j += 1
        }
        return nil
    }
}
