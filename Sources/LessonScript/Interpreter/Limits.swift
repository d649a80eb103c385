/// Size limits that keep every script small and fast: a value beyond them is an error, never a
/// crash or a long wait.
public enum Limits {
    /// Most numbers one value may hold.
    public static let maximumEntries = 1_000_000
    /// Longest side of a matrix or vector.
    public static let maximumSide = 4096
    /// Most multiply-adds one `@` may do (1000×1000 @ 1000×100).
    public static let maximumWork = 100_000_000
    /// Most sentence-passes × parameters one `train` may do: epochs × training sentences ×
    /// parameters. Lesson 9's run is 12 × 320 × 8788 ≈ 3.4·10⁷ (about a second in release); the
    /// limit allows twice that, so no script waits much longer than the lesson does. The fuzz
    /// targets lower it once at start-up, before any script runs: under AddressSanitizer the
    /// lesson's own run takes most of libFuzzer's 10 s per input, and a fuzzer that mutates a seed
    /// into another training would report a hang that is only slowness.
    nonisolated(unsafe) public static var maximumTrainingWork = 70_000_000

    /// Longest side of a heatmap, attention-lines figure or bar chart: beyond it nobody can read
    /// the cells (DESIGN §5: readable up to 64×64), and the SVG grows to megabytes.
    public static let maximumFigureSide = 64
    /// Rows and columns a `show` table prints; the rest are elided (the JSON file keeps them).
    public static let maximumTableRows = 32
    public static let maximumTableColumns = 24

    /// `output` with a table cut to its first rows and columns, saying so in the caption, so a
    /// `show` of a 300×300 matrix is a readable page, not 14 MB of HTML.
    static func elided(_ output: Output) -> Output {
        guard case .table(var t) = output else { return output }
        let rows = t.values.count, cols = t.values.map(\.count).max() ?? 0
        guard rows > maximumTableRows || cols > maximumTableColumns else { return output }
        var notes: [String] = []
        if rows > maximumTableRows {
            t.values = Array(t.values.prefix(maximumTableRows))
            t.rowLabels = t.rowLabels.map { Array($0.prefix(maximumTableRows)) } ?? (0..<maximumTableRows).map(String.init)
            notes.append("first \(maximumTableRows) of \(rows) rows")
        }
        if cols > maximumTableColumns {
            t.values = t.values.map { Array($0.prefix(maximumTableColumns)) }
            t.columnLabels = t.columnLabels.map { Array($0.prefix(maximumTableColumns)) }
            notes.append("first \(maximumTableColumns) of \(cols) columns")
        }
        t.caption += (t.caption.isEmpty ? "" : " ") + "(" + notes.joined(separator: ", ") + " shown; the JSON file has every value)"
        return .table(t)
    }

    /// Throws unless a `rows`×`cols` value is within the limits.
    static func check(rows: Int, cols: Int, at location: SourceLocation) throws {
        if rows > maximumSide || cols > maximumSide {
            throw Diagnostic(at: location, id: "too-large",
                             "a value of \(rows)×\(cols) is too large: each side may be at most \(maximumSide)")
        }
        if rows * cols > maximumEntries {
            throw Diagnostic(at: location, id: "too-large",
                             "a value of \(rows)×\(cols) = \(rows * cols) entries is too large: at most \(maximumEntries) entries")
        }
    }

    static func check(_ value: Value, at location: SourceLocation) throws {
        switch value {
        case .vector(let v): try check(rows: 1, cols: v.count, at: location)
        case .matrix(let m): try check(rows: m.rows, cols: m.cols, at: location)
        case .tokens(let t): try check(rows: 1, cols: t.count, at: location)
        default:
            let n = value.entryCount
            if n > maximumEntries {
                throw Diagnostic(at: location, id: "too-large", "a value of \(n) entries is too large: at most \(maximumEntries) entries")
            }
        }
    }
}
