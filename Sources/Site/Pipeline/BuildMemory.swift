import Foundation
import Notebook

/// What a `SiteBuilder` remembers from one `build()` to the next in the same process (a `serve` or
/// `watch` loop keeps one builder): the lessons as parsed, keyed by their files' bytes, and the
/// search index's entries per page. A one-shot `attnbook build` starts with it empty and reads the
/// search entries from `.attnbook/`.
///
/// Nothing in it can make a page wrong: a parsed lesson is reused only for a file with the same
/// path and the same bytes, and search entries are keyed by the page's content hash.
final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: (bytes: Data, lesson: Result<Lesson, LessonError>)] = [:]
    let searchSections: SearchSections

    init(cacheDirectory: String?) {
        searchSections = SearchSections(directory: cacheDirectory)
    }

    /// The lesson at `path` parsed from `bytes`: the earlier result when the bytes are the same.
    func lesson(at path: String, bytes: Data, parse: () -> Result<Lesson, LessonError>) -> Result<Lesson, LessonError> {
        lock.lock()
        if let known = parsed[path], known.bytes == bytes { lock.unlock(); return known.lesson }
        lock.unlock()
        let result = parse()
        lock.lock(); parsed[path] = (bytes, result); lock.unlock()
        return result
    }

    /// Forgets lessons whose files are gone (so a long `serve` does not hold every deleted draft).
    func keepLessons(at paths: Set<String>) {
        lock.lock(); parsed = parsed.filter { paths.contains($0.key) }; lock.unlock()
    }
}
