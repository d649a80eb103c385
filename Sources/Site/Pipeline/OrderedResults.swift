import Foundation

/// Hands results from worker threads to one consumer in index order.
///
/// Workers `claim()` indices in order and `put` what they computed; the consumer `take`s index 0,
/// 1, 2, … and so sees the results in order whatever order they finish in. At most `window`
/// indices are claimed ahead of the consumer, so finished results that wait to be taken (a
/// lesson's pages in memory) stay bounded however many lessons there are.
///
/// Deadlock-free as long as `window >= 1`: the index the consumer waits for is always claimed or
/// claimable, because claims go in order and never run `window` past the consumer.
final class OrderedResults<Value: Sendable>: @unchecked Sendable {
    // All state below is guarded by `condition`.
    private let condition = NSCondition()
    private var slots: [Value?]
    private var nextToClaim = 0
    private var taken = 0
    private let window: Int

    init(count: Int, window: Int) {
        slots = Array(repeating: nil, count: count)
        self.window = max(1, window)
    }

    /// The next index to compute, waiting while `window` of them are ahead of the consumer;
    /// `nil` when every index has been claimed.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextToClaim < slots.count, nextToClaim >= taken + window { condition.wait() }
        guard nextToClaim < slots.count else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    /// Stores the result for `index` (claimed earlier) and wakes the consumer.
    func put(_ value: Value, at index: Int) {
        condition.lock()
        slots[index] = value
        condition.broadcast()
        condition.unlock()
    }

    /// The result for `index`, waiting until a worker has put it; call with 0, 1, 2, … in order.
    func take(_ index: Int) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = slots[index] {
                slots[index] = nil
                taken = index + 1
                condition.broadcast()
                return value
            }
            condition.wait()
        }
    }
}
