import AttentionEngine
import Foundation
import LessonScript

/// Renders a run lesson as GitHub-flavoured Markdown that reads well on GitHub: the author's
/// prose as written (math as `$…$`, inline values substituted), code in fences, tables as GFM
/// tables, figures as linked SVG files.
public enum MarkdownRenderer {
    /// - Parameter memo: cells' Markdown from the last rendering of this lesson in this process, by render key.
    public static func render(_ document: NotebookDocument, memo: LessonRenderMemo? = nil) -> String {
        var out = "# \(document.frontMatter.title.markdownLine)\n\n"
        if let summary = document.frontMatter.summary { out += "*\(summary.markdownLine)*\n\n" }
        for block in document.blocks {
            switch block {
            case .prose(let pieces):
                // A prose block's Markdown depends on its pieces alone: in a process that builds
                // again, one an edit did not touch comes from the memo (keyed by their content).
                let prose = memo.map { $0.extra(for: proseKey(pieces)) { safeProse(pieces) } } ?? safeProse(pieces)
                out += prose.trimmingNewlines + "\n\n"
            case .cell(let cell):
                func make() -> String {
                    var text = cell.options.hideCode ? "" : fenced(cell.source, info: "attn")
                    for output in cell.outputs { text += renderOutput(output, slug: document.slug) }
                    return text
                }
                out += memo?.text(for: cell.renderKey.map { "m" + $0 }, make: make) ?? make()
            }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// The memo key of a prose block's Markdown: a hash of its pieces as `safeProse` reads them.
    static func proseKey(_ pieces: [RenderedPiece]) -> String {
        var h = ContentHasher()
        for piece in pieces {
            switch piece {
            case .markdown(let m): h.add("t"); h.add(m)
            case .math(let m, let display): h.add(display ? "D" : "M"); h.add(m)
            case .value(let v, _): h.add("v"); h.add(v)
            }
        }
        return "q" + h.hex
    }

    /// The prose as the author wrote it, math and inline values put back, with raw HTML and
    /// script links made inert as on the HTML page (GitHub filters them too; other viewers may not).
    static func safeProse(_ pieces: [RenderedPiece]) -> String {
        let placeholder = Placeholder(avoiding: pieces.map {
            switch $0 { case .markdown(let m), .math(let m, _), .value(let m, _): return m }
        })
        var math: [String] = []
        var values: [String] = []
        var text = ""
        let onTableRow = mathOnTableRows(pieces)
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .markdown(let m): text += m
            case .math(var m, let display):
                // A `|` in math on a table row would end the cell; GFM un-escapes `\|` in cells.
                if onTableRow.contains(k) { m = m.replacingOccurrences(of: "|", with: "\\|") }
                // A tag inside math is not math; keep `<` from opening one (`\lt` is KaTeX's `<`).
                let safe = m.neutralizingTagStarts
                text += placeholder.math(math.count); math.append(display ? "$$\(safe)$$" : "$\(safe)$")
            case .value(let v, _): text += placeholder.value(values.count); values.append(v.markdownEscaped)
            }
        }
        return placeholder.substitute(in: CommonMarkConverter.neutralizeUnsafeMarkup(text)) { kind, k in
            switch kind {
            case "m" where k < math.count: return math[k]
            case "v" where k < values.count: return values[k]
            default: return nil
            }
        }
    }

    static func renderOutput(_ output: CellOutput, slug: String) -> String {
        switch output {
        case .table(let table): return renderTable(table)
        case .text(let text): return fenced(text, info: "text")
        case .error(let text): return fenced(text, info: "text")
        case .explanation(let w, let precision):
            let f = ArithmeticFormatter(precision: precision)
            var out = "**\(f.string(w.title).markdownEscaped)**\n\n" + fenced(f.text(w, includingNote: false), info: "text")
            if let note = w.note { out += "*\(f.string(note).markdownEscaped)*\n\n" }
            return out
        case .figure(let figure):
            return "![\(figure.title.markdownEscaped)](\(slug)/\(figure.file))\n\n"
        }
    }

