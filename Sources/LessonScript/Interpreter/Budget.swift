import AttentionEngine

/// What one lesson (or one `eval` script) may spend in all, on top of the per-value `Limits`:
/// without it, 300 lines of `random(1000, 1000, seed: i)` each pass the per-value checks and
/// together hold gigabytes and write a JSON file of hundreds of megabytes.
///
/// Two counts, each a located error when exceeded, with the way to raise it:
/// - `entries`: numbers bound by `let`, every binding counted (a value rebound counts again). What
///   a lesson holds is at most this, and so is what its JSON file records.
/// - `work`: an estimate of the arithmetic done: for each builtin call, its arguments' numbers
///   times their longest side (attention over n keys of size d costs about n·n·d), for `@` its
///   multiply-adds, for every other operation the numbers it makes.
///
/// The standard budget is about a hundred times what the largest of the 18 lessons uses.
public struct Budget: Sendable, Equatable {
    public var entries: Int
    public var work: Int

    public init(entries: Int, work: Int) {
        self.entries = entries
        self.work = work
    }

    public static let standard = Budget(entries: 2_000_000, work: 400_000_000)
    /// The largest multiple of the standard budget a lesson can ask for (`budget:` in its front matter).
    public static let maximumScale = 16

    /// `scale` times the standard budget (clamped to 1…`maximumScale`).
    public static func scaled(_ scale: Int) -> Budget {
        let k = min(max(scale, 1), maximumScale)
        return Budget(entries: standard.entries * k, work: standard.work * k)
    }
}

/// What a script has spent so far against its `Budget`.
struct BudgetMeter {
    let budget: Budget
    private(set) var entries = 0
    private(set) var work = 0

    init(budget: Budget) { self.budget = budget }

    static let raiseHint = "if the lesson really needs it, add `budget: 2` (up to \(Budget.maximumScale)) to its front matter, or pass `--budget 2` to `attnbook eval`"

    /// Adds what a cached cell spent (it stayed within the budget when it ran, with the same budget).
    mutating func add(entries: Int, work: Int) {
        self.entries += entries
        self.work = self.work.addingReportingOverflow(work).overflow ? Int.max : self.work + work
    }

    /// Counts a binding of `value`.
    mutating func bind(_ value: Value, at location: SourceLocation) throws {
        entries += value.entryCount
        if entries > budget.entries {
            throw Diagnostic(at: location, id: "over-budget",
                             "this binding brings the numbers bound in this lesson to \(grouped(entries)), over its budget of \(grouped(budget.entries)) (every `let` counts, a rebinding again: that is what the page's JSON records)",
                             fix: "bind smaller values; " + Self.raiseHint)
        }
    }

    /// Counts `amount` units of work done (or about to be done) at `location`.
    mutating func spend(_ amount: Int, at location: SourceLocation) throws {
        let (sum, overflow) = work.addingReportingOverflow(amount)
        work = overflow ? Int.max : sum
        if work > budget.work {
            throw Diagnostic(at: location, id: "over-budget",
                             "this brings the work done by this lesson to about \(grouped(work)) operations, over its budget of \(grouped(budget.work))",
                             fix: "use smaller sizes; " + Self.raiseHint)
        }
    }

    /// The estimated cost of a builtin call on `arguments`: their numbers times their longest side.
    static func callCost(_ arguments: [Value]) -> Int {
        var numbers = 0, side = 1
        for a in arguments {
            numbers += a.entryCount
            side = max(side, a.longestSide)
        }
        let (product, overflow) = numbers.multipliedReportingOverflow(by: side)
        return overflow ? Int.max : product
    }
}

/// `1234567` as `1,234,567`, whatever the locale.
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (k, c) in digits.enumerated() {
        if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "−" + out : out
}

extension Value {
    /// The longest side of a vector or matrix (of the largest field, for a record); 1 otherwise.
    var longestSide: Int {
        switch self {
        case .vector(let v): return v.count
        case .matrix(let m): return max(m.rows, m.cols)
        case .tokens(let t): return t.count
        case .record(let r): return r.fields.reduce(1) { max($0, $1.value.longestSide) }
        default: return 1
        }
    }
}
