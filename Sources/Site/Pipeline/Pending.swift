import Foundation

/// A value being made on a thread of its own, waited for only where it is needed: the site's math
/// while the cells run (`PendingMath`), the templates while the lessons are read.
final class Pending<Value>: @unchecked Sendable {
    // `result` and `elapsed` are guarded by `condition`.
    private let condition = NSCondition()
    private var result: Value?
    private var elapsed: UInt64 = 0

    /// Starts `work` on a new thread (it may block, e.g. on node's output).
    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in make(work) }
    }

    /// Starts `work` on `queue` (short work that does not block: a thread of the pool, not a new one).
    init(on queue: DispatchQueue, _ work: @escaping @Sendable () -> Value) {
        queue.async { [self] in make(work) }
    }

    /// Runs `work` and hands its value to whoever waits.
    private func make(_ work: () -> Value) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = work()
        condition.lock()
        result = value
        elapsed = DispatchTime.now().uptimeNanoseconds - start
        condition.broadcast()
        condition.unlock()
    }

    /// Already made: nothing to wait for.
    init(ready value: Value) {
        result = value
    }

    /// The value, waiting for the work to finish.
    var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }

    /// How long the work took (0 when made ready), waiting for it to finish.
    var nanoseconds: UInt64 {
        _ = value
        condition.lock()
        defer { condition.unlock() }
        return elapsed
    }
}
