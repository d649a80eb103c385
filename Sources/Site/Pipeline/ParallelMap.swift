import Foundation

extension Array where Element: Sendable {
    /// `map(transform)` on up to `jobs` threads (Dispatch's `concurrentPerform`), results in the
    /// order of the elements, so the outcome is the same for any number of jobs.
    ///
    /// Thread `w` of `n` takes elements `w`, `w + n`, `w + 2n`, …; each result goes to its own slot.
    func parallelMap<T: Sendable>(jobs: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        let workers = Swift.min(Swift.max(1, jobs), count)
        guard workers > 1 else { return map(transform) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: count, by: workers) { slots.set(i, transform(self[i])) }
        }
        return slots.values()
    }
}

/// One result slot per index, written by exactly one thread each (so no lock), read after all
/// threads have finished (`concurrentPerform` returns only then). Raw memory rather than an array
/// property, so concurrent writes to different slots are not overlapping accesses to one variable.
private final class Slots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func set(_ i: Int, _ value: T) { base[i] = value }

    /// Every slot's value, in order (all were set).
    func values() -> [T] { (0..<count).compactMap { base[$0] } }
}
