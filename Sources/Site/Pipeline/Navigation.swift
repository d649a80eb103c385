import Notebook

/// The lessons before and after a page, for its previous/next links, and all of them for the sidebar.
///
/// A lesson's pages depend on its neighbours' titles and slugs and on every lesson's title (the
/// sidebar): when those change, the other lessons must be rendered again too (a `watch` loop's concern).
public struct Navigation: Sendable {
    public var previous: Lesson?
    public var next: Lesson?
    /// Every lesson in order; `current` is this page's position (`nil` for a page that is no lesson).
    public var lessons: [Lesson]
    public var current: Int?

    public init(previous: Lesson? = nil, next: Lesson? = nil, lessons: [Lesson] = [], current: Int? = nil) {
        self.previous = previous
        self.next = next
        self.lessons = lessons
        self.current = current
    }
}
