import Foundation
import Notebook

/// What a `SiteBuilder` remembers from one `build()` to the next in the same process (a `serve` or
/// `watch` loop keeps one builder): the lessons as parsed, keyed by their files' bytes, and the
/// search index's entries per page. A one-shot `attnbook build` starts with it empty and reads the
/// search entries from `.attnbook/`.
///
/// Nothing in it can make a page wrong: a parsed lesson is reused only for a file with the same
/// path and the same identity (`FileIdentity`) or the same bytes (by a 128-bit hash); the manifest
/// and fingerprints only while their files are unchanged (`FileMemo`); search entries by the
/// page's content hash.
final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: (identity: String, hash: String, lesson: Result<Lesson, LessonError>)] = [:]
    let searchSections: SearchSections
    /// Lessons' front matter by content hash (`.attnbook/lessons.tsv`).
    let headers: LessonHeaders
    /// The output folder's manifest as the last build left it.
    let manifest = FileMemo<OutputManifest>()
    /// Output folders seen whole after the last build, when the builder builds again.
    let outputFolders: OutputFolderStamps?
    /// The page fingerprints (`.attnbook/pages/…`) as the last build left them.
    let fingerprints = FileMemo<[String: String]>()
    /// Cells' HTML, Markdown and SVG and the pages' JSON as the last build rendered them (`RenderMemo`).
    let renders: RenderMemo
    /// Prose blocks as last scanned, per lesson file, when the builder builds again (`ProseScanMemo`).
    let scans: ProseScanMemo?
    /// How the cache files are written: after the build when the builder builds again.
    let cacheWrites: CacheWrites
    /// Whether this builder has built before (a `serve`/`watch` rebuild lists only what it built).
    var hasBuilt = false

    init(cacheDirectory: String?, buildsAgain: Bool, version: String = "") {
        renders = RenderMemo(remembers: buildsAgain)
        scans = buildsAgain ? ProseScanMemo() : nil
        outputFolders = buildsAgain ? OutputFolderStamps() : nil
        cacheWrites = CacheWrites(deferred: buildsAgain)
        searchSections = SearchSections(directory: cacheDirectory, version: version, remembersSections: buildsAgain)
        headers = LessonHeaders(directory: cacheDirectory)
    }

    /// The earlier result for the lesson at `path` and its bytes' hash, if the file's identity is
    /// the one seen then.
    func unchangedLesson(at path: String) -> (lesson: Result<Lesson, LessonError>, hash: String)? {
        let identity = FileIdentity.of(path)
        lock.lock(); defer { lock.unlock() }
        guard identity != FileIdentity.missing, let known = parsed[path], known.identity == identity else { return nil }
        return (known.lesson, known.hash)
    }

    /// The lesson at `path` and its bytes' hash (nil when unreadable): the earlier result when the
    /// file's identity or its bytes are the same, else `parse(bytes, hash)` of the file as read now.
    func lesson(at path: String, parse: (Data?, String?) -> Result<Lesson, LessonError>) -> (lesson: Result<Lesson, LessonError>, hash: String?) {
        if let known = unchangedLesson(at: path) { return (known.lesson, known.hash) }
        let identity = FileIdentity.of(path)
        guard let bytes = FileManager.default.contents(atPath: path) else { return (parse(nil, nil), nil) }
        // Touched but not changed (an editor's save without edits): the same bytes, by hash.
        var hasher = ContentHasher()
        hasher.add(bytes)
        let hash = hasher.hex
        lock.lock()
        if let known = parsed[path], known.hash == hash {
            parsed[path]?.identity = identity
            lock.unlock()
            return (known.lesson, hash)
        }
        lock.unlock()
        let result = parse(bytes, hash)
        remember(result, at: path, identity: identity, hash: hash)
        return (result, hash)
    }

    /// Records `result` as the lesson at `path` (a lesson completed from its front matter, say).
    func remember(_ result: Result<Lesson, LessonError>, at path: String, identity: String, hash: String) {
        lock.lock(); parsed[path] = (identity, hash, result); lock.unlock()
    }

    /// Formulas typeset by an earlier build of this builder (with the KaTeX file of `katex`),
    /// refusals included (they are reported again on every build, from here).
    private var mathResults: [MathSpan: MathTypesetter.Result] = [:]
    private var katex = ""

    /// The result of every span in `spans`, if each was typeset before with the same KaTeX.
    func typeset(_ spans: Set<MathSpan>, katex: String) -> [MathSpan: MathTypesetter.Result]? {
        lock.lock(); defer { lock.unlock() }
        guard katex == self.katex else { return nil }
        var out: [MathSpan: MathTypesetter.Result] = [:]
        for span in spans {
            guard let m = mathResults[span] else { return nil }
            out[span] = m
        }
        return out
    }

    func remember(_ typeset: [MathSpan: MathTypesetter.Result], katex: String) {
        lock.lock(); defer { lock.unlock() }
        if katex != self.katex { mathResults = [:]; self.katex = katex }
        mathResults.merge(typeset) { $1 }
    }

    /// Forgets lessons whose files are gone (so a long `serve` does not hold every deleted draft).
    func keepLessons(at paths: Set<String>) {
        lock.lock(); parsed = parsed.filter { paths.contains($0.key) }; lock.unlock()
    }
}
