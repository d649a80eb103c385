import AttentionEngine
import LessonScript

/// Draws one weight vector as horizontal bars, one per labelled position, its value at the end.
public enum BarsRenderer {
    public static func render(_ bars: BarsOutput) -> String {
        let labels = bars.values.indices.map { $0 < bars.labels.count ? bars.labels[$0] : "\($0)" }
        let finite = bars.values.filter { $0.isFinite }
        let lo = min(0, finite.min() ?? 0)
        let hi = max(finite.allSatisfy { $0 >= 0 && $0 <= 1 } ? 1 : 0, finite.max() ?? 1)
        let font = 13.0, rowH = 26.0, titleH = 30.0, barSpan = 320.0
        let labelW = (labels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 12
        let texts = bars.values.map { NumberFormat.fixed($0, precision: bars.precision) }
        let textW = (texts.map { TextMetrics.width($0, fontSize: 11) }.max() ?? 0) + 8
        let left = 8 + labelW
        func x(_ v: Double) -> Double { left + (v - lo) / (hi - lo == 0 ? 1 : hi - lo) * barSpan }
        let width = max(left + barSpan + textW + 8, TextMetrics.width(bars.title, fontSize: 14) + 16)
        let height = titleH + Double(labels.count) * rowH + 10

        var svg = SVGWriter(width: width, height: height, label: bars.title)
        svg.desc("Bar chart of \(labels.count) values: " + zip(labels, texts).map { "\($0) \($1)" }.joined(separator: ", ") + ".")
        svg.text(bars.title, x: 8, y: 19, size: 14, extra: "font-weight=\"bold\"")
        for (k, v) in bars.values.enumerated() {
            let y = titleH + Double(k) * rowH
            let v0 = v.isFinite ? v : 0
            let x0 = x(min(0, v0)), x1 = x(max(0, v0))
            svg.text(labels[k], x: left - 6, y: y + rowH / 2 + font * 0.35, size: font, extra: "text-anchor=\"end\"")
            svg.raw("<rect x=\"\(svgNumber(x0))\" y=\"\(svgNumber(y + 4))\" width=\"\(svgNumber(max(0, x1 - x0)))\" height=\"\(svgNumber(rowH - 8))\" fill=\"#21908c\"><title>\("\(bars.title)[\(labels[k])] = \(texts[k])".htmlEscaped)</title></rect>")
            let tx = v0 < 0 ? x0 - 4 : x1 + 4
            svg.text(texts[k], x: tx, y: y + rowH / 2 + 4, size: 11, extra: v0 < 0 ? "text-anchor=\"end\"" : "")
        }
        svg.raw("<line x1=\"\(svgNumber(x(0)))\" y1=\"\(svgNumber(titleH))\" x2=\"\(svgNumber(x(0)))\" y2=\"\(svgNumber(height - 10))\" stroke=\"#666\"/>")
        return svg.finish()
    }
}
