import Foundation

/// The names each cell's source refers to (`CellKernel.referencedNames`), remembered by source
/// text in a process that builds again (`serve`, `watch`): keying a cell parses it, and after a
/// prose edit every cell of the lesson is keyed again with the same source.
///
/// The names are a function of the source alone (nil when it does not scan or parse), so the
/// memo can never give another cell's names. It forgets everything when it grows past
/// `capacity` sources, so a long session of edits holds at most that many.
final class ReferencedNamesMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: [String]?] = [:]
    static let capacity = 20_000

    /// The names `source` refers to, from the memo or from `find()` (then remembered).
    func names(_ source: String, find: () -> [String]?) -> [String]? {
        lock.lock()
        if let names = known[source] { lock.unlock(); return names }
        lock.unlock()
        let names = find()
        lock.lock()
        if known.count >= Self.capacity { known = [:] }
        known[source] = names
        lock.unlock()
        return names
    }
}
