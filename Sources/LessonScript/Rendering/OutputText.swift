import AttentionEngine

/// Plain-text renderings of outputs and values, for `attnbook eval` and for tests.
public enum OutputText {
    /// A readable multi-line rendering: aligned tables with labels, explanations as text.
    public static func render(_ output: Output) -> String {
        switch output {
        case .text(let s): return s
        case .value(let label, let v, let precision): return inline(label, v, precision: precision)
        case .table(let t):
            return t.caption + "\n" + table(t.values, rowLabels: t.rowLabels, columnLabels: t.columnLabels,
                                            precision: Value.digits(t.values.flatMap { $0 }, precision: t.precision))
        case .heatmap(let h):
            return "heatmap: \(h.title)\n" + table(h.values, rowLabels: h.rowLabels, columnLabels: h.columnLabels, precision: h.digits)
        case .attentionLines(let h):
            var lines = ["attention lines: \(h.title)"]
            for (i, row) in h.values.enumerated() {
                let best = row.indices.max { row[$0] < row[$1] } ?? 0
                lines.append("  \(h.rowLabels[i]) → \(h.columnLabels.isEmpty ? "" : h.columnLabels[best]) (\(NumberFormat.fixed(row[best], precision: h.digits)))")
            }
            return lines.joined(separator: "\n")
        case .bars(let b):
            let width = b.labels.map(displayWidth).max() ?? 0
            var lines = ["bars: \(b.title)"]
            let top = max(b.values.map { Swift.abs($0) }.max() ?? 1, 1e-12)
            for (label, x) in zip(b.labels, b.values) {
                let n = Int((Swift.abs(x) / top * 30).rounded())
                lines.append("  " + label + String(repeating: " ", count: width - displayWidth(label)) + " "
                             + String(repeating: "█", count: n) + " " + NumberFormat.fixed(x, precision: b.precision))
            }
            return lines.joined(separator: "\n")
        case .lineChart(let c):
            var lines = ["line chart: \(c.title) (x: \(c.xLabel), y: \(c.yLabel))"]
            for (k, row) in c.values.enumerated() {
                let name = c.seriesNames.count == c.values.count ? c.seriesNames[k] + ": " : ""
                lines.append("  " + name + zip(c.x, row).map { NumberFormat.compact($0, precision: c.precision) + " → "
                    + NumberFormat.fixed($1, precision: c.precision) }.joined(separator: ", "))
            }
            return lines.joined(separator: "\n")
        case .explanation(let w, let precision):
            let f = ArithmeticFormatter(precision: precision)
            return f.string(w.title) + "\n" + f.text(w)
        }
    }

    /// One line per output, numbers compact: what fixture scripts write after `// expect:`.
    public static func oneLine(_ output: Output) -> String {
        func m(_ rows: [[Double]], _ p: Int) -> String {
            let r = rows.map { "[" + $0.map { NumberFormat.compact($0, precision: p) }.joined(separator: ", ") + "]" }
            return rows.count == 1 ? r[0] : "[" + r.joined(separator: ", ") + "]"
        }
        switch output {
        case .text(let s): return s
        case .value(let label, let v, let precision): return inline(label, v, precision: precision)
        case .table(let t): return m(t.values, t.precision)
        case .heatmap(let h): return "heatmap \(h.title) " + m(h.values, h.precision)
        case .attentionLines(let h): return "lines \(h.title) " + m(h.values, h.precision)
        case .bars(let b): return "bars \(b.title) " + m([b.values], b.precision)
        case .lineChart(let c):
            return "plot \(c.title) (\(c.xLabel), \(c.yLabel)) x \(m([c.x], c.precision)) " + m(c.values, c.precision)
        case .explanation(let w, let precision):
            let f = ArithmeticFormatter(precision: precision)
            let last = w.lines.last.map { f.string($0.result) } ?? ""
            return "explain \(f.string(w.title)) = \(last)"
        }
    }

    /// A `.value` output's line: `label = value`, or the value alone.
    public static func inline(_ label: String?, _ value: Value, precision: Int) -> String {
        (label.map { "\($0) = " } ?? "") + value.inline(precision: precision)
    }

    /// `name = value`: numbers and strings inline, matrices and vectors as labelled tables, records field by field.
    public static func binding(_ name: String, _ value: Value, precision: Int) -> String {
        switch value {
        case .vector(let v):
            return "\(name) =\n" + table([v.values], rowLabels: nil, columnLabels: v.labels, precision: Value.digits(v.values, precision: precision))
        case .matrix(let mm):
            return "\(name) =\n" + table((0..<mm.rows).map { mm.row($0).values }, rowLabels: mm.rowLabels, columnLabels: mm.colLabels,
                                         precision: Value.digits(mm.storage, precision: precision))
        case .record(let r):
            return r.fields.map { binding("\(name).\($0.name)", $0.value, precision: precision) }.joined(separator: "\n")
        case .string(let s): return "\(name) = \(JSONWriter.string(s))"
        default: return "\(name) = \(value.inline(precision: precision))"
        }
    }

    /// An aligned text table: a header of column labels (or 0, 1, 2…), rows led by their labels.
    public static func table(_ values: [[Double]], rowLabels: [String]?, columnLabels: [String]?, precision: Int) -> String {
        let cols = values.first?.count ?? 0
        let header = columnLabels ?? (0..<cols).map(String.init)
        let rowHeads = rowLabels ?? (values.count == 1 ? [""] : (0..<values.count).map(String.init))
        let cells = values.map { $0.map { NumberFormat.fixed($0, precision: precision) } }
        let width = displayWidth
        func pad(_ s: String, _ w: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, w - width(s)))
            return left ? fill + s : s + fill
        }
        let headWidth = rowHeads.map(width).max() ?? 0
        var colWidths = [Int](repeating: 0, count: cols)
        for j in 0..<cols {
            colWidths[j] = max(j < header.count ? width(header[j]) : 0, cells.map { width($0[j]) }.max() ?? 0)
        }
        var lines: [String] = []
        lines.append("  " + pad("", headWidth, left: false) + (0..<cols).map { "  " + pad(j(header, $0), colWidths[$0], left: true) }.joined())
        for (i, row) in cells.enumerated() {
            lines.append("  " + pad(i < rowHeads.count ? rowHeads[i] : "", headWidth, left: false)
                         + row.enumerated().map { "  " + pad($1, colWidths[$0], left: true) }.joined())
        }
        return lines.map { $0.replacingTrailingSpaces() }.joined(separator: "\n")
    }

    /// Columns a string takes in a terminal (CJK characters take two).
    static func displayWidth(_ s: String) -> Int { s.reduce(0) { $0 + ($1.isWide ? 2 : 1) } }

    private static func j(_ a: [String], _ i: Int) -> String { i < a.count ? a[i] : "" }
}

private extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
