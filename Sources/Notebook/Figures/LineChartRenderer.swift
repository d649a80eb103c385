import AttentionEngine
import Foundation
import LessonScript

/// Draws a line chart (a training run's loss per epoch, or any series over x): labelled axes with
/// round-numbered ticks, one polyline per series with a dot per point, each dot titled with its
/// numbers, and a `<desc>` listing every point for screen readers.
public enum LineChartRenderer {
    public static func render(_ chart: LineChartOutput) -> String {
        let series = chart.values.filter { !$0.isEmpty }
        let finite = series.flatMap { $0 }.filter(\.isFinite)
        let xs = chart.x
        // The y axis starts at 0 for non-negative data (a loss), so the drop reads at its true size.
        let yTicks = ticks(from: min(0, finite.min() ?? 0), to: max(finite.max() ?? 1, (finite.min() ?? 0) < 0 ? 0 : 1e-12))
        let yLo = yTicks.values.first!, yHi = yTicks.values.last!
        let integerX = xs.allSatisfy { $0 == $0.rounded() } && xs.count <= 16
        let xTicks = integerX ? (values: xs, decimals: 0) : ticks(from: xs.first ?? 0, to: xs.last ?? 1)
        let xLo = min(xs.first ?? 0, xTicks.values.first!), xHi = max(xs.last ?? 1, xTicks.values.last!)

        let font = 12.0
        let yTexts = yTicks.values.map { NumberFormat.fixed($0, precision: yTicks.decimals) }
        let xTexts = xTicks.values.map { NumberFormat.fixed($0, precision: xTicks.decimals) }
        let named = chart.seriesNames.count == series.count && series.count > 1
        let legendW = named ? (chart.seriesNames.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 40 : 0
        let left = 30 + (yTexts.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 8
        let plotW = 420.0, plotH = 220.0, top = 40.0
        let width = max(left + plotW + 20 + legendW, TextMetrics.width(chart.title, fontSize: 14) + 16)
        let height = top + plotH + 52
        func px(_ x: Double) -> Double { left + (x - xLo) / (xHi - xLo == 0 ? 1 : xHi - xLo) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - yLo) / (yHi - yLo == 0 ? 1 : yHi - yLo) * plotH }

        var svg = SVGWriter(width: width, height: height, label: chart.title)
        svg.raw("<title>\(chart.title.htmlEscaped)</title>")
        let points = series.enumerated().map { k, row -> String in
            let name = named ? chart.seriesNames[k] + ": " : ""
            return name + zip(xs, row).map { "\(chart.xLabel) \(fmt($0, chart.precision)) \(chart.yLabel) \(NumberFormat.fixed($1, precision: chart.precision))" }
                .joined(separator: ", ")
        }
        svg.desc("Line chart of \(chart.yLabel) against \(chart.xLabel), \(series.count == 1 ? "one line" : "\(series.count) lines") of "
                 + "\(xs.count) points: " + points.joined(separator: "; ") + ".")
        svg.text(chart.title, x: 8, y: 19, size: 14, extra: "font-weight=\"bold\"")

        // Grid and tick labels.
        for (v, t) in zip(yTicks.values, yTexts) {
            let y = py(v)
            svg.raw("<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(left + plotW))\" y2=\"\(svgNumber(y))\" stroke=\"#e4e4e4\"/>")
            svg.text(t, x: left - 6, y: y + font * 0.35, size: font, extra: "text-anchor=\"end\"")
        }
        for (v, t) in zip(xTicks.values, xTexts) {
            let x = px(v)
            svg.raw("<line x1=\"\(svgNumber(x))\" y1=\"\(svgNumber(top + plotH))\" x2=\"\(svgNumber(x))\" y2=\"\(svgNumber(top + plotH + 4))\" stroke=\"currentColor\"/>")
            svg.text(t, x: x, y: top + plotH + 18, size: font, extra: "text-anchor=\"middle\"")
        }
        svg.raw("<path d=\"M\(svgNumber(left)) \(svgNumber(top))V\(svgNumber(top + plotH))H\(svgNumber(left + plotW))\" fill=\"none\" stroke=\"currentColor\"/>")
        // Axis labels: x under the ticks, y turned along the axis.
        svg.text(chart.xLabel, x: left + plotW / 2, y: top + plotH + 40, size: 13, extra: "text-anchor=\"middle\"")
        let yMid = top + plotH / 2
        svg.text(chart.yLabel, x: 14, y: yMid, size: 13,
                 extra: "text-anchor=\"middle\" transform=\"rotate(-90 14 \(svgNumber(yMid)))\"")

        for (k, row) in series.enumerated() {
            let colour = series.count == 1 ? "#21908c" : Viridis.hex(Double(k) / Double(max(series.count - 1, 1)) * 0.85)
            let pts = zip(xs, row).filter { $0.1.isFinite }
            let path = pts.enumerated().map { i, p in (i == 0 ? "M" : "L") + "\(svgNumber(px(p.0))) \(svgNumber(py(p.1)))" }.joined()
            svg.raw("<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
            let name = named ? chart.seriesNames[k] + ", " : ""
            for (x, y) in pts {
                let tip = "\(name)\(chart.xLabel) \(fmt(x, chart.precision)): \(chart.yLabel) = \(NumberFormat.fixed(y, precision: chart.precision))"
                svg.raw("<circle cx=\"\(svgNumber(px(x)))\" cy=\"\(svgNumber(py(y)))\" r=\"3.5\" fill=\"\(colour)\"><title>\(tip.htmlEscaped)</title></circle>")
            }
            if named {
                let ly = top + 10 + Double(k) * 20, lx = left + plotW + 20
                svg.raw("<line x1=\"\(svgNumber(lx))\" y1=\"\(svgNumber(ly))\" x2=\"\(svgNumber(lx + 20))\" y2=\"\(svgNumber(ly))\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
                svg.text(chart.seriesNames[k], x: lx + 26, y: ly + font * 0.35, size: font)
            }
        }
        return svg.finish()
    }

    /// An x value as written: whole numbers without a point.
    private static func fmt(_ x: Double, _ precision: Int) -> String {
        x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : NumberFormat.fixed(x, precision: precision)
    }

    /// Round-numbered ticks covering `lo…hi`, about five of them (steps of 1, 2 or 5 × 10ᵏ), and the
    /// decimals their labels need.
    static func ticks(from lo: Double, to hi: Double) -> (values: [Double], decimals: Int) {
        let span = hi - lo > 0 ? hi - lo : max(Swift.abs(hi), 1)
        let raw = span / 5
        let power = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let first = Foundation.floor(lo / step), last = Foundation.ceil(hi / step)
        let count = max(1, Int(last - first))
        let decimals = max(0, -Int(Foundation.floor(Foundation.log10(step) + 1e-9)))
        return ((0...count).map { (first + Double($0)) * step }, decimals)
    }
}
