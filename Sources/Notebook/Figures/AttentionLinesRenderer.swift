import AttentionEngine
import LessonScript

/// Draws attention as lines: source tokens in a column on the left, target tokens on the right,
/// a line from each target to each source with width and opacity ∝ α (DESIGN.md §5). An exact 0
/// (a masked weight, or no connection at all, as between a word and another sentence in lesson 14)
/// draws no line; a small weight still gets a faint one.
public enum AttentionLinesRenderer {
    public static func render(_ weights: HeatmapOutput) -> String {
        let targets = weights.values.indices.map { $0 < weights.rowLabels.count ? weights.rowLabels[$0] : "\($0)" }
        let cols = weights.values.map(\.count).max() ?? 0
        let sources = (0..<cols).map { $0 < weights.columnLabels.count ? weights.columnLabels[$0] : "\($0)" }
        let top = weights.values.flatMap { $0 }.filter { $0.isFinite }.map(abs).max() ?? 1
        // Weights are drawn on their own scale; anything else is scaled by its largest magnitude.
        let scale = top <= 1 ? 1.0 : top

        let font = 14.0, rowH = 30.0, titleH = 40.0
        let sourceW = (sources.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 12
        let targetW = (targets.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 12
        let gap = 220.0
        let leftX = 8 + sourceW, rightX = leftX + gap
        let n = max(sources.count, targets.count)
        let height = titleH + Double(n) * rowH + 8
        let width = max(rightX + targetW + 8, TextMetrics.width(weights.title, fontSize: 14) + 16)
        func sy(_ i: Int) -> Double { titleH + (Double(n - sources.count) / 2 + Double(i) + 0.5) * rowH }
        func ty(_ t: Int) -> Double { titleH + (Double(n - targets.count) / 2 + Double(t) + 0.5) * rowH }

        var svg = SVGWriter(width: width, height: height, label: weights.title)
        svg.desc("Attention lines from \(targets.count) target tokens (\(targets.joined(separator: " "))) to \(sources.count) source tokens (\(sources.joined(separator: " "))); line width and opacity are proportional to the weight.")
        svg.text(weights.title, x: 8, y: 19, size: 14, extra: "font-weight=\"bold\"")
        svg.text("source", x: leftX - 6, y: 34, size: 10, extra: "text-anchor=\"end\" fill=\"#666\"")
        svg.text("target", x: rightX + 6, y: 34, size: 10, extra: "fill=\"#666\"")
        // One group per target step, so the page script can show the steps one at a time; each
        // line names its source position (`data-i`), as exact zeros draw none.
        for (t, row) in weights.values.enumerated() {
            svg.raw("<g class=\"step\" data-step=\"\(t)\">")
            defer { svg.raw("</g>") }
            for (i, v) in row.enumerated() where v.isFinite && v != 0 {
                let w = abs(v) / scale
                let tip = "\(weights.title)[\(sources[i]) → \(targets[t])] = \(NumberFormat.fixed(v, precision: weights.precision))"
                svg.raw("<line data-i=\"\(i)\" x1=\"\(svgNumber(leftX))\" y1=\"\(svgNumber(sy(i)))\" x2=\"\(svgNumber(rightX))\" y2=\"\(svgNumber(ty(t)))\" stroke=\"#3b528b\" stroke-width=\"\(svgNumber(0.5 + 9 * w))\" stroke-opacity=\"\(opacity(w))\" stroke-linecap=\"round\"><title>\(tip.htmlEscaped)</title></line>")
            }
        }
        for (i, s) in sources.enumerated() {
            svg.text(s, x: leftX - 6, y: sy(i) + font * 0.35, size: font, extra: "text-anchor=\"end\" class=\"source\"")
        }
        for (t, s) in targets.enumerated() {
            svg.text(s, x: rightX + 6, y: ty(t) + font * 0.35, size: font, extra: "class=\"target\" data-step=\"\(t)\"")
        }
        return svg.finish()
    }
}

/// Opacity with two decimals, never quite invisible, locale-free.
private func opacity(_ w: Double) -> String {
    let hundredths = Int((max(0.05, min(1, w)) * 100).rounded())
    return hundredths == 100 ? "1" : "0." + (hundredths < 10 ? "0" : "") + "\(hundredths)"
}
