import AttentionEngine
import LessonScript

/// A lesson after its cells ran: the one document model every renderer reads.
public struct NotebookDocument: Sendable {
    public var slug: String
    public var path: String
    public var frontMatter: FrontMatter
    public var blocks: [DocumentBlock]
    /// Every binding at the end, in first-bound order.
    public var bindings: [(name: String, value: Value)]
    /// What `NotebookRunner.replay` needs to put this page together again, under its key (nil
    /// without a cell cache, or when a cell has no render key).
    var pageRecord: (key: String, record: PageRecord)?

    public init(slug: String, path: String, frontMatter: FrontMatter, blocks: [DocumentBlock],
                bindings: [(name: String, value: Value)]) {
        self.slug = slug
        self.path = path
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.bindings = bindings
    }

    /// Every figure of the lesson, in page order, with its file name (unique within the lesson).
    public var figures: [Figure] {
        blocks.flatMap { block -> [Figure] in
            if case .cell(let cell) = block { return cell.outputs.compactMap { if case .figure(let f) = $0 { f } else { nil } } }
            return []
        }
    }
}

/// One block of a run lesson.
public enum DocumentBlock: Sendable {
    case prose([RenderedPiece])
    case cell(RunCell)
}

/// Prose after inline values were evaluated.
public enum RenderedPiece: Equatable, Sendable {
    case markdown(String)
    case math(String, display: Bool)
    /// An inline value, already formatted, and what it shows when its expression is a plain path.
    case value(String, origin: InlineOrigin? = nil)
}

/// A cell after it ran.
public struct RunCell: Sendable {
    public var source: String
    public var firstLine: Int
    public var options: CellOptions
    /// What to show below the code, in order (empty when `hide-output`).
    public var outputs: [CellOutput]
    /// Names this cell bound or rebound, with their values right after it ran.
    public var bound: [(name: String, value: Value)]
    /// Fixes everything this cell's rendering depends on (`RenderMemo`) but its place in the file:
    /// a hash of the cell-cache keys of this cell and every cell before it, or nil when one of them
    /// has none. Cell keys leave lines out (a moved cell is the same cell), so a rendering that
    /// shows lines (the HTML's `data-line`, the JSON's `line`) is keyed by the lines too.
    public var renderKey: String?

    public init(source: String, firstLine: Int, options: CellOptions, outputs: [CellOutput],
                bound: [(name: String, value: Value)], renderKey: String? = nil) {
        self.source = source
        self.firstLine = firstLine
        self.options = options
        self.outputs = outputs
        self.bound = bound
        self.renderKey = renderKey
    }
}

/// An output ready to render: figures carry their file name.
public enum CellOutput: Equatable, Sendable {
    case table(TableOutput)
    case text(String)
    /// Worked arithmetic and the lesson's digits after the point, formatted by the renderer.
    case explanation(WorkedArithmetic, precision: Int)
    case figure(Figure)
    /// The expected error of an `expect-error` cell, printed like the compiler prints it.
    case error(String)
}

/// A figure and the SVG file it is written to (`<slug>/<file>`).
public struct Figure: Equatable, Sendable {
    public enum Kind: String, Sendable { case heatmap, attentionLines, bars, lineChart }
    public var kind: Kind
    /// File name, e.g. `step-alpha.svg`.
    public var file: String
    public var title: String
    public var heatmap: HeatmapOutput?
    public var bars: BarsOutput?
    public var lineChart: LineChartOutput?
}
