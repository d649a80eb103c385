/// A lesson file's lines, found once on its UTF-8 bytes: where each line starts and ends, and each
/// line as a `String` (`Lesson.sourceLines`, for diagnostics).
///
/// The lines are split at every LF byte (a valid string split at an ASCII byte stays valid), and a
/// last empty line (after a final newline, or an empty file) is not a line. Consecutive lines are
/// consecutive bytes, one LF apart, so the text of a run of lines — a prose block, a cell's code —
/// is one slice of the file, not its lines joined again.
struct LessonLines {
    /// The file's UTF-8 (CRLF already made LF by the parser).
    let bytes: [UInt8]
    /// Line `k` is `bytes[starts[k]..<(starts[k + 1] - 1)]`; `starts[count]` is one past the last
    /// line's newline, or `bytes.count + 1` when the file does not end in one.
    private let starts: [Int]
    /// The lines as strings, without their newlines.
    let strings: [String]

    /// The file's text, which the lines and blocks are copied from (a slice of a `String` is
    /// copied as it is; `String(decoding:)` would check the UTF-8 again).
    private let text: String

    /// Splits `text` into lines.
    init(_ text: String) {
        let bytes = Array(text.utf8)
        var starts = [0]
        var strings: [String] = []
        var start = 0
        while start < bytes.count {
            let end = ByteSearch.find(Self.newline, in: bytes, from: start) ?? bytes.count
            strings.append(Self.slice(text, start, end))
            start = end + 1
            starts.append(start)
        }
        self.text = text
        self.bytes = bytes
        self.starts = starts
        self.strings = strings
    }

    private static let newline = [UInt8(ascii: "\n")]

    /// `text`'s bytes `from..<to` (at scalar boundaries) as a string.
    private static func slice(_ text: String, _ from: Int, _ to: Int) -> String {
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
    }

    /// The number of lines.
    var count: Int { strings.count }

    /// The byte offset where line `k` starts.
    func start(_ k: Int) -> Int { starts[k] }

    /// The byte offset where line `k` ends (its newline, or the end of the file).
    func end(_ k: Int) -> Int { starts[k + 1] - 1 }

    /// Lines `range` as one string, joined by newlines, with a newline after the last line too
    /// when `newlineAfterLast` (`lines.joined(separator: "\n")`, plus `"\n"` if asked).
    func text(_ range: Range<Int>, newlineAfterLast: Bool) -> String {
        guard !range.isEmpty else { return newlineAfterLast ? "\n" : "" }
        let from = starts[range.lowerBound], to = end(range.upperBound - 1)
        let hasNewline = to < bytes.count
        var text = Self.slice(self.text, from, newlineAfterLast && hasNewline ? to + 1 : to)
        if newlineAfterLast && !hasNewline { text.append("\n") }
        return text
    }

    /// Line `k` holds only white space as `trimmingCharacters(in: .whitespaces)` sees it (tabs,
    /// spaces, other space separators). Spaces and tabs are read as bytes; the first other ASCII
    /// byte answers no; a line with non-ASCII text before that is read by its scalars.
    func isBlank(_ k: Int) -> Bool {
        for p in starts[k]..<end(k) {
            let byte = bytes[p]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            if byte < 0x80 { return false }
            return strings[k].unicodeScalars.allSatisfy(\.isHorizontalWhitespace)
        }
        return true
    }

    /// Whether line `k` can open or close a code fence (`Fence.mayOpen`).
    func mayBeFence(_ k: Int) -> Bool {
        Fence.mayOpen(bytes, from: starts[k], to: end(k))
    }

    /// The first byte offset at or after `start` in line `k` where `pattern` occurs.
    func find(_ pattern: [UInt8], inLine k: Int, from start: Int? = nil) -> Int? {
        ByteSearch.find(pattern, in: bytes, from: start ?? starts[k], to: end(k))
    }
}
