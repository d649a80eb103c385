import Notebook

/// The lessons before and after a page, for its previous/next links.
///
/// A lesson's pages depend on its neighbours' titles and slugs: when those change, the
/// neighbouring lessons must be rendered again too (a `watch` loop's concern).
public struct Navigation: Sendable {
    public var previous: Lesson?
    public var next: Lesson?

    public init(previous: Lesson? = nil, next: Lesson? = nil) {
        self.previous = previous
        self.next = next
    }
}
