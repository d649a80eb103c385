import Foundation
import Notebook

/// Run and render for one lesson: everything a worker thread needs, and nothing it may not share.
///
/// A value (templates, the site's typeset math, the cell cache, the kernel factory) that any
/// number of threads can use at once: each call makes its own kernel and its own lesson store of
/// the cell cache (one file per lesson), so lessons never share mutable state.
struct LessonPipeline: Sendable {
    let templates: SiteTemplates
    /// The site's math, typeset while the cells run; waited for at render.
    let math: PendingMath
    let cache: CellCache
    let makeKernel: @Sendable (Lesson) -> CellKernel
    /// Cells' renderings from the last build (`RenderMemo`), or nil.
    var renders: RenderMemo? = nil
    /// Where the renderings are stored (`.attnbook/renders/`): at once, or after the build.
    var cacheWrites = CacheWrites(deferred: false)
    /// Render a page's files on two threads (`LessonPageRenderer.parallel`): one lesson to build.
    var parallel = false
    /// Called with a lesson's HTML page as soon as it is made (the search reads it meanwhile).
    var htmlReady: (@Sendable (Lesson, SiteFile) -> Void)? = nil
    /// Called with a lesson's other files (Markdown, JSON, figures) on the thread that made them
    /// (`LessonPageRenderer.othersReady`), when `parallel`.
    var othersReady: (@Sendable (Lesson, [SiteFile]) -> Void)? = nil

    private func renderer(for lesson: Lesson) -> LessonPageRenderer {
        var renderer = LessonPageRenderer(templates: templates, math: math.math)
        renderer.parallel = parallel
        if let htmlReady { renderer.htmlReady = { htmlReady(lesson, $0) } }
        if let othersReady { renderer.othersReady = { othersReady(lesson, $0) } }
        return renderer
    }

    /// What building one lesson gave: its files or its failure, and how its cells were found.
    struct Outcome: Sendable {
        var result: Result<[SiteFile], LessonFailure>
        var cellsCached = 0
        var cellsRun = 0
        /// Unchanged since the last build (`PageFingerprints`): not run, not rendered; its files stay.
        var skipped = false
        /// Wall time of the two stages (for `ATTNBOOK_TIMINGS`).
        var runNanoseconds: UInt64 = 0
        var renderNanoseconds: UInt64 = 0
    }

    /// Runs the lesson's cells (through the cache), then renders its files (HTML, Markdown, JSON,
    /// SVG) in memory. Saves the lesson's cache entries either way.
    ///
    /// A lesson whose cells are all as in its last rendering (a prose edit) is put together from
    /// that rendering (`NotebookRunner.replay`): no cell is run, replayed or read from the cell
    /// cache. If any piece is missing from the memo, it is built the ordinary way.
    func build(_ lesson: Lesson, navigation: Navigation) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        // Renderings are stored beside the cell cache, so the first edit after a cold build is
        // put together from them too (about 0.3% of a cold build: the pages' bytes once more).
        let stored = cache.directory.map { RenderMemoFile.path(cacheDirectory: $0, slug: lesson.slug) }
        let memo = renders?.lesson(lesson.slug) { stored.flatMap(RenderMemoFile.read) }
        let kernel = makeKernel(lesson)
        if let memo, cache.directory != nil, let caching = kernel as? CachingKernel,
           let document = NotebookRunner.replay(lesson, version: cache.version, salt: caching.cacheSalt, memo: memo) {
            let rendering = DispatchTime.now().uptimeNanoseconds
            memo.strict = true
            let files = renderer(for: lesson).render(document, navigation: navigation, memo: memo)
            if !memo.missed {
                if let entries = memo.finish(), let stored { cacheWrites.run { RenderMemoFile.write(entries, to: stored) } }
                let cellCount = document.blocks.reduce(0) { if case .cell = $1 { $0 + 1 } else { $0 } }
                return Outcome(result: .success(files), cellsCached: cellCount, cellsRun: 0,
                               runNanoseconds: rendering - start, renderNanoseconds: DispatchTime.now().uptimeNanoseconds - rendering)
            }
            memo.restart()
        }
        let cells = cache.lesson(lesson.slug)
        defer { cells.save() }
        let document: NotebookDocument
        do { document = try NotebookRunner.run(lesson, kernel: kernel, cache: cells) } catch {
            return Outcome(result: .failure(LessonFailure(path: lesson.path, stage: .run, diagnostics: error.diagnostics)),
                           cellsCached: cells.hits, cellsRun: cells.misses)
        }
        let rendering = DispatchTime.now().uptimeNanoseconds
        let files = renderer(for: lesson).render(document, navigation: navigation, memo: memo)
        if let memo {
            memo.record(pageOf: document)
            if let entries = memo.finish(), let stored {
                cacheWrites.run { RenderMemoFile.write(entries, to: stored) }
            }
        }
        return Outcome(result: .success(files), cellsCached: cells.hits, cellsRun: cells.misses,
                       runNanoseconds: rendering - start, renderNanoseconds: DispatchTime.now().uptimeNanoseconds - rendering)
    }
}
