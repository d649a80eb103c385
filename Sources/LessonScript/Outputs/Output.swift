import AttentionEngine

/// Something a cell produced for the page, in the order it was produced. Renderers (HTML, Markdown,
/// SVG, JSON) live in `Notebook`; this is only the data they need.
public enum Output: Equatable, Sendable, Codable {
    /// A labelled table of numbers (from `show`).
    case table(TableOutput)
    /// A heatmap figure (from `heatmap`).
    case heatmap(HeatmapOutput)
    /// Worked arithmetic with the numbers substituted (from `explain`), and the digits after the
    /// point the lesson asks for (renderers format it with `ArithmeticFormatter`).
    case explanation(WorkedArithmetic, precision: Int)
    /// A plain line of text (e.g. a score function's formula).
    case text(String)
    /// A value written on one line (`show` of a number, a string, tokens; a record's scalar field as
    /// `step.t = 2`), with the lesson's digits after the point: renderers write it with `inline`.
    case value(label: String?, Value, precision: Int)
    /// Attention lines from target tokens to source tokens, width ∝ α (from `lines`).
    case attentionLines(HeatmapOutput)
    /// A bar chart of one weight vector (from `bars`).
    case bars(BarsOutput)
    /// A line chart of one or more series over a numeric x axis (from `plot`).
    case lineChart(LineChartOutput)
}

/// Where an output came from: the expression, the binding and field it shows, where it is written,
/// and (filled in by the notebook) the lesson and cell. A page uses it to link a symbol, a table
/// cell and a heatmap cell to one another (DESIGN §8).
public struct Provenance: Equatable, Sendable, Codable {
    /// The expression as written, e.g. `step.alpha` or `dec.steps[1].e`.
    public var expression: String
    /// The name the expression starts from (`step`), if it starts from one.
    public var binding: String?
    /// The fields after the binding (`alpha`, `steps.e`), and for a record shown whole, the field shown.
    public var field: String?
    /// Where the expression is written in the lesson file.
    public var location: SourceLocation
    /// The lesson (its slug) and the cell (1-based on the page), set by the notebook.
    public var lesson: String?
    public var cell: Int?

    public init(expression: String, binding: String?, field: String?, location: SourceLocation) {
        self.expression = expression
        self.binding = binding
        self.field = field
        self.location = location
    }

    /// The same origin, one field further down (a record's field shown as its own table).
    func appending(field name: String) -> Provenance {
        var p = self
        p.field = field.map { "\($0).\(name)" } ?? name
        return p
    }
}

/// A table: a caption saying what it is (`α₂ = softmax(e₂)`), column and row labels, values.
public struct TableOutput: Equatable, Sendable, Codable {
    /// Where it came from (nil for outputs made outside a script, e.g. in tests).
    public var provenance: Provenance?
    public var caption: String
    /// Labels of the columns; `nil` means number them 0, 1, 2…
    public var columnLabels: [String]?
    /// Labels of the rows; `nil` means number them (or no row header for a single row).
    public var rowLabels: [String]?
    /// Row-major values: `values[i][j]`.
    public var values: [[Double]]
    /// Digits after the point the lesson asks for. Renderers print whole-number columns with none
    /// (`columnDigits`): that choice is theirs, made from the values.
    public var precision: Int

    public init(caption: String, columnLabels: [String]?, rowLabels: [String]?, values: [[Double]], precision: Int) {
        self.caption = caption
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
        self.values = values
        self.precision = precision
    }

    /// Digits after the point, column by column: none in a column of whole numbers (an operation
    /// count beside a ratio reads `154`, not `154.0000`), else `precision`.
    public var columnDigits: [Int] {
        let cols = values.map(\.count).max() ?? 0
        return (0..<cols).map { j in
            values.allSatisfy { row in j >= row.count || (row[j] == row[j].rounded() && abs(row[j]) < 1e15) } ? 0 : precision
        }
    }
}

/// A heatmap (or attention-lines figure): rows are targets/queries, columns sources/keys.
public struct HeatmapOutput: Equatable, Sendable, Codable {
    /// Where it came from (nil for outputs made outside a script, e.g. in tests).
    public var provenance: Provenance?
    public var title: String
    /// Row labels (target tokens), one per row.
    public var rowLabels: [String]
    /// Column labels (source tokens), one per column.
    public var columnLabels: [String]
    public var values: [[Double]]
    /// Digits after the point the lesson asks for (see `digits` for what to print).
    public var precision: Int
    /// What the figure is named after: the expression as written (`step.alpha`). The notebook
    /// turns it into a file name unique within the lesson (`step-alpha.svg`).
    public var name: String

    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double]], precision: Int, name: String) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.precision = precision
        self.name = name
    }

    /// Digits after the point to print: none when every value is a whole number (a 0/1 mask, counts),
    /// else `precision`.
    public var digits: Int { Value.digits(values.flatMap { $0 }, precision: precision) }
}

/// A bar chart of one vector of weights, one bar per labelled position.
public struct BarsOutput: Equatable, Sendable, Codable {
    /// Where it came from (nil for outputs made outside a script, e.g. in tests).
    public var provenance: Provenance?
    public var title: String
    public var labels: [String]
    public var values: [Double]
    public var precision: Int
    /// What the figure is named after (the expression as written); the notebook makes the file name.
    public var name: String

    public init(title: String, labels: [String], values: [Double], precision: Int, name: String) {
        self.title = title
        self.labels = labels
        self.values = values
        self.precision = precision
        self.name = name
    }
}

/// A line chart: one line per series over shared x values, with labelled axes (e.g. the loss per
/// epoch of a training run).
public struct LineChartOutput: Equatable, Sendable, Codable {
    public var title: String
    /// What the axes show, e.g. `epoch` and `loss`.
    public var xLabel: String, yLabel: String
    /// The x value of every point, increasing.
    public var x: [Double]
    /// The series' names (the legend; one series needs none).
    public var seriesNames: [String]
    /// One row per series, one value per x.
    public var values: [[Double]]
    public var precision: Int
    /// What the figure is named after (the expression as written); the notebook makes the file name.
    public var name: String

    public init(title: String, xLabel: String, yLabel: String, x: [Double], seriesNames: [String], values: [[Double]],
                precision: Int, name: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.seriesNames = seriesNames
        self.values = values
        self.precision = precision
        self.name = name
    }
}
