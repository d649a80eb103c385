import Foundation
import LessonScript
import Notebook

/// Builds the site: every lesson through the named stages, then the index and the assets.
///
/// A plain loop over lessons and stages (after mdBook's `Preprocessor::run`/`Renderer::render`):
/// `parse` (front matter, cells) for every lesson first, so navigation knows the order; then per
/// lesson `run` (cells in one session), `render` (HTML, Markdown, SVG, JSON in memory) and
/// `write` (atomic). A lesson that fails writes nothing, so its previous pages stay; the others
/// still build, and the build reports failure.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var lessons: String
        public var output: String
        /// `false` for `attnbook check`: run everything, write nothing.
        public var write: Bool
        public var quiet: Bool
        public var verbose: Bool
        /// ANSI colour in diagnostics (a terminal, and `NO_COLOR` unset).
        public var color: Bool
        /// Where Debian's `libjs-katex` lives (the build runs its `katex.js` in node); overridable for tests.
        public var katexDirectory: String
        /// Take unchanged cells' results from `.attnbook/` beside the lessons folder (`--no-cache` turns it off).
        public var useCache = true
        /// The engine/format version in cell keys; nil for `CellCache.defaultVersion` (tests set it).
        public var cacheVersion: String?

        public init(lessons: String = "lessons", output: String = "output", write: Bool = true,
                    quiet: Bool = false, verbose: Bool = false, color: Bool = false,
                    katexDirectory: String = ProcessInfo.processInfo.environment["ATTNBOOK_KATEX_DIR"] ?? "/usr/share/javascript/katex") {
            self.lessons = lessons
            self.output = output
            self.write = write
            self.quiet = quiet
            self.verbose = verbose
            self.color = color
            self.katexDirectory = katexDirectory
        }
    }

    /// The stages a lesson goes through, named in progress and error lines.
    public enum Stage: String, Sendable { case parse, run, render, write }

    public struct Report: Sendable {
        public var built: [String] = []
        public var failed: [String] = []
        public var diagnostics: [Diagnostic] = []
        /// Cells whose results came from the cache, and cells that ran (through the cache).
        public var cellsCached = 0
        public var cellsRun = 0
        public var succeeded: Bool { failed.isEmpty && diagnostics.allSatisfy { $0.severity != .error } }
    }

    public let options: Options
    /// Where progress and diagnostics go (stderr for the command line).
    public let log: (String) -> Void

    /// Makes the kernel that runs a lesson's cells (tests pass a stand-in).
    public let makeKernel: (Lesson) -> CellKernel

    public init(options: Options, log: @escaping (String) -> Void,
                makeKernel: @escaping (Lesson) -> CellKernel = {
                    Session(file: $0.path, precision: $0.frontMatter.precision, budget: .scaled($0.frontMatter.budget))
                }) {
        self.options = options
        self.log = log
        self.makeKernel = makeKernel
    }

    public func build() -> Report {
        var report = Report()
        let templates: SiteTemplates
        do { templates = try SiteTemplates.load() } catch {
            log("error: cannot load the site templates: \(error)")
            report.failed.append("templates")
            return report
        }

        // Stage `parse`, for every lesson: navigation needs all titles and the order.
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.lessons, isDirectory: &isDirectory), isDirectory.boolValue else {
            log("error: no lessons folder at `\(options.lessons)`; pass one with --lessons DIR")
            report.failed.append(options.lessons)
            return report
        }
        let paths: [String]
        do { paths = try LessonLoader.discover(in: options.lessons) } catch {
            log("error: cannot read the lessons folder `\(options.lessons)`: \(error.localizedDescription)")
            report.failed.append(options.lessons)
            return report
        }
        let writer = OutputWriter(root: options.output, enabled: options.write, log: log)
        let cache = CellCache(directory: options.useCache ? CellCache.directory(besideLessons: options.lessons) : nil,
                              version: options.cacheVersion ?? CellCache.defaultVersion)
        do { try writer.begin() } catch {
            log("error: [write] \(error)")
            report.failed.append(options.output)
            return report
        }
        var lessons: [Lesson] = []
        for path in paths {
            do { lessons.append(try LessonLoader.load(path)) } catch {
                report.failed.append(path)
                writer.keep(owner: OutputManifest.owner(LessonLoader.slug(of: path)))
                fail(path, stage: .parse, error.diagnostics, &report)
            }
        }
        // Every lesson needs a number of its own; an unnumbered or doubled one fails, a surprising
        // `order:` is a warning.
        let (numbered, numberDiagnostics) = LessonLoader.checkNumbers(lessons)
        for d in numberDiagnostics {
            if d.severity == .error {
                report.failed.append(d.location.file)
                fail(d.location.file, stage: .parse, [d], &report)
            } else {
                report.diagnostics.append(d)
                log(String(DiagnosticFormatter.format(d, color: options.color).dropLast()))
            }
        }
        lessons = numbered
        lessons.sort { ($0.order, $0.slug) < ($1.order, $1.slug) }
        let math = typesetMath(lessons)

        let total = lessons.count
        for (k, lesson) in lessons.enumerated() {
            let start = DispatchTime.now().uptimeNanoseconds
            let navigation = Navigation(previous: k > 0 ? lessons[k - 1] : nil, next: k + 1 < total ? lessons[k + 1] : nil,
                                        lessons: lessons, current: k)
            // Stage `run`.
            if options.verbose { log("  \(lesson.slug): run") }
            let document: NotebookDocument
            let cells = cache.lesson(lesson.slug)
            defer {
                cells.save()
                report.cellsCached += cells.hits
                report.cellsRun += cells.misses
                if options.verbose, cells.isEnabled { log("  \(lesson.slug): \(cells.hits) cells from the cache, \(cells.misses) run") }
            }
            do { document = try NotebookRunner.run(lesson, kernel: makeKernel(lesson), cache: cells) } catch {
                report.failed.append(lesson.path)
                writer.keep(owner: OutputManifest.owner(lesson.slug))
                fail(lesson.path, stage: .run, error.diagnostics, &report)
                continue
            }
            // Stage `render`.
            if options.verbose { log("  \(lesson.slug): render") }
            let files = LessonPageRenderer(templates: templates, math: math).render(document, navigation: navigation)
            // Stage `write`.
            if options.verbose { log("  \(lesson.slug): \(options.write ? "write" : "would write (check)") \(files.count) files") }
            do {
                try writer.write(files, owner: OutputManifest.owner(lesson.slug))
            } catch {
                report.failed.append(lesson.path)
                writer.keep(owner: OutputManifest.owner(lesson.slug))
                log("\(lesson.path): error: [write] \(error)")
                continue
            }
            report.built.append(lesson.slug)
            let ms = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            if !options.quiet { log("[\(k + 1)/\(total)] \(lesson.slug)  \(ms) ms") }
        }

        // The table of contents and the assets, then what earlier builds wrote and this one did not.
        do {
            try writer.write(IndexRenderer(templates: templates).render(lessons), owner: OutputManifest.siteOwner)
            try writer.write(ReferenceRenderer(templates: templates).render(lessons: lessons), owner: OutputManifest.siteOwner)
            if options.write {
                try writer.write(SiteAssets.ownAssets(), owner: OutputManifest.siteOwner)
                // The search reads the pages as written, so it runs after them.
                let search = SearchIndex.files(for: SearchIndex.pages(lessons: lessons, in: options.output))
                try writer.write(search.files, owner: OutputManifest.siteOwner)
                if let note = search.note { log("note: \(note)") }
            }
            try writer.finish()
        } catch {
            report.failed.append("index")
            log("error: [write] \(error)")
        }
        if !options.quiet, !report.failed.isEmpty {
            log("\(report.failed.count) of \(paths.count) lessons failed")
        }
        return report
    }

    private func fail(_ path: String, stage: Stage, _ diagnostics: [Diagnostic], _ report: inout Report) {
        report.diagnostics += diagnostics
        for d in diagnostics { log(String(DiagnosticFormatter.format(d, color: options.color).dropLast())) }
        if options.verbose { log("  \(path): failed in stage `\(stage.rawValue)`") }
    }
}

/// The lessons before and after a page, and all of them for the sidebar.
struct Navigation {
    var previous: Lesson?
    var next: Lesson?
    /// Every lesson in order; `current` is this page's position (`nil` for a page that is no lesson).
    var lessons: [Lesson] = []
    var current: Int?
}
