/// Size limits that keep every script small and fast: a value beyond them is an error, never a
/// crash or a long wait.
public enum Limits {
    /// Most numbers one value may hold.
    public static let maximumEntries = 1_000_000
    /// Longest side of a matrix or vector.
    public static let maximumSide = 4096
    /// Most multiply-adds one `@` may do (1000×1000 @ 1000×100).
    public static let maximumWork = 100_000_000

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
