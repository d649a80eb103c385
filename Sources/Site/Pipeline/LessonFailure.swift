import LessonScript
import Notebook

/// A lesson that could not be built this time: where it failed and why.
///
/// Its previous pages stay as they were (`OutputWriter.keep(owner:)`); the other lessons still build.
public struct LessonFailure: Error, Sendable {
    /// The lesson file, `lessons/NN-slug.md`.
    public var path: String
    public var stage: SiteBuilder.Stage
    /// Located diagnostics; empty when the failure is described by `message` alone (a write error).
    public var diagnostics: [Diagnostic]
    /// Set when there is no diagnostic to show, e.g. `[write] cannot write …`.
    public var message: String?

    public init(path: String, stage: SiteBuilder.Stage, diagnostics: [Diagnostic], message: String? = nil) {
        self.path = path
        self.stage = stage
        self.diagnostics = diagnostics
        self.message = message
    }

    /// The owner name of the lesson's files in the output manifest.
    var owner: String { OutputManifest.owner(LessonLoader.slug(of: path)) }
}
