import Foundation

/// The lesson parser's line pass written the plain way, on `String`s and `Character`s, as the
/// parser did it before it read bytes: `LessonLinePassTests` holds the parser to it.
///
/// Lines are split at every newline (CRLF made LF first, a last empty line dropped); after the
/// front matter, a line of at most three spaces, then three or more of one of "`" and "~", opens a
/// code block that a line of at least as many of that character (then only spaces and tabs)
/// closes, or the end of the file. A block whose info string's first space-separated word is
/// `attn` is a cell; everything else (other code blocks included) is prose, and a run of prose
/// lines becomes a block, the lines joined with a newline after each, unless every line is blank.
/// Characters compare as Swift compares them (canonically, so U+1FEF is a backtick).
enum ReferenceLinePass {
    /// A block as the pass found it; text as UTF-8, so blocks compare byte for byte (`String`'s
    /// `==` would call canonically equivalent texts equal).
    struct Block: Equatable {
        var isCell: Bool
        /// The prose, or the cell's code.
        var text: [UInt8]
        var firstLine: Int
        var hideCode = false, hideOutput = false, expectError = false, hasOptionsLine = false
    }

    /// A problem the line pass reports: where, its id, what it says and the line it quotes (UTF-8).
    struct Problem: Equatable {
        var line: Int, column: Int
        var id: String, message: [UInt8], sourceLine: [UInt8]?
    }

    /// What the pass found. `problems` holds only the problems of the line pass: a missing or
    /// unclosed front matter, unknown cell options (the YAML itself is not read here:
    /// `LessonLinePassTests` leaves the parser's diagnostics about it out).
    struct Result {
        var lines: [String] = []
        var blocks: [Block] = []
        var problems: [Problem] = []
        /// The front matter is unclosed: nothing else was read.
        var stopped = false
    }

    static func run(_ source: String) -> Result {
        var result = Result()
        var text = source
        if text.contains("\r\n") { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        // On the scalar, not the `Character`: CR LF is one `Character`, and making CRLF LF can
        // leave one ("\r\r\n" becomes "\r\n"), which is a line "\r" and a line break.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        if lines.last == "" { lines.removeLast() }
        result.lines = lines
        func problem(_ line: Int, _ column: Int, _ id: String, _ message: String) {
            result.problems.append(Problem(line: line, column: column, id: id, message: Array(message.utf8),
                                           sourceLine: line <= lines.count ? Array(lines[line - 1].utf8) : nil))
        }

        var body = 0
        if let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" {
            var close: Int?
            for k in 1..<lines.count where ["---", "..."].contains(lines[k].trimmingCharacters(in: .whitespaces)) {
                close = k
                break
            }
            guard let close else {
                problem(1, 1, "front-matter-unclosed", "front matter opened with `---` is never closed; expected a line `---` after it")
                result.stopped = true
                return result
            }
            body = close + 1
        } else {
            problem(1, 1, "front-matter-missing", "expected YAML front matter with a `title` (a first line `---`), found none")
        }

        var prose: [String] = []
        var proseFirstLine = body + 1
        func endProse() {
            let blank = prose.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            if !blank {
                var joined = ""
                for line in prose { joined += line + "\n" }
                result.blocks.append(Block(isCell: false, text: Array(joined.utf8), firstLine: proseFirstLine))
            }
            prose = []
        }

        var k = body
        while k < lines.count {
            guard let (fenceCharacter, fenceLength, info) = opening(lines[k]) else {
                prose.append(lines[k])
                k += 1
                continue
            }
            var close = k + 1
            while close < lines.count && !closes(lines[close], fenceCharacter, fenceLength) { close += 1 }
            let firstWord = info.split(separator: " ").first.map(String.init)
            if firstWord != "attn" {
                for m in k...min(close, lines.count - 1) { prose.append(lines[m]) }
                k = close + 1
                continue
            }
            endProse()
            proseFirstLine = close + 2

            var hideCode = false, hideOutput = false, expectError = false
            func readWords(_ line: String, after marker: String, lineNumber: Int) {
                let markerRange = line.range(of: marker)!
                var column = line.distance(from: line.startIndex, to: markerRange.upperBound) + 1
                var word = "", wordColumn = 0
                func endWord() {
                    switch word {
                    case "": break
                    case "hide-code": hideCode = true
                    case "hide-output": hideOutput = true
                    case "expect-error": expectError = true
                    default:
                        problem(lineNumber, wordColumn, "unknown-cell-option",
                                "unknown cell option `\(word)`; expected one of `hide-code`, `hide-output`, `expect-error`")
                    }
                    word = ""
                }
                for c in line[markerRange.upperBound...] {
                    if c == " " || c == "\t" || c == "," {
                        endWord()
                    } else {
                        if word.isEmpty { wordColumn = column }
                        word.append(c)
                    }
                    column += 1
                }
                endWord()
            }
            readWords(lines[k], after: "attn", lineNumber: k + 1)
            var hasOptionsLine = false
            if k + 1 < close, let marker = lines[k + 1].range(of: "//|"),
               lines[k + 1][..<marker.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) {
                hasOptionsLine = true
                readWords(lines[k + 1], after: "//|", lineNumber: k + 2)
            }
            var code: [String] = []
            var m = k + 1
            while m < close && m < lines.count { code.append(lines[m]); m += 1 }
            result.blocks.append(Block(isCell: true, text: Array(code.joined(separator: "\n").utf8), firstLine: k + 2, hideCode: hideCode,
                                       hideOutput: hideOutput, expectError: expectError, hasOptionsLine: hasOptionsLine))
            k = close + 1
        }
        endProse()
        return result
    }

    /// The fence `line` opens, if any: its character, how many, and its info string.
    static func opening(_ line: String) -> (Character, Int, String)? {
        var rest = Substring(line)
        var spaces = 0
        while rest.first == " " { rest.removeFirst(); spaces += 1 }
        guard spaces < 4, let c = rest.first, c == "`" || c == "~" else { return nil }
        var count = 0
        while rest.first == c { rest.removeFirst(); count += 1 }
        guard count >= 3 else { return nil }
        let info = rest.trimmingCharacters(in: .whitespaces)
        if c == "`" && info.contains("`") { return nil }
        return (c, count, info)
    }

    /// Whether `line` closes a fence of `count` or more `character`s.
    static func closes(_ line: String, _ character: Character, _ count: Int) -> Bool {
        var rest = Substring(line)
        var spaces = 0
        while rest.first == " " { rest.removeFirst(); spaces += 1 }
        guard spaces < 4 else { return false }
        var run = 0
        while rest.first == character { rest.removeFirst(); run += 1 }
        return run >= count && rest.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
