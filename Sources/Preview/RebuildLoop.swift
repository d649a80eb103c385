import Foundation
import LessonScript
import Site

/// Watches the lessons and the templates by polling, rebuilds the site when they change, and
/// tells whoever listens (the preview server's open pages) what happened.
///
/// `attnbook watch` runs it alone; `attnbook serve` runs it beside the HTTP server.
public final class RebuildLoop: @unchecked Sendable {
    /// One rebuild: what it reported and how long it took.
    public struct Outcome: Sendable {
        public var event: BuildEvent
        public var report: SiteBuilder.Report
        /// Wall time of `rebuild`, in milliseconds.
        public var milliseconds: Double
    }

    public let options: SiteBuilder.Options
    /// The folders polled for changes: the lessons, and the templates the build reads.
    public let watched: [String]
    /// How often the folders are polled. 10 ms: an edit is seen 5 ms after the save on average
    /// (the whole edit-to-reload budget is 100 ms). An idle poll is only `FileSnapshot.isCurrent`,
    /// a `stat` of each known file and folder; an idle `watch` over lessons/ and the templates
    /// (30 files) polling at this rate used 1.0–1.2% of one core (release build; CPU time of all
    /// its threads over 20 s), about what the full read of the folders every 25 ms used before
    /// (0.9%), and the cheap check alone at 25 ms used 0.5%.
    public let interval: Duration
    private let log: @Sendable (String) -> Void
    /// One builder for the life of the loop, so what it parsed and indexed stays in memory
    /// (`SiteBuilder`'s memory); made again when the templates change (it loads them once).
    private var builder: SiteBuilder
    /// What the builder logs while its build may still be superseded (see `run`).
    private let held = HeldLines()

    public init(options: SiteBuilder.Options, interval: Duration = .milliseconds(10),
                log: @escaping @Sendable (String) -> Void) {
        var options = options
        options.buildsAgain = true
        self.options = options
        self.interval = interval
        self.log = log
        self.watched = [options.lessons] + (SiteSources.templatesFolder.map { [$0] } ?? [])
        self.builder = Self.makeBuilder(options, held: held, log: log)
    }

    /// A builder whose log goes through `held`, so a superseded failure's lines can be dropped.
    private static func makeBuilder(_ options: SiteBuilder.Options, held: HeldLines,
                                    log: @escaping @Sendable (String) -> Void) -> SiteBuilder {
        SiteBuilder(options: options, log: { line in if !held.hold(line) { log(line) } })
    }

    /// Rebuilds after `changedSources` changed (every source when empty: the first build).
    ///
    /// The one place the site is rebuilt: `SiteBuilder.build()` on a builder kept across rebuilds,
    /// which skips every lesson whose page fingerprint is unchanged, re-parses only files whose bytes
    /// changed, takes unchanged cells from the cell cache and keeps unchanged pages' search files —
    /// so an edit to one lesson runs, renders and writes that lesson and its search file (and the
    /// index and neighbours' pages only when a title or the order changed). The cache files in
    /// `.attnbook/` are written after it returns (`SiteBuilder`'s `CacheWrites`).
    public func rebuild(changedSources: [String]) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        if let templates = SiteSources.templatesFolder, changedSources.contains(where: { $0.hasPrefix(templates + "/") || $0 == templates }) {
            builder = Self.makeBuilder(options, held: held, log: log)
        }
        let report = builder.build()
        let changed = report.changedFiles
        let event: BuildEvent = report.succeeded ? .built(changed: changed) : .failure(report.diagnostics, failed: report.failed, changed: changed)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        return Outcome(event: event, report: report, milliseconds: ms)
    }

    /// Polls forever (until `shouldStop` says so): on a change, rebuilds and hands the outcome
    /// to `onRebuild`. Blocks the calling thread; the build is synchronous.
    public func run(shouldStop: () -> Bool = { false }, onRebuild: (Outcome) -> Void) {
        var seen = FileSnapshot(of: watched)
        while !shouldStop() {
            pause()
            if seen.isCurrent() { continue }
            let now = FileSnapshot(of: watched)
            let changed = now.changes(since: seen)
            seen = now  // also when only a folder's stamp moved (an editor's hidden swap file)
            guard !changed.isEmpty else { continue }
            if !options.quiet { log("changed: \(changed.joined(separator: ", "))") }
            held.start()
            var outcome = rebuild(changedSources: changed)
            // A failure may come from a save caught half-written: an editor that truncates the
            // file and then writes it (vim with `backupcopy=yes`, Python's `open(…, "w")`, many
            // others) leaves an empty lesson for a moment, which reads as "no front matter".
            // Before a failure is reported, the writer gets one more interval; when anything
            // moved, the site is built again and only that build is reported, so neither the
            // terminal nor the page's overlay shows an error the author never wrote. (A build
            // that succeeds on a half-written file is corrected by the next poll, as before.)
            var supersededChanges: [String] = []
            while case .failed(_, _, let written) = outcome.event, !shouldStop() {
                pause()
                if seen.isCurrent() { break }
                let now = FileSnapshot(of: watched)
                let more = now.changes(since: seen)
                seen = now
                if more.isEmpty { break }
                supersededChanges += written
                held.drop()
                if !options.quiet { log("changed again before the error was shown: \(more.joined(separator: ", "))") }
                outcome = rebuild(changedSources: more)
            }
            held.release(to: log)
            outcome.event = outcome.event.alsoChanged(supersededChanges)
            // A save that landed during the build is picked up by the next poll.
            if case .built(let files) = outcome.event {
                if !options.quiet { log(String(format: "rebuilt in %.1f ms: %d files changed", outcome.milliseconds, files.count)) }
            } else {
                log(String(format: "build failed in %.1f ms; the last good pages stay", outcome.milliseconds))
            }
            onRebuild(outcome)
        }
    }

    /// Sleeps one poll interval.
    private func pause() {
        Thread.sleep(forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18)
    }
}

/// Log lines kept back while `holding`, then printed or dropped.
private final class HeldLines: @unchecked Sendable {
    private let lock = NSLock()
    private var holding = false
    private var lines: [String] = []

    func start() { lock.withLock { holding = true } }

    /// Keeps `line` when holding (true), or says to print it now (false).
    func hold(_ line: String) -> Bool {
        lock.withLock {
            if holding { lines.append(line) }
            return holding
        }
    }

    func drop() { lock.withLock { lines.removeAll() } }

    /// Stops holding and prints what was kept, in order.
    func release(to log: (String) -> Void) {
        let kept = lock.withLock { holding = false; defer { lines.removeAll() }; return lines }
        for line in kept { log(line) }
    }
}
