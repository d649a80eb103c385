import Foundation

/// What rendering a lesson's cells gave in the last build of this process (`serve`, `watch`),
/// handed back when a cell's rendering is sure to be the same: a prose edit re-renders the prose
/// and puts the cells' HTML, Markdown, SVG files and the page's JSON back as they were.
///
/// A cell's rendering depends on the cell and on everything bound before it on the page (the
/// page scope links names across cells; figure file names count earlier figures), so entries are
/// keyed by `RunCell.renderKey`: the cell-cache keys of the cell and of every cell before it,
/// which fix what those cells showed and bound (DESIGN §9). A cell without a cache key (one that
/// reported something, or reads values too large to key) has no render key, nor do the cells after it.
///
/// Each lesson keeps only the entries its last rendering used, so memory stays one rendering per lesson.
public final class RenderMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var lessons: [String: [String: String]] = [:]

    public init() {}

    /// One lesson's rendering: reads what the last one left, collects what this one makes.
    public func lesson(_ slug: String) -> LessonRenderMemo {
        lock.lock(); defer { lock.unlock() }
        return LessonRenderMemo(memo: self, slug: slug, previous: lessons[slug] ?? [:])
    }

    fileprivate func keep(_ entries: [String: String], for slug: String) {
        lock.lock(); lessons[slug] = entries; lock.unlock()
    }
}

/// The memo for one rendering of one lesson (one thread): `text(for:make:)` per piece, then `finish()`.
public final class LessonRenderMemo {
    private let memo: RenderMemo
    private let slug: String
    private let previous: [String: String]
    private var used: [String: String] = [:]
    /// How many pieces the last rendering left (for tests).
    public var count: Int { previous.count }
    /// Pieces found in the memo, and pieces made (for tests).
    public private(set) var hits = 0
    public private(set) var misses = 0

    fileprivate init(memo: RenderMemo, slug: String, previous: [String: String]) {
        self.memo = memo
        self.slug = slug
        self.previous = previous
    }

    /// The text remembered under `key`, or `make()`'s (then remembered); `make()` alone when `key` is nil.
    public func text(for key: String?, make: () -> String) -> String {
        guard let key else { return make() }
        if let known = used[key] ?? previous[key] {
            hits += 1
            used[key] = known
            return known
        }
        misses += 1
        let made = make()
        used[key] = made
        return made
    }

    /// Keeps this rendering's pieces for the next one (dropping the rest).
    public func finish() { memo.keep(used, for: slug) }
}
