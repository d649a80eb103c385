import LessonScript
import Notebook

/// What `SiteBuilder.loadLessons()` found in the lessons folder.
public struct LoadedLessons: Sendable {
    /// Every lesson that parsed and has a number of its own, in site order (number, then slug).
    public var lessons: [Lesson]
    /// Lessons that failed to parse or to get a number, in the order they were found; each
    /// keeps its previous pages.
    public var failures: [LessonFailure]
    /// Warnings about lessons that are still built (e.g. an `order:` differing from the file name).
    public var warnings: [Diagnostic]
    /// How many lesson files the folder holds (built or not), for the closing count.
    public var fileCount: Int
    /// A hash of each lesson file's bytes as read, by path (for page fingerprints).
    var sourceHashes: [String: String] = [:]

    /// The neighbours of `lessons[index]`, for its previous/next links.
    public func navigation(at index: Int) -> Navigation {
        Navigation(previous: index > 0 ? lessons[index - 1] : nil,
                   next: index + 1 < lessons.count ? lessons[index + 1] : nil,
                   lessons: lessons, current: index)
    }

    /// The index of the lesson called `slug`, if it is built.
    public func index(of slug: String) -> Int? { lessons.firstIndex { $0.slug == slug } }
}
