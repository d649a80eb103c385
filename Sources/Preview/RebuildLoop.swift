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

    public init(options: SiteBuilder.Options, interval: Duration = .milliseconds(10),
                log: @escaping @Sendable (String) -> Void) {
        var options = options
        options.buildsAgain = true
        self.options = options
        self.interval = interval
        self.log = log
        self.watched = [options.lessons] + (SiteSources.templatesFolder.map { [$0] } ?? [])
        self.builder = SiteBuilder(options: options, log: log)
    }

    /// Rebuilds after `changedSources` changed (every source when empty: the first build).
    ///
    /// The one place the site is rebuilt: `SiteBuilder.build()` on a builder kept across rebuilds,
    /// which skips every lesson whose page fingerprint is unchanged, re-parses only files whose bytes
    /// changed, takes unchanged cells from the cell cache and unchanged pages' search entries from
    /// memory — so an edit to one lesson runs, renders and writes that lesson (and the index and
    /// neighbours' pages only when a title or the order changed).
    public func rebuild(changedSources: [String]) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        if let templates = SiteSources.templatesFolder, changedSources.contains(where: { $0.hasPrefix(templates + "/") || $0 == templates }) {
            builder = SiteBuilder(options: options, log: log)
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
            Thread.sleep(forTimeInterval: Double(interval.components.attoseconds) / 1e18 + Double(interval.components.seconds))
            if seen.isCurrent() { continue }
            let now = FileSnapshot(of: watched)
            let changed = now.changes(since: seen)
            seen = now  // also when only a folder's stamp moved (an editor's hidden swap file)
            guard !changed.isEmpty else { continue }
            if !options.quiet { log("changed: \(changed.joined(separator: ", "))") }
            let outcome = rebuild(changedSources: changed)
            // A save that landed during the build is picked up by the next poll.
            if case .built(let files) = outcome.event {
                if !options.quiet { log(String(format: "rebuilt in %.0f ms: %d files changed", outcome.milliseconds, files.count)) }
            } else {
                log(String(format: "build failed in %.0f ms; the last good pages stay", outcome.milliseconds))
            }
            onRebuild(outcome)
        }
    }
}
