import Foundation
import LessonScript
import Notebook

/// Builds the site: every lesson through the named stages, then the index and the assets.
///
/// The stages are units a caller can invoke for one lesson (a `watch` loop, a cache):
/// - `loadLessons()`: parse every lesson (front matter, cells) and check their numbers, so
///   navigation knows the order;
/// - `buildLesson(_:navigation:)`: run one lesson's cells (in a session of its own) and render its
///   files in memory (HTML, Markdown, SVG, JSON);
/// - `buildIndex(_:)`, `buildReference(_:)`, `buildAssets()`, `writeSearchIndex(_:writer:)` (after the pages
///   are written): the site's own pages and files;
/// - `makeWriter()`: the `OutputWriter` that writes them atomically and owns what it wrote.
///
/// `build()` is the plain loop over them (after mdBook's `Preprocessor::run`/`Renderer::render`),
/// with lessons run and rendered on `options.jobs` threads and written in lesson order on the
/// calling thread, so the output and the log are the same for any number of jobs. A lesson that
/// fails writes nothing, so its previous pages stay; the others still build, and the build
/// reports failure.
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
        /// How many lessons are run and rendered at once (at least 1); the output does not depend on it.
        public var jobs: Int
        /// Take unchanged cells' results from `.attnbook/` beside the lessons folder (`--no-cache` turns it off).
        public var useCache = true
        /// The engine/format version in cell keys; nil for `CellCache.defaultVersion` (tests set it).
        public var cacheVersion: String?
        /// The builder will build again in this process (`serve`, `watch`): keep decoded cell
        /// results in memory between builds. Off for a one-shot build, whose peak memory it raised.
        public var buildsAgain = false

        public init(lessons: String = "lessons", output: String = "output", write: Bool = true,
                    quiet: Bool = false, verbose: Bool = false, color: Bool = false,
                    katexDirectory: String = ProcessEnvironment.value("ATTNBOOK_KATEX_DIR") ?? "/usr/share/javascript/katex",
                    jobs: Int = SiteBuilder.defaultJobs) {
            self.lessons = lessons
            self.output = output
            self.write = write
            self.quiet = quiet
            self.verbose = verbose
            self.color = color
            self.katexDirectory = katexDirectory
            self.jobs = jobs
        }
    }

    /// The most jobs `--jobs` accepts.
    public static let maximumJobs = 64
    /// One job per core (at most `maximumJobs`).
    public static var defaultJobs: Int { min(ProcessEnvironment.cores, maximumJobs) }

    /// The stages a lesson goes through, named in progress and error lines.
    public enum Stage: String, Sendable { case parse, run, render, write }

    public struct Report: Sendable {
        public var built: [String] = []
        public var failed: [String] = []
        public var diagnostics: [Diagnostic] = []
        /// Cells whose results came from the cache, and cells that ran (through the cache).
        public var cellsCached = 0
        public var cellsRun = 0
        /// Lessons whose pages were kept as they were: nothing they depend on changed since the last build.
        public var lessonsUnchanged = 0
        /// Files of the output folder (relative paths) that this build wrote with new bytes or removed.
        public var changedFiles: [String] = []
        public var succeeded: Bool { failed.isEmpty && diagnostics.allSatisfy { $0.severity != .error } }
    }

    public let options: Options
    /// Where progress and diagnostics go (stderr for the command line). Called on the thread that
    /// called `build()` only.
    public let log: (String) -> Void

    /// Makes the kernel that runs a lesson's cells (tests pass a stand-in). Called on worker
    /// threads, once per lesson.
    public let makeKernel: @Sendable (Lesson) -> CellKernel

    /// The templates, loaded once, on a thread of their own from `init` (parsing them and
    /// identifying their files is ~1.4 ms, which overlaps reading the lessons); an error here
    /// fails every page.
    private let pendingTemplates: Pending<Result<SiteTemplates, SiteError>>
    private var templates: Result<SiteTemplates, SiteError> { pendingTemplates.value }
    /// The cell cache beside the lessons folder (a disabled one for `--no-cache`).
    private let cellCache: CellCache
    /// What this builder keeps from one `build()` to the next (see `BuildMemory`).
    let memory: BuildMemory

    public init(options: Options, log: @escaping (String) -> Void,
                makeKernel: @escaping @Sendable (Lesson) -> CellKernel = {
                    Session(file: $0.path, precision: $0.frontMatter.precision, budget: .scaled($0.frontMatter.budget))
                }) {
        self.options = options
        self.log = log
        self.makeKernel = makeKernel
        cellCache = CellCache(directory: options.useCache ? CellCache.directory(besideLessons: options.lessons) : nil,
                              version: options.cacheVersion ?? CellCache.defaultVersion, remembers: options.buildsAgain)
        memory = BuildMemory(cacheDirectory: cellCache.directory, buildsAgain: options.buildsAgain, version: cellCache.version)
        pendingTemplates = Pending {
            do { return .success(try SiteTemplates.load()) } catch {
                return .failure(SiteError(subject: "templates", "cannot load the site templates: \(error)"))
            }
        }
    }

    // MARK: The stages, one unit each

    /// Stage `parse` for every lesson in `options.lessons`: reads and parses each file, then checks
    /// that every lesson has a number of its own (an unnumbered or doubled one fails, a surprising
    /// `order:` is a warning). Writes and logs nothing.
    /// - Throws: when the folder is missing or unreadable (nothing can be built).
    public func loadLessons() throws(SiteError) -> LoadedLessons {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.lessons, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(subject: options.lessons, "no lessons folder at `\(options.lessons)`; pass one with --lessons DIR")
        }
        let paths: [String]
        do { paths = try LessonLoader.discover(in: options.lessons) } catch {
            throw SiteError(subject: options.lessons, "cannot read the lessons folder `\(options.lessons)`: \(error.localizedDescription)")
        }
        var lessons: [Lesson] = [], failures: [LessonFailure] = [], warnings: [Diagnostic] = []
        // Files unchanged since this builder parsed them are taken first, on this thread; the rest
        // are read on `jobs` threads. A file whose bytes `.attnbook/lessons.tsv` knows is not parsed:
        // its front matter is enough unless the lesson has to be built (see `build()`).
        let memory = memory
        let headers: LessonHeaders? = options.useCache ? memory.headers : nil
        let known = paths.map { memory.unchangedLesson(at: $0).map { ($0.lesson, Optional($0.hash)) } }
        let changed = paths.indices.filter { known[$0] == nil }
        let fresh = changed.map { paths[$0] }.parallelMap(jobs: min(options.jobs, changed.count)) { path in
            memory.lesson(at: path) { data, hash in
                if let hash, let frontMatter = headers?.frontMatter(at: path, hash: hash) {
                    return .success(LessonLoader.headerOnly(path, frontMatter))
                }
                return Result { () throws(LessonError) in try LessonLoader.parse(data, path: path, scans: memory.scans) }
            }
        }
        var parsed = known
        for (k, result) in zip(changed, fresh) { parsed[k] = (result.lesson, result.hash) }
        memory.keepLessons(at: Set(paths))
        var hashes: [String: String] = [:]
        for (path, entry) in zip(paths, parsed) {
            let (result, hash) = entry!
            switch result {
            case .success(let lesson):
                lessons.append(lesson)
                if let hash {
                    hashes[path] = hash
                    headers?.record(lesson.frontMatter, at: path, hash: hash)
                }
            case .failure(let error): failures.append(LessonFailure(path: path, stage: .parse, diagnostics: error.diagnostics))
            }
        }
        if options.write, let headers { memory.cacheWrites.run { headers.save() } }
        // A numbering diagnostic points at the `order:` line: lessons known by their front matter
        // alone that get one are parsed in full, and checked again.
        var checked = LessonLoader.checkNumbers(lessons)
        let located = Set(checked.diagnostics.map(\.location.file)).intersection(lessons.filter(\.isHeaderOnly).map(\.path))
        if !located.isEmpty {
            lessons = lessons.map { located.contains($0.path) ? ((try? LessonLoader.complete($0)) ?? $0) : $0 }
            checked = LessonLoader.checkNumbers(lessons)
        }
        let (numbered, numberDiagnostics) = checked
        for d in numberDiagnostics {
            if d.severity == .error {
                failures.append(LessonFailure(path: d.location.file, stage: .parse, diagnostics: [d]))
            } else {
                warnings.append(d)
            }
        }
        lessons = numbered
        lessons.sort { ($0.order, $0.slug) < ($1.order, $1.slug) }
        var loaded = LoadedLessons(lessons: lessons, failures: failures, warnings: warnings, fileCount: paths.count)
        loaded.sourceHashes = hashes
        return loaded
    }

    /// Stages `run` and `render` for one lesson: its math typeset (through the math cache; a
    /// formula KaTeX refuses is logged as a warning), its cells run (through the cell cache), its
    /// files in memory — or why it failed. Writes nothing to the output folder.
    public func buildLesson(_ given: Lesson, navigation: Navigation) -> Result<[SiteFile], LessonFailure> {
        let lesson: Lesson
        do { lesson = try LessonLoader.complete(given) } catch {
            return .failure(LessonFailure(path: given.path, stage: .parse, diagnostics: error.diagnostics))
        }
        return switch templates {
        case .success(let templates):
            LessonPipeline(templates: templates, math: PendingMath(ready: typesetMath([lesson])), cache: cellCache, makeKernel: makeKernel,
                           renders: memory.renders, cacheWrites: memory.cacheWrites)
                .build(lesson, navigation: navigation).result
        case .failure(let error): .failure(LessonFailure(path: lesson.path, stage: .render, diagnostics: [], message: error.message))
        }
    }

    /// The table of contents (`index.html`, `index.md`) for `lessons` in site order.
    public func buildIndex(_ lessons: [Lesson]) throws(SiteError) -> [SiteFile] {
        IndexRenderer(templates: try templates.get()).render(lessons)
    }

    /// The script language reference (`reference.html`, `reference.md`), with the lessons in its sidebar.
    public func buildReference(_ lessons: [Lesson]) throws(SiteError) -> [SiteFile] {
        ReferenceRenderer(templates: try templates.get()).render(lessons: lessons)
    }

    /// Our stylesheet and script.
    public func buildAssets() throws -> [SiteFile] {
        try SiteAssets.ownAssets()
    }

    /// Writes the search's files (see `SearchIndex`) from the pages as `writer` leaves the output
    /// folder, so call it after writing the lessons and the reference: each page's file under the
    /// owner `searchOwner(ofPage:)`, the list and lunr under `searchOwner`. A page's sections are cut
    /// again only when its bytes changed since a build that this builder or `.attnbook/` remembers.
    /// - Returns: a note when lunr is missing.
    public func writeSearchIndex(_ lessons: [Lesson], writer: OutputWriter) throws -> String? {
        try writeSearchIndex(lessons, writer: writer, fingerprints: nil)
    }

    /// The same; with a build's `fingerprints`, a page whose bytes and title are those of the last
    /// build keeps its search file (while it is still there) without cutting, hashing or reading
    /// anything, and the list and lunr stay when no page, title or lunr changed: an edit of one
    /// lesson's text writes that lesson's search file alone.
    func writeSearchIndex(_ lessons: [Lesson], writer: OutputWriter, fingerprints: PageFingerprints?) throws -> String? {
        let pages = lessons.map { ($0.slug, $0.frontMatter.title) } + [(ReferenceRenderer.slug, "Script language reference")]
        // The files' format is the executable's: a new attnbook makes them all again (and writes
        // those whose bytes differ).
        let version = "search " + cellCache.version
        let fingerprints = fingerprints?.isEnabled == true ? fingerprints : nil
        let sections = memory.searchSections
        var listed: [(href: String, title: String)] = []
        for (slug, title) in pages {
            let href = slug + ".html"
            // A page that is not there (a lesson that never built) has nothing to find.
            guard let hash = writer.fileHash(href) else { continue }
            let owner = Self.searchOwner(ofPage: slug)
            var h = ContentHasher()
            h.add(version)
            h.add(href)
            h.add(title)
            h.add(String(hash, radix: 16))
            let key = h.hex
            if let fingerprints, fingerprints.unchanged(owner, key), writer.stillHas(owner: owner) {
                writer.keep(owner: owner)
                sections.keep(hash: hash)
            } else {
                guard let entries = sections.entries(hash: hash, title: title, read: {
                    FileManager.default.contents(atPath: options.output + "/" + href)
                }) else { continue }
                try writer.write([SearchIndex.pageFile(href: href, entries: entries)], owner: owner)
            }
            fingerprints?.record(owner, key)
            listed.append((href, title))
        }
        memory.cacheWrites.run { sections.save() }
        let list = SearchIndex.listFile(pages: listed)
        var h = ContentHasher()
        h.add(version)
        h.add(list.contents)
        h.add(FileIdentity.of(SearchIndex.lunrPath))
        let key = h.hex
        defer { fingerprints?.record(Self.searchOwner, key) }
        if let fingerprints, fingerprints.unchanged(Self.searchOwner, key), writer.stillHas(owner: Self.searchOwner) {
            writer.keep(owner: Self.searchOwner)
            return nil
        }
        let lunr = SearchIndex.lunrFile()
        try writer.write([list] + (lunr.file.map { [$0] } ?? []), owner: Self.searchOwner)
        return lunr.note
    }

    /// The owner name under which `OutputWriter` records a lesson's files (for `write`/`keep`).
    public static func owner(ofLesson slug: String) -> String { OutputManifest.owner(slug) }
    /// The owner name of the index, the reference and the assets.
    public static var siteOwner: String { OutputManifest.siteOwner }

    /// The writer for `options.output` (disabled when `options.write` is false); call `begin()` first.
    public func makeWriter() -> OutputWriter {
        OutputWriter(root: options.output, enabled: options.write, log: log, memo: memory.manifest, folderStamps: memory.outputFolders)
    }

    // MARK: The whole site

    public func build() -> Report {
        // The last build's cache files are all written before this one reads or writes any.
        memory.cacheWrites.wait()
        var report = Report()
        var clock = PhaseClock()
        let loaded: LoadedLessons
        do { loaded = try loadLessons() } catch {
            log("error: \(error.message)")
            report.failed.append(error.subject)
            return report
        }
        clock.mark("load")
        // (Loaded meanwhile; a broken installation fails here, after the lessons were read.)
        let siteTemplates: SiteTemplates
        switch templates {
        case .success(let templates): siteTemplates = templates
        case .failure(let error):
            log("error: \(error.message)")
            report.failed.append(error.subject)
            return report
        }
        clock.mark("templates")
        let writer = makeWriter()
        do { try writer.begin() } catch {
            log("error: [write] \(error)")
            report.failed.append(options.output)
            return report
        }
        clock.mark("begin")
        for failure in loaded.failures {
            writer.keep(owner: failure.owner)
            fail(failure, &report)
        }
        for d in loaded.warnings {
            report.diagnostics.append(d)
            log(String(DiagnosticFormatter.format(d, color: options.color).dropLast()))
        }

        // Lessons unchanged since the last build keep their pages without running or rendering.
        let pages = PageFingerprints(directory: options.write ? cellCache.directory : nil, output: options.output, memo: memory.fingerprints)
        let katex = FileIdentity.of(options.katexDirectory + "/katex.js")
        let site = PageFingerprints.siteFingerprint(loaded.lessons, version: cellCache.version + " " + siteTemplates.identity, katex: katex)
        let fingerprints = loaded.lessons.indices.map { k in
            PageFingerprints.fingerprint(loaded.lessons[k], navigation: loaded.navigation(at: k), site: site,
                                         source: loaded.sourceHashes[loaded.lessons[k].path])
        }
        let skip = loaded.lessons.indices.map { k in
            let lesson = loaded.lessons[k]
            // (A lesson known by its front matter alone is fingerprinted by its file's hash; without one, built.)
            return pages.isEnabled && (!lesson.isHeaderOnly || loaded.sourceHashes[lesson.path] != nil)
                && pages.unchanged(lesson.slug, fingerprints[k])
                && writer.stillHas(owner: OutputManifest.owner(lesson.slug))
        }
        clock.mark("fingerprints")
        // Lessons to build that were known only by their front matter are parsed now (on `jobs`
        // threads); one that no longer parses fails like any other.
        let incomplete = loaded.lessons.indices.filter { !skip[$0] && loaded.lessons[$0].isHeaderOnly }
        let completed = incomplete.parallelMap(jobs: min(options.jobs, incomplete.count)) { k in
            Result { () throws(LessonError) in try LessonLoader.complete(loaded.lessons[k]) }
        }
        var completedLessons = loaded.lessons
        var unparsable: [Int: LessonError] = [:]
        for (k, result) in zip(incomplete, completed) {
            switch result {
            case .success(let lesson): completedLessons[k] = lesson
            case .failure(let error): unparsable[k] = error
            }
        }
        let lessons = completedLessons
        let parseFailures = unparsable
        // The math of every lesson that builds, in one batch (at most one node process), typeset
        // while the cells run; a page waits for it only when it is rendered.
        let building = lessons.indices.filter { !skip[$0] && parseFailures[$0] == nil }.map { lessons[$0] }
        let math = startTypesettingMath(building)
        var lessonPipeline = LessonPipeline(templates: siteTemplates, math: math, cache: cellCache, makeKernel: makeKernel,
                                            renders: memory.renders, cacheWrites: memory.cacheWrites)
        // One lesson to build (an edit) and a core to spare: its Markdown and JSON are rendered
        // and written beside its HTML, the HTML is written as soon as it is made, and its page's
        // search file is made and written meanwhile; the writer then only records them.
        let searching = DispatchGroup()
        if building.count == 1, options.jobs >= 2 {
            lessonPipeline.parallel = true
            if options.write, let ahead = writer.ahead {
                // The files are written where they are made (`WriteAhead`); the writer records them.
                let sections = memory.searchSections
                lessonPipeline.htmlReady = { lesson, page in
                    DispatchQueue.global(qos: .userInitiated).async(group: searching) {
                        guard let entries = sections.entries(hash: page.hash ?? OutputManifest.hash(page.contents), title: lesson.frontMatter.title, read: { page.contents }) else { return }
                        ahead.write([SearchIndex.pageFile(href: page.path, entries: entries)], owner: Self.searchOwner(ofPage: lesson.slug))
                    }
                    // (On this thread, while the other files are still being made.)
                    ahead.write([page], owner: OutputManifest.owner(lesson.slug))
                }
                lessonPipeline.othersReady = { lesson, files in ahead.write(files, owner: OutputManifest.owner(lesson.slug)) }
            }
        }
        let pipeline = lessonPipeline
        clock.mark("math")
        // Its warnings go before the first lesson's line, as when it was typeset first.
        var mathLogged = false
        func logMath() {
            guard !mathLogged else { return }
            mathLogged = true
            for message in math.messages { log(message) }
        }

        // Stages `run` and `render` on `jobs` threads; `write` here, in lesson order.
        let total = lessons.count
        // (No more threads than lessons to build: a one-lesson rebuild runs on one worker.)
        let jobs = min(max(1, options.jobs), max(1, building.count))
        let results = OrderedResults<(LessonPipeline.Outcome, nanoseconds: UInt64)>(count: total, window: 2 * jobs)
        let workers = DispatchGroup()
        let queue = DispatchQueue(label: "attnbook.lessons", qos: .userInitiated, attributes: .concurrent)
        @Sendable func produce(_ k: Int) -> (LessonPipeline.Outcome, nanoseconds: UInt64) {
            if skip[k] { return (LessonPipeline.Outcome(result: .success([]), skipped: true), 0) }
            if let error = parseFailures[k] {
                return (LessonPipeline.Outcome(result: .failure(LessonFailure(path: lessons[k].path, stage: .parse, diagnostics: error.diagnostics))), 0)
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let result = pipeline.build(lessons[k], navigation: loaded.navigation(at: k))
            return (result, DispatchTime.now().uptimeNanoseconds - start)
        }
        // One lesson to build (an edit): on this thread, with no hand-off between threads.
        let inline = jobs == 1
        if !inline {
            // A cold build's trainings first, on every thread at once, then the lessons.
            let forecast = trainingForecast(building, jobs: jobs)
            for _ in 0..<jobs {
                queue.async(group: workers) {
                    forecast?.runAll()
                    while let k = results.claim() { results.put(produce(k), at: k) }
                }
            }
        }
        var runTime: UInt64 = 0, renderTime: UInt64 = 0, writeTime: UInt64 = 0
        for (k, lesson) in lessons.enumerated() {
            let (outcome, computeNanoseconds) = inline ? produce(k) : results.take(k)
            logMath()
            if outcome.skipped {
                writer.keep(owner: OutputManifest.owner(lesson.slug))
                pages.record(lesson.slug, fingerprints[k])
                report.built.append(lesson.slug)
                report.lessonsUnchanged += 1
                if options.verbose { log("  \(lesson.slug): unchanged since the last build; its pages stay") }
                // A rebuild in `serve`/`watch` lists only the lessons it built (an edit: one line).
                if !options.quiet, !memory.hasBuilt || options.verbose { log("[\(k + 1)/\(total)] \(lesson.slug)  unchanged") }
                continue
            }
            report.cellsCached += outcome.cellsCached
            report.cellsRun += outcome.cellsRun
            runTime += outcome.runNanoseconds
            renderTime += outcome.renderNanoseconds
            let writing = DispatchTime.now().uptimeNanoseconds
            defer { writeTime += DispatchTime.now().uptimeNanoseconds - writing }
            defer {
                if options.verbose, cellCache.directory != nil {
                    log("  \(lesson.slug): \(outcome.cellsCached) cells from the cache, \(outcome.cellsRun) run")
                }
            }
            if options.verbose { log("  \(lesson.slug): run") }
            let files: [SiteFile]
            switch outcome.result {
            case .success(let built): files = built
            case .failure(let failure):
                writer.keep(owner: failure.owner)
                fail(failure, &report)
                continue
            }
            if options.verbose {
                log("  \(lesson.slug): render")
                log("  \(lesson.slug): \(options.write ? "write" : "would write (check)") \(files.count) files")
            }
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                try writer.write(files, owner: OutputManifest.owner(lesson.slug))
            } catch {
                writer.keep(owner: OutputManifest.owner(lesson.slug))
                fail(LessonFailure(path: lesson.path, stage: .write, diagnostics: [], message: "\(error)"), &report)
                continue
            }
            report.built.append(lesson.slug)
            pages.record(lesson.slug, fingerprints[k])
            let ms = (computeNanoseconds + DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            if !options.quiet { log("[\(k + 1)/\(total)] \(lesson.slug)  \(ms) ms") }
        }
        workers.wait()
        logMath()
        clock.mark("lessons")
        clock.note("run", nanoseconds: runTime)
        clock.note("render", nanoseconds: renderTime)
        clock.note("write", nanoseconds: writeTime)
        clock.note("typeset math, overlapped", nanoseconds: math.nanoseconds)

        // The table of contents, the reference and the assets (kept when nothing they show
        // changed), the search index, then what earlier builds wrote and this one did not.
        do {
            let siteKey = PageFingerprints.siteFilesFingerprint(lessons, site: site, lunr: FileIdentity.of(SearchIndex.lunrPath))
            if options.write, pages.isEnabled, pages.unchanged(OutputManifest.siteOwner, siteKey), writer.stillHas(owner: OutputManifest.siteOwner) {
                writer.keep(owner: OutputManifest.siteOwner)
            } else {
                try writer.write(try buildIndex(lessons), owner: OutputManifest.siteOwner)
                try writer.write(try buildReference(lessons), owner: OutputManifest.siteOwner)
                if options.write { try writer.write(try buildAssets(), owner: OutputManifest.siteOwner) }
            }
            pages.record(OutputManifest.siteOwner, siteKey)
            clock.mark("site")
            if options.write {
                // The search reads the pages as written, so it runs after them; a page's search
                // file is written again only when the page's bytes or title changed.
                searching.wait()
                if let note = try writeSearchIndex(lessons, writer: writer, fingerprints: pages) { log("note: \(note)") }
                clock.mark("search")
            }
            try writer.finish()
            report.changedFiles = writer.changedPaths
            memory.cacheWrites.run { pages.save() }
            clock.mark("finish")
        } catch {
            report.failed.append("index")
            log("error: [write] \(error)")
        }
        if !options.quiet, !report.failed.isEmpty {
            log("\(report.failed.count) of \(loaded.fileCount) lessons failed")
        }
        if let line = clock.line { log(line) }
        memory.hasBuilt = true
        return report
    }

    /// The owner of the search's list and lunr in the manifest (kept apart so a warm build can keep them).
    public static let searchOwner = ":search"

    /// The owner of the search file of the page `slug` (a lesson's or the reference's): one each,
    /// so an edit keeps every other page's search file, and a removed lesson's goes with it.
    public static func searchOwner(ofPage slug: String) -> String { searchOwner + "/" + OutputManifest.owner(slug) }

    /// Records and logs a lesson that failed: its diagnostics, or its message as `path: error: [stage] …`.
    private func fail(_ failure: LessonFailure, _ report: inout Report) {
        report.failed.append(failure.path)
        report.diagnostics += failure.diagnostics
        for d in failure.diagnostics { log(String(DiagnosticFormatter.format(d, color: options.color).dropLast())) }
        if let message = failure.message { log("\(failure.path): error: [\(failure.stage.rawValue)] \(message)") }
        if options.verbose { log("  \(failure.path): failed in stage `\(failure.stage.rawValue)`") }
    }
}
