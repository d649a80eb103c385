import Foundation

/// What rendering a lesson's cells gave in its last build, handed back when a cell's rendering is
/// sure to be the same: a prose edit re-renders the prose and puts the cells' HTML, Markdown, SVG
/// files and the page's JSON back as they were.
///
/// A cell's rendering depends on the cell and on everything bound before it on the page (the
/// page scope links names across cells; figure file names count earlier figures), so entries are
/// keyed by `RunCell.renderKey`: the cell-cache keys of the cell and of every cell before it,
/// which fix what those cells showed and bound (DESIGN §9), and the cache version in them the
/// attnbook executable. Cell keys leave out where a cell is, so the pieces that show lines (a
/// cell's HTML, with its outputs' `data-line`; the JSON, with every cell's `line`) add the lines
/// to their keys: lines of prose added above a cell re-render its HTML, not its Markdown or
/// figures, and a prose edit that keeps the lines takes everything back. A cell without a cache key (one that reported something, or reads values
/// too large to key) has no render key, nor do the cells after it.
///
/// A process that builds again (`serve`, `watch`) keeps each lesson's entries in memory; the
/// entries also go to disk (the site's `.attnbook/renders/`, through the caller), so a one-shot
/// build after an edit finds them. Each lesson keeps only the entries its last rendering used.
public final class RenderMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var lessons: [String: [String: String]] = [:]
    /// Pieces that are not needed (`text(for:needed:make:)`), in memory only.
    private var extras: [String: [String: String]] = [:]
    /// Keep entries in memory between builds.
    public let remembers: Bool

    public init(remembers: Bool) {
        self.remembers = remembers
    }

    /// One lesson's rendering: reads what the last one left (in memory, else `stored()`, nil when
    /// there is nothing stored), collects what this one makes.
    public func lesson(_ slug: String, stored: () -> [String: String]? = { nil }) -> LessonRenderMemo {
        lock.lock()
        let known = lessons[slug], extra = extras[slug] ?? [:]
        lock.unlock()
        return LessonRenderMemo(memo: self, slug: slug, previous: known ?? stored() ?? [:], extras: extra)
    }

    fileprivate func keep(_ entries: [String: String], extras: [String: String], for slug: String) {
        guard remembers else { return }
        lock.lock(); lessons[slug] = entries; self.extras[slug] = extras; lock.unlock()
    }
}

/// The memo for one rendering of one lesson: `text(for:make:)` per piece, then `finish()`. The
/// page's renderers may ask from two threads at once (HTML on one, Markdown and JSON on the other),
/// so what it collects is behind a lock; a piece is made outside it.
public final class LessonRenderMemo: @unchecked Sendable {
    private let lock = NSLock()
    private let memo: RenderMemo
    private let slug: String
    private let previous: [String: String]
    private var used: [String: String] = [:]
    /// Pieces that are not needed, kept apart (in memory only: `finish()` does not return them).
    private let previousExtras: [String: String]
    private var usedExtras: [String: String] = [:]
    /// How many pieces the last rendering left (for tests).
    public var count: Int { previous.count }
    /// Pieces found in the memo, and pieces made (for tests).
    public private(set) var hits = 0
    public private(set) var misses = 0
    /// Every piece must come from the memo (a page put together by `NotebookRunner.replay`, whose
    /// cells carry no outputs to render): a piece that does not is noted in `missed`, and the
    /// caller throws the rendering away.
    public var strict = false
    public private(set) var missed = false

    fileprivate init(memo: RenderMemo, slug: String, previous: [String: String], extras: [String: String]) {
        self.memo = memo
        self.slug = slug
        self.previous = previous
        self.previousExtras = extras
    }

    /// The text remembered under `key`, or `make()`'s (then remembered); `make()` alone when `key` is nil.
    public func text(for key: String?, make: () -> String) -> String {
        guard let key else {
            lock.withLock { if strict { missed = true } }
            return make()
        }
        if let known = recall(key) {
            lock.withLock { hits += 1 }
            return known
        }
        return miss(key, make)
    }

    /// A piece not in the memo: made, and remembered (behind `header`) under `key`.
    private func miss(_ key: String, header: String = "", _ make: () -> String) -> String {
        lock.withLock {
            if strict { missed = true }
            misses += 1
        }
        let made = make()
        lock.withLock { used[key] = header + made }
        return made
    }

    /// The text remembered under `key` for a piece that shows lines of the lesson file (a cell's
    /// HTML, the JSON): kept with the `lines` it was made for, and handed back for other lines
    /// through `move(text, madeFor, lines)` — nil when it cannot be moved, and then made again.
    /// So lines of prose added above a cell do not make its rendering again.
    public func text(for key: String?, lines: [Int], move: (String, _ madeFor: [Int], _ lines: [Int]) -> String?,
                     make: () -> String) -> String {
        // Kept as "@12 15\n" and the text: the lines it was made for first.
        let header = "@" + lines.map(String.init).joined(separator: " ") + "\n"
        guard let key else { return text(for: nil, make: make) }
        if let known = lock.withLock({ used[key] ?? previous[key] }), known.hasPrefix("@"),
           let newline = known.utf8.firstIndex(of: UInt8(ascii: "\n")) {
            let text = String(known[known.index(after: newline)...])
            let madeFor = known[known.index(after: known.startIndex)..<newline].split(separator: " ").compactMap { Int($0) }
            // Kept as it was when moved: the stored renderings need not be written again for a move.
            if let found = madeFor == lines ? text : move(text, madeFor, lines) {
                lock.withLock {
                    hits += 1
                    used[key] = known
                }
                return found
            }
        }
        return miss(key, header: header, make)
    }

    /// A piece `make()` can always make right from what the caller has (a prose block's Markdown,
    /// from its own text): remembered in memory only (a process that builds again), and missing
    /// it does not spoil a strict rendering.
    public func extra(for key: @autoclosure () -> String, make: () -> String) -> String {
        guard memo.remembers else { return make() }
        let key = key()
        let known: String? = lock.withLock {
            guard let known = usedExtras[key] ?? previousExtras[key] else { return nil }
            usedExtras[key] = known
            return known
        }
        if let known { return known }
        let made = make()
        lock.withLock { usedExtras[key] = made }
        return made
    }

    /// The text remembered under `key`, kept for the next rendering; nil when there is none.
    func recall(_ key: String) -> String? {
        lock.withLock {
            guard let known = used[key] ?? previous[key] else { return nil }
            used[key] = known
            return known
        }
    }

    /// Keeps what `NotebookRunner.replay` needs to put `document`'s page together again, if it has it.
    public func record(pageOf document: NotebookDocument) {
        if let page = document.pageRecord { record(page.key, page.record.text) }
    }

    /// Remembers `text` under `key`, in place of what was there.
    private func record(_ key: String, _ text: String) {
        lock.withLock {
            if previous[key] != text { misses += 1 }
            used[key] = text
        }
    }

    /// Forgets what this rendering used, to start it again (after a strict rendering missed).
    public func restart() {
        lock.withLock {
            used = [:]
            usedExtras = [:]
            hits = 0
            misses = 0
            strict = false
            missed = false
        }
    }

    /// Keeps this rendering's pieces for the next one (dropping the rest); returns them when they
    /// differ from what the last rendering left (for the caller to store), else nil.
    @discardableResult
    public func finish() -> [String: String]? {
        let (used, extras, misses) = lock.withLock { (self.used, usedExtras, self.misses) }
        memo.keep(used, extras: extras, for: slug)
        return misses > 0 || used.count != previous.count ? used : nil
    }
}
