/// Picks the SVG renderer for a figure.
public enum FigureRenderer {
    /// The SVG text of `figure`; `id` keeps ids unique when several figures share a page.
    public static func svg(_ figure: Figure, id: String) -> String {
        switch figure.kind {
        case .heatmap: return figure.heatmap.map { HeatmapRenderer.render($0, id: id) } ?? ""
        case .attentionLines: return figure.heatmap.map(AttentionLinesRenderer.render) ?? ""
        case .bars: return figure.bars.map(BarsRenderer.render) ?? ""
        case .lineChart: return figure.lineChart.map(LineChartRenderer.render) ?? ""
        }
    }
}
