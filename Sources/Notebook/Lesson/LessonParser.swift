import Foundation
import LessonScript
import Yams

/// Splits a lesson file into front matter, prose and `attn` cells.
///
/// Fences are found line by line (CommonMark's rules, simplified to top-level fences): a line of
/// three or more backticks or tildes, indented at most three spaces, opens a code block that the
/// same character repeated at least as often closes. Only fences whose info string starts with
/// `attn` become cells; other code blocks stay in the prose untouched.
public enum LessonParser {
    /// Parses a lesson.
    /// - Parameters:
    ///   - source: the file's text.
    ///   - path: the path used in diagnostics.
    /// - Returns: the lesson.
    /// - Throws: `LessonError` with every problem found (front matter, cell options).
    /// - Parameter scans: prose blocks scanned by an earlier parse of the same file (`serve`, `watch`).
    public static func parse(_ source: String, path: String, scans: ProseScanMemo? = nil) throws(LessonError) -> Lesson {
        try parse(source, path: path, readingPlainFrontMatter: true, scans: scans)
    }

    /// `parse`, with `readingPlainFrontMatter` false to send every front matter through Yams
    /// (tests compare the two readings).
    static func parse(_ source: String, path: String, readingPlainFrontMatter: Bool, scans: ProseScanMemo? = nil) throws(LessonError) -> Lesson {
        var keptScans: ProseScanMemo.Kept = [:]
        defer { scans?.keep(keptScans, for: path) }
        // Most files have no CR at all; Foundation's replace (bridged to UTF-16) costs a pass anyway.
        // The look for one is `memchr` on the string's own bytes (`Sequence.contains` on its UTF-8
        // view went a byte at a time, a twentieth of a parse).
        let text = Self.containsCR(source) ? source.replacingOccurrences(of: "\r\n", with: "\n") : source
        // Lines are found on the bytes, not through Foundation (which bridged the whole lesson to
        // UTF-16 and was a tenth of a one-lesson rebuild).
        let source = LessonLines(text)
        let lines = source.strings
        var diagnostics: [Diagnostic] = []
        func located(_ line: Int, _ column: Int, _ id: String, _ message: String, fix: String? = nil) -> Diagnostic {
            Diagnostic(at: SourceLocation(file: path, line: line, column: column), id: id, message, fix: fix,
                       sourceLine: line - 1 < lines.count ? lines[line - 1] : nil)
        }

        // Front matter.
        var frontMatter = FrontMatter(title: "")
        var bodyStart = 0
        if lines.first?.trimmingWhitespace == "---" {
            guard let end = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingWhitespace) }) else {
                throw LessonError([located(1, 1, "front-matter-unclosed", "front matter opened with `---` is never closed; expected a line `---` after it")])
            }
            bodyStart = end + 1
            frontMatter = parseFrontMatter(lines[1..<end], plain: readingPlainFrontMatter, located: located, diagnostics: &diagnostics)
        } else {
            diagnostics.append(located(1, 1, "front-matter-missing",
                                       "expected YAML front matter with a `title` (a first line `---`), found none",
                                       fix: "start the file with `---`, `title: …`, `---`"))
        }

        // Body: prose and cells. A prose block is the lines from `proseFrom` up to the next cell,
        // one slice of the file (non-attn code blocks included); lines are read as bytes until one
        // may be a fence, which `Fence` then reads as CommonMark does.
        var blocks: [LessonBlock] = []
        var proseFrom = bodyStart
        func flushProse(upTo end: Int) {
            if proseFrom < end, (proseFrom..<end).contains(where: { !source.isBlank($0) }) {
                blocks.append(.prose(Prose(scanning: source.text(proseFrom..<end, newlineAfterLast: true), firstLine: proseFrom + 1,
                                           file: path, memo: scans, kept: &keptScans)))
            }
        }
        var i = bodyStart
        while i < lines.count {
            guard source.mayBeFence(i), let fence = Fence(lines[i]) else { i += 1; continue }
            var j = i + 1
            while j < lines.count, !(source.mayBeFence(j) && fence.isClosed(by: lines[j])) { j += 1 }
            if fence.info.split(separator: " ", maxSplits: 1).first == "attn" {
                flushProse(upTo: i)
                proseFrom = j + 1
                var options = CellOptions()
                /// Reads option words from `text`, which starts at `column` (1-based) of lesson line `line`.
                func readOptions(_ words: [(String, Int)], line: Int) {
                    for (word, column) in words {
                        switch word {
                        case "hide-code": options.hideCode = true
                        case "hide-output": options.hideOutput = true
                        case "expect-error": options.expectError = true
                        default:
                            diagnostics.append(located(line, column, "unknown-cell-option",
                                                       "unknown cell option `\(word)`; expected one of \(CellOptions.names.map { "`\($0)`" }.joined(separator: ", "))"))
                        }
                    }
                }
                // The info string's first word is `attn`, and only spaces, fence characters and
                // white space come before it: its first occurrence in the bytes is that word.
                let attn = source.find(Self.attnBytes, inLine: i)! - source.start(i)
                readOptions(Self.words(in: lines[i], from: lines[i].utf8.index(lines[i].utf8.startIndex, offsetBy: attn + 4)), line: i + 1)
                // Or on a first-line comment `//| hide-code expect-error`, which stays in the code
                // (so line numbers hold) but is not shown.
                var hasOptionsLine = false
                if i + 1 < j, let afterBar = Self.optionsComment(source, line: i + 1) {
                    hasOptionsLine = true
                    readOptions(Self.words(in: lines[i + 1], from: afterBar), line: i + 2)
                }
                let code = source.text((i + 1)..<min(j, lines.count), newlineAfterLast: false)
                blocks.append(.cell(Cell(source: code, firstLine: i + 2, options: options, hasOptionsLine: hasOptionsLine)))
            }
            i = j + 1
        }
        flushProse(upTo: lines.count)

        if !diagnostics.isEmpty { throw LessonError(diagnostics) }
        let slug = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return Lesson(path: path, slug: slug, frontMatter: frontMatter, blocks: blocks, sourceLines: lines)
    }

    private static let attnBytes = Array("attn".utf8)

    /// Whether `text` holds a CR byte.
    private static func containsCR(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { ByteSearch.find([UInt8(ascii: "\r")], in: $0, from: 0) != nil }
            ?? text.utf8.contains(UInt8(ascii: "\r"))
    }

    /// Where the options of line `k` start, if it is an options comment: only spaces and tabs
    /// before the first `//|` that Foundation's `range(of:)` finds.
    ///
    /// That needs the bytes to be spaces and tabs, then `//|`. With an ASCII byte (or nothing)
    /// after them, that is the match; a non-ASCII scalar after the `|` may join it, by
    /// Foundation's rules, which are not `Character`'s (a nonspacing mark does, a spacing mark
    /// such as U+0903 does not), so then Foundation is asked.
    private static func optionsComment(_ source: LessonLines, line k: Int) -> String.Index? {
        let bytes = source.bytes, start = source.start(k), end = source.end(k)
        var p = start
        while p < end, bytes[p] == UInt8(ascii: " ") || bytes[p] == UInt8(ascii: "\t") { p += 1 }
        guard p + 3 <= end, bytes[p] == UInt8(ascii: "/"), bytes[p + 1] == UInt8(ascii: "/"), bytes[p + 2] == UInt8(ascii: "|") else { return nil }
        let line = source.strings[k]
        if p + 3 < end, bytes[p + 3] >= 0x80 {
            guard let r = line.range(of: "//|"), line[..<r.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) else { return nil }
            return r.upperBound
        }
        return line.utf8.index(line.utf8.startIndex, offsetBy: p + 3 - start)
    }

    /// The space-separated words of `line` from `start`, each with its 1-based column.
    static func words(in line: String, from start: String.Index) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var column = line.distance(from: line.startIndex, to: start) + 1
        var current = "", currentColumn = 0
        for c in line[start...] {
            if c == " " || c == "\t" || c == "," {
                if !current.isEmpty { out.append((current, currentColumn)); current = "" }
            } else {
                if current.isEmpty { currentColumn = column }
                current.append(c)
            }
            column += 1
        }
        if !current.isEmpty { out.append((current, currentColumn)) }
        return out
    }

    /// Largest front matter read, in bytes: it holds a title, a summary and a few numbers.
    static let maximumFrontMatterBytes = 16 * 1024

    private static func parseFrontMatter(_ yamlLines: ArraySlice<String>, plain: Bool,
                                         located: (Int, Int, String, String, String?) -> Diagnostic,
                                         diagnostics: inout [Diagnostic]) -> FrontMatter {
        var frontMatter = FrontMatter(title: "")
        let firstLine = yamlLines.startIndex + 1  // the lesson line of the YAML's first line
        /// A diagnostic at a node's mark (Yams gives nodes 1-based lines and columns within the
        /// front matter; its errors carry a 0-based column, handled below).
        func at(_ mark: Mark?, _ id: String, _ message: String, _ fix: String? = nil) -> Diagnostic {
            located((mark?.line ?? 1) - 1 + firstLine, mark?.column ?? 1, id, message, fix)
        }
        let yaml = yamlLines.joined(separator: "\n")
        if yaml.utf8.count <= maximumFrontMatterBytes, plain, let read = plainFrontMatter(yamlLines) { return read }
        if yaml.utf8.count > maximumFrontMatterBytes {
            diagnostics.append(located(1, 1, "front-matter-size",
                                       "front matter is \(yaml.utf8.count) bytes; at most \(maximumFrontMatterBytes) are read (it holds a title, a summary and a few numbers)", nil))
            return frontMatter
        }
        let node: Node?
        do {
            node = try composeWithDeepStack(yaml)
        } catch let error as YamlError {
            var line = 1, column = 1
            var message = "\(error)"
            switch error {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
                line = mark.line - 1 + firstLine; column = mark.column + 1
                message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            case let .composer(context, problem, mark, _):
                line = mark.line - 1 + firstLine; column = mark.column + 1
                message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            default: break
            }
            diagnostics.append(located(line, column, "front-matter-yaml", "front matter is not valid YAML: \(message)", nil))
            return frontMatter
        } catch {
            diagnostics.append(located(1, 1, "front-matter-yaml", "front matter is not valid YAML: \(error)", nil))
            return frontMatter
        }
        // Only plain keys with scalar values are read, and nothing is expanded: a YAML alias is
        // shared, not copied, in the composed tree, so an alias "bomb" costs nothing here, and a
        // value that is not a scalar is an error before anything walks it.
        guard case .mapping(let map)? = node else {
            diagnostics.append(located(firstLine, 1, "front-matter-shape", "front matter must be a mapping of keys to values (`title: …`)", nil))
            return frontMatter
        }
        var values: [String: (scalar: Node.Scalar?, mark: Mark?)] = [:]
        for (key, value) in map {
            guard case .scalar(let k) = key else {
                diagnostics.append(at(key.mark, "front-matter-shape", "front matter keys must be plain words like `title`"))
                continue
            }
            // A non-scalar is blamed on its key: an alias's own mark is where its anchor was defined.
            if case .scalar(let v) = value { values[k.string] = (v, v.mark ?? k.mark) } else { values[k.string] = (nil, k.mark) }
        }
        func scalar(_ key: String, _ expected: String) -> Node.Scalar? {
            guard let entry = values[key] else { return nil }
            guard let s = entry.scalar else {
                diagnostics.append(at(entry.mark, "front-matter-\(key)", "`\(key)` must be \(expected), found a list or mapping"))
                return nil
            }
            return s
        }
        func integer(_ key: String, _ range: ClosedRange<Int>?, _ expected: String) -> Int? {
            guard let s = scalar(key, expected) else { return nil }
            if let n = Int(s.string.trimmingWhitespace), range.map({ $0.contains(n) }) ?? true { return n }
            diagnostics.append(at(s.mark, "front-matter-\(key)", "`\(key)` must be \(expected), found `\(s.string)`"))
            return nil
        }
        if values["title"] == nil {
            diagnostics.append(located(1, 1, "front-matter-title", "front matter needs a `title`, found none", "add `title: …` between the `---` lines"))
        } else if let title = scalar("title", "non-empty text") {
            if title.string.trimmingWhitespace.isEmpty {
                diagnostics.append(at(title.mark, "front-matter-title", "`title` must be non-empty text"))
            } else {
                frontMatter.title = title.string
            }
        }
        if let summary = scalar("summary", "text") { frontMatter.summary = summary.string }
        if let order = integer("order", nil, "a whole number") { frontMatter.order = order }
        if let precision = integer("precision", 0...12, "a whole number from 0 to 12") { frontMatter.precision = precision }
        if let budget = integer("budget", 1...Budget.maximumScale, "a whole number from 1 to \(Budget.maximumScale)") { frontMatter.budget = budget }
        return frontMatter
    }

    /// The front matter of `yamlLines` when `PlainFrontMatter` can read it and it has no problem
    /// (else nil: Yams reads it, and reports what is wrong with its marks).
    private static func plainFrontMatter(_ yamlLines: ArraySlice<String>) -> FrontMatter? {
        guard let values = PlainFrontMatter.values(yamlLines), let title = values["title"],
              !title.trimmingWhitespace.isEmpty else { return nil }
        var frontMatter = FrontMatter(title: title, summary: values["summary"])
        func integer(_ key: String, _ range: ClosedRange<Int>?) -> (ok: Bool, value: Int?) {
            guard let text = values[key] else { return (true, nil) }
            guard let n = Int(text.trimmingWhitespace), range.map({ $0.contains(n) }) ?? true else { return (false, nil) }
            return (true, n)
        }
        let order = integer("order", nil), precision = integer("precision", 0...12), budget = integer("budget", 1...Budget.maximumScale)
        guard order.ok, precision.ok, budget.ok else { return nil }
        frontMatter.order = order.value
        if let p = precision.value { frontMatter.precision = p }
        if let b = budget.value { frontMatter.budget = b }
        return frontMatter
    }

    /// `Yams.compose` on a thread with a large stack: the composer recurses once per nesting
    /// level, and 16 KB of `[` would otherwise overflow a default stack.
    private static func composeWithDeepStack(_ yaml: String) throws -> Node? {
        final class Box: @unchecked Sendable { var result: Result<Node?, Error> = .success(nil) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { try Yams.compose(yaml: yaml) }
            done.signal()
        }
        thread.stackSize = 256 << 20
        thread.start()
        done.wait()
        return try box.result.get()
    }
}

/// Problems found while reading a lesson, all of them.
public struct LessonError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
