import Foundation

/// Where a builder's cache files (`.attnbook/`: stored renderings, page fingerprints, lesson
/// headers, search entries) are written.
///
/// A one-shot `attnbook build` writes them as it goes. A builder that builds again (`serve`,
/// `watch`) keeps everything they hold in memory, so it writes them on one background thread after
/// `build()` has returned its report: the pages are on disk and the open page reloads without
/// waiting for bookkeeping only a later process reads. The next `build()` first waits for the
/// writes still pending, so no two builds' writes interleave and a build never reads a file half
/// written by its predecessor. A process killed in between loses only cache entries, which the
/// next build recomputes (every cache file is sealed; a missing or cut one reads as empty).
final class CacheWrites: @unchecked Sendable {
    /// Whether writes are deferred (a builder that builds again) or done at once.
    let deferred: Bool
    private let queue = DispatchQueue(label: "attnbook.cache-writes")
    private let pending = DispatchGroup()

    init(deferred: Bool) {
        self.deferred = deferred
    }

    /// Runs `write` now, or after the build when deferred; writes run one at a time, in order.
    func run(_ write: @escaping @Sendable () -> Void) {
        if deferred { queue.async(group: pending, execute: write) } else { write() }
    }

    /// Waits until every deferred write has finished.
    func wait() {
        if deferred { pending.wait() }
    }
}
