import AttentionEngine
import LessonScript

/// Draws a heatmap as SVG: viridis cells with their values while they fit, token labels on both
/// axes, a colour bar, a title, a tooltip per cell (DESIGN.md §5). Readable from 1×3 to 64×64:
/// cells shrink with the grid, values hide when they no longer fit, long column labels turn 45°.
public enum HeatmapRenderer {
    /// Renders `heatmap`; `id` makes the gradient's id unique when several SVGs share a page.
    public static func render(_ heatmap: HeatmapOutput, id: String) -> String {
        let rows = heatmap.values.count
        let cols = heatmap.values.map(\.count).max() ?? 0
        let rowLabels = (0..<rows).map { $0 < heatmap.rowLabels.count ? heatmap.rowLabels[$0] : "\($0)" }
        let colLabels = (0..<cols).map { $0 < heatmap.columnLabels.count ? heatmap.columnLabels[$0] : "\($0)" }
        let flat = heatmap.values.flatMap { $0 }.filter { $0.isFinite }
        let lo = flat.min() ?? 0, hi = flat.max() ?? 1
        // Weights keep the fixed [0, 1] scale so two heatmaps of α compare; other data spans its range.
        let isWeights = lo >= 0 && hi <= 1
        let domain = isWeights ? (0.0, 1.0) : (lo == hi ? (lo - 1, hi + 1) : (lo, hi))
        func t(_ v: Double) -> Double { (v - domain.0) / (domain.1 - domain.0) }

        // Layout.
        let cellW = min(72, max(8, (560 / Double(max(cols, 1))).rounded(.down)))
        let cellH = min(40, max(8, min(cellW, (560 / Double(max(rows, 1))).rounded(.down))))
        let labelFont = min(13, max(7, (min(cellW, cellH) * 0.8).rounded(.down)))
        let valueTexts = heatmap.values.map { $0.map { valueLabel($0, precision: heatmap.precision) } }
        let widest = valueTexts.flatMap { $0 }.map { $0.count }.max() ?? 0
        let valueFont: Double? = [11.0, 10, 9].first { Double(widest) * 0.6 * $0 + 4 <= cellW && $0 + 3 <= cellH }
        let rowLabelW = (rowLabels.map { TextMetrics.width($0, fontSize: labelFont) }.max() ?? 0) + 8
        let colLabelMax = colLabels.map { TextMetrics.width($0, fontSize: labelFont) }.max() ?? 0
        let rotate = colLabelMax > cellW - 4
        let titleH = 28.0
        let colLabelH = rotate ? colLabelMax * 0.71 + labelFont + 6 : labelFont + 8
        let left = 8 + rowLabelW, top = titleH + colLabelH
        let gridW = cellW * Double(cols), gridH = cellH * Double(rows)
        let tickTexts = (0...4).map { k in NumberFormat.compact(domain.0 + (domain.1 - domain.0) * Double(k) / 4, precision: 3) }
        let tickW = tickTexts.map { TextMetrics.width($0, fontSize: 10) }.max() ?? 0
        // A short grid (one or two rows) gets its colour bar underneath, a taller one beside it.
        let horizontalBar = gridH < 100
        let barLength = horizontalBar ? max(160, min(gridW, 260)) : gridH
        let barX = horizontalBar ? left : left + gridW + 18
        let barY = horizontalBar ? top + gridH + 14 : top
        let overhang = rotate ? colLabelMax * 0.71 - gridW + cellW / 2 : 0
        let width = max(horizontalBar ? left + barLength + tickW / 2 + 8 : barX + 14 + 6 + tickW + 8,
                        left + gridW + max(0, overhang) + 8,
                        TextMetrics.width(heatmap.title, fontSize: 14) + 16)
        let height = horizontalBar ? barY + 10 + 20 : top + gridH + 10

        let title = heatmap.title
        var svg = SVGWriter(width: width, height: height, label: title)
        svg.desc("Heatmap of \(rows)×\(cols) values, rows: \(rowLabels.joined(separator: " ")); columns: \(colLabels.joined(separator: " ")); values from \(NumberFormat.fixed(lo, precision: heatmap.precision)) to \(NumberFormat.fixed(hi, precision: heatmap.precision)); colour scale viridis from \(tickTexts[0]) to \(tickTexts[4]).")
        let stops = (0..<Viridis.anchors.count).map { k in
            let f = Double(k) / Double(Viridis.anchors.count - 1)
            return "<stop offset=\"\(svgNumber(f * 100))%\" stop-color=\"\(Viridis.hex(f))\"/>"
        }.joined()
        svg.raw(horizontalBar
            ? "<defs><linearGradient id=\"\(id)-scale-h\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">\(stops)</linearGradient></defs>"
            : "<defs><linearGradient id=\"\(id)-scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\(stops)</linearGradient></defs>")
        svg.text(title, x: 8, y: 19, size: 14, extra: "font-weight=\"bold\"")

        // Column labels.
        for (j, label) in colLabels.enumerated() {
            let cx = left + cellW * (Double(j) + 0.5)
            if rotate {
                let y = top - 6
                svg.text(label, x: cx, y: y, size: labelFont,
                         extra: "transform=\"rotate(-45 \(svgNumber(cx)) \(svgNumber(y)))\"")
            } else {
                svg.text(label, x: cx, y: top - 6, size: labelFont, extra: "text-anchor=\"middle\"")
            }
        }
        // Row labels.
        for (i, label) in rowLabels.enumerated() {
            svg.text(label, x: left - 6, y: top + cellH * (Double(i) + 0.5) + labelFont * 0.35, size: labelFont,
                     extra: "text-anchor=\"end\"")
        }
        // Cells.
        // Tooltips read source → target, as in "α[我 → I] = 0.4123" (column → row).
        // Each row is a group numbered `data-r`, so the page script can find cell (i, j) — the
        // j-th rect of row i — and link it to the same entry of a table or an inline value.
        let symbol = title.isEmpty ? "value" : title
        for i in 0..<rows {
            svg.raw("<g data-r=\"\(i)\">")
            defer { svg.raw("</g>") }
            for j in 0..<heatmap.values[i].count {
                let v = heatmap.values[i][j]
                let x = left + cellW * Double(j), y = top + cellH * Double(i)
                let tip = "\(symbol)[\(colLabels[j]) → \(rowLabels[i])] = \(valueTexts[i][j])"
                svg.raw("<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(cellW))\" height=\"\(svgNumber(cellH))\" fill=\"\(Viridis.hex(t(v)))\" shape-rendering=\"crispEdges\"><title>\(tip.htmlEscaped)</title></rect>")
                if let vf = valueFont {
                    let fill = Viridis.textColor(t(v))
                    svg.text(valueTexts[i][j], x: x + cellW / 2, y: y + cellH / 2 + vf * 0.35, size: vf,
                             extra: "text-anchor=\"middle\" fill=\"\(fill)\" pointer-events=\"none\"")
                }
            }
        }
        // Colour bar with five ticks.
        if horizontalBar {
            svg.raw("<rect x=\"\(svgNumber(barX))\" y=\"\(svgNumber(barY))\" width=\"\(svgNumber(barLength))\" height=\"10\" fill=\"url(#\(id)-scale-h)\" stroke=\"#888\" stroke-width=\"0.5\"/>")
            for (k, tick) in tickTexts.enumerated() {
                let x = barX + barLength * Double(k) / 4
                svg.raw("<line x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(barY + 10))\" x2=\"\(svgNumber(x))\" y2=\"\(svgNumber(barY + 14))\" stroke=\"currentColor\"/>")
                svg.text(tick, x: x, y: barY + 24, size: 10, extra: "text-anchor=\"middle\"")
            }
        } else {
            svg.raw("<rect x=\"\(svgNumber(barX))\" y=\"\(svgNumber(barY))\" width=\"14\" height=\"\(svgNumber(barLength))\" fill=\"url(#\(id)-scale)\" stroke=\"#888\" stroke-width=\"0.5\"/>")
            for (k, tick) in tickTexts.enumerated() {
                let y = barY + barLength - barLength * Double(k) / 4
                svg.raw("<line x1=\"\(svgNumber(barX + 14))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(barX + 18))\" y2=\"\(svgNumber(y))\" stroke=\"currentColor\"/>")
                svg.text(tick, x: barX + 20, y: y + 3.5, size: 10)
            }
        }
        return svg.finish()
    }

    /// A cell's value as the heatmap prints it. An exact zero (a masked or out-of-window weight)
    /// prints as "0", so it stands apart from a small weight that merely rounds to 0.0000: the
    /// band of local attention or a causal triangle reads at a glance.
    static func valueLabel(_ v: Double, precision: Int) -> String {
        v == 0 ? "0" : NumberFormat.fixed(v, precision: precision)
    }
}
