import Foundation
import LessonScript

/// What a lesson page needs besides its cells' renderings (`RenderMemo`) to be put together again
/// without running, replaying or decoding any cell: each cell's render key, the names it bound and
/// its figures' files, the names bound at the end, and each inline value as it was shown.
///
/// Kept in the render memo under the lesson's skeleton key (`skeleton`): the cache version, the
/// kernel's salt, the lesson's path and every cell's source and options. Cell keys depend only on
/// those (a cell's key hashes its source and the values it reads, which earlier cells bound from
/// their own keys; not its line), so an equal skeleton means every cell key, and so every cell's
/// outputs and bindings, is the one recorded, moved to the cells' lines. A prose edit changes no
/// skeleton, even one that adds or removes lines; an inline value is looked up by the cells
/// before it, its expression and the bound its words ask for.
struct PageRecord: Equatable {
    struct CellEntry: Equatable {
        var renderKey: String
        var bound: [String]
        var figures: [String]
    }

    struct ValueEntry: Equatable {
        var text: String
        var origin: InlineOrigin?
    }

    var cells: [CellEntry] = []
    /// The names bound at the end, in first-bound order.
    var bindings: [String] = []
    var values: [String: ValueEntry] = [:]

    /// The memo key of the record of pages with these cells, in a kernel with `salt`.
    static func skeleton(_ lesson: Lesson, version: String, salt: String) -> String {
        var h = ContentHasher()
        h.add("page record 2")
        h.add(version)
        h.add(salt)
        h.add(lesson.slug)
        h.add(lesson.path)
        for case .cell(let cell) in lesson.blocks {
            h.add("\(cell.options.hideCode) \(cell.options.hideOutput) \(cell.options.expectError) \(cell.hasOptionsLine)")
            h.add(cell.source)
        }
        return "p" + h.hex
    }

    /// The key of an inline value: `cellsBefore` cells ran before it. Not its line: the value is
    /// the same wherever in that stretch of prose it is written (its origin's line is set on replay).
    static func valueKey(cellsBefore: Int, expression: String, bound: ValueFormatter.Bound?) -> String {
        let b = switch bound { case .upper: "u"; case .lower: "l"; case nil: "-" }
        return "\(cellsBefore)\u{1F}\(b)\u{1F}\(expression)"
    }

    // MARK: Text form: a line per item, fields separated by tabs, lists by U+001F, all escaped.

    var text: String {
        var lines: [String] = []
        for c in cells { lines.append(["c", c.renderKey, Self.list(c.bound), Self.list(c.figures)].map(TSVField.escape).joined(separator: "\t")) }
        lines.append(["b", Self.list(bindings)].map(TSVField.escape).joined(separator: "\t"))
        for key in values.keys.sorted() {
            let v = values[key]!
            var fields = ["v", key, v.text]
            if let o = v.origin {
                fields += [o.expression, o.path, o.row.map(String.init) ?? "-", o.column.map(String.init) ?? "-", String(o.line)]
            }
            lines.append(fields.map(TSVField.escape).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    init() {}

    /// The record of `text`, or nil when a line does not read.
    init?(text: String) {
        // Lines and fields are split on the bytes: a line feed or a tab is a character of its own
        // except in a CR LF pair, which escaped fields never hold (text with a CR is split by
        // characters, as it always was). Splitting by characters was 1.8% of a one-lesson rebuild.
        var text = text
        let fieldLines: [[String?]] = text.utf8.contains(0x0D)
            ? text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.split(separator: "\t", omittingEmptySubsequences: false).map { TSVField.unescape($0.utf8) }
            }
            : text.withUTF8 { bytes in
                bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                    line.split(separator: 0x09, omittingEmptySubsequences: false).map { TSVField.unescape(contiguous: UnsafeBufferPointer(rebasing: $0)) }
                }
            }
        for fields in fieldLines {
            guard !fields.contains(nil) else { return nil }
            let f = fields.map { $0! }
            switch f.first {
            case "c" where f.count == 4: cells.append(CellEntry(renderKey: f[1], bound: Self.items(f[2]), figures: Self.items(f[3])))
            case "b" where f.count == 2: bindings = Self.items(f[1])
            case "v" where f.count == 3: values[f[1]] = ValueEntry(text: f[2], origin: nil)
            case "v" where f.count == 8:
                guard let line = Int(f[7]) else { return nil }
                let row = f[5] == "-" ? nil : Int(f[5]), column = f[6] == "-" ? nil : Int(f[6])
                if (f[5] != "-" && row == nil) || (f[6] != "-" && column == nil) { return nil }
                values[f[1]] = ValueEntry(text: f[2], origin: InlineOrigin(expression: f[3], path: f[4], row: row, column: column, line: line))
            default: return nil
            }
        }
    }

    private static func list(_ items: [String]) -> String { items.joined(separator: "\u{1F}") }
    private static func items(_ field: String) -> [String] {
        field.isEmpty ? [] : field.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    }
}