    static func renderTable(_ table: TableOutput) -> String {
        let cols = table.values.map(\.count).max() ?? 0
        let colLabels = table.columnLabels ?? (0..<cols).map { "\($0)" }
        let rowLabels: [String]? = table.rowLabels ?? (table.values.count > 1 ? table.values.indices.map { "\($0)" } : nil)
        let digits = table.columnDigits
        var out = table.caption.isEmpty ? "" : "*\(table.caption.markdownEscaped)*\n\n"
        var header = rowLabels == nil ? [] : [" "]
        header += colLabels.map(\.markdownTableCell)
        out += "| " + header.joined(separator: " | ") + " |\n"
        let separator = (rowLabels == nil ? [] : ["---"]) + Array(repeating: "---:", count: colLabels.count)
        out += "| " + separator.joined(separator: " | ") + " |\n"
        for (i, row) in table.values.enumerated() {
            var cells: [String] = []
            if let rowLabels { cells.append("**\((i < rowLabels.count ? rowLabels[i] : "\(i)").markdownTableCell)**") }
            cells += row.enumerated().map { NumberFormat.fixed($1, precision: digits[$0]) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out + "\n"
    }

    /// The indices of the math pieces that sit on a row of a GFM table (the header row, the rows
    /// after a delimiter row like `| --- | :-: |`, up to a blank line).
    static func mathOnTableRows(_ pieces: [RenderedPiece]) -> Set<Int> {
        var skeleton = ""          // the prose with each math span and value as one letter
        var mathLines: [(piece: Int, line: Int)] = []
        var line = 0
        // Lines are counted and split on the byte: a line feed is a character of its own except
        // after a carriage return (a lone CR survives the lesson's CRLF clean-up), so prose with a
        // CR takes the character-by-character way. (Walking the characters of every block was
        // most of a re-rendered block's Markdown.)
        let byCharacter = pieces.contains { if case .markdown(let m) = $0 { m.utf8.contains(UInt8(ascii: "\r")) } else { false } }
        for (k, piece) in pieces.enumerated() {
            switch piece {
            case .markdown(let m):
                skeleton += m
                line += byCharacter ? m.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } : m.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            case .math: skeleton += "M"; mathLines.append((k, line))
            case .value: skeleton += "V"
            }
        }
        // (No `|` byte, no `|` character. A byte that is part of another character finds no
        // delimiter row below, which needs the characters.)
        guard !mathLines.isEmpty, skeleton.utf8.contains(UInt8(ascii: "|")) else { return [] }
        let lines = byCharacter ? skeleton.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            : skeleton.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var tableLines: Set<Int> = []
        for (i, l) in lines.enumerated() where i > 0 && l.utf8.contains(UInt8(ascii: "|")) && l.utf8.contains(UInt8(ascii: "-"))
            && isDelimiterRow(l) && lines[i - 1].contains(Character("|")) {
            tableLines.insert(i - 1)
            var j = i + 1
            while j < lines.count, !lines[j].trimmingWhitespace.isEmpty { tableLines.insert(j); j += 1 }
        }
        return Set(mathLines.filter { tableLines.contains($0.line) }.map(\.piece))
    }

    /// `| --- | :-: |`: cells of dashes with optional colons, at least one pipe.
    static func isDelimiterRow(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace
        guard trimmed.contains(Character("|")), trimmed.contains(Character("-")) else { return false }
        var cells = trimmed.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingWhitespace }
        if trimmed.hasPrefix("|") { cells.removeFirst() }
        if trimmed.hasSuffix("|"), !cells.isEmpty { cells.removeLast() }
        return !cells.isEmpty && cells.allSatisfy { cell in
            var c = Substring(cell)
            if c.hasPrefix(":") { c = c.dropFirst() }
            if c.hasSuffix(":") { c = c.dropLast() }
            return !c.isEmpty && c.allSatisfy { $0 == "-" }
        }
    }

    /// A fenced block whose fence is longer than any backtick run inside.
    static func fenced(_ text: String, info: String) -> String {
        var longest = 0, run = 0
        for c in text { if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)\(info)\n\(text)\n\(fence)\n\n"
    }
}
