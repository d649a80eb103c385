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
    func build(_ lesson: Lesson, navigation: Navigation) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        let cells = cache.lesson(lesson.slug)
        defer { cells.save() }
        let document: NotebookDocument
        do { document = try NotebookRunner.run(lesson, kernel: makeKernel(lesson), cache: cells) } catch {
            return Outcome(result: .failure(LessonFailure(path: lesson.path, stage: .run, diagnostics: error.diagnostics)),
                           cellsCached: cells.hits, cellsRun: cells.misses)
        }
        let rendering = DispatchTime.now().uptimeNanoseconds
        let files = LessonPageRenderer(templates: templates, math: math.math).render(document, navigation: navigation)
        return Outcome(result: .success(files), cellsCached: cells.hits, cellsRun: cells.misses,
                       runNanoseconds: rendering - start, renderNanoseconds: DispatchTime.now().uptimeNanoseconds - rendering)
    }
}
