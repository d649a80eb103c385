import Foundation
import Notebook

/// Run and render for one lesson: everything a worker thread needs, and nothing it may not share.
///
/// A value (templates, the kernel factory) that any number of threads can use at once: each call
/// makes its own kernel, so lessons never share a session.
struct LessonPipeline: Sendable {
    let templates: SiteTemplates
    let makeKernel: @Sendable (Lesson) -> CellKernel

    /// Runs the lesson's cells, then renders its files (HTML, Markdown, JSON, SVG) in memory.
    func build(_ lesson: Lesson, navigation: Navigation) -> Result<[SiteFile], LessonFailure> {
        let document: NotebookDocument
        do { document = try NotebookRunner.run(lesson, kernel: makeKernel(lesson)) } catch {
            return .failure(LessonFailure(path: lesson.path, stage: .run, diagnostics: error.diagnostics))
        }
        return .success(LessonPageRenderer(templates: templates).render(document, navigation: navigation))
    }
}
