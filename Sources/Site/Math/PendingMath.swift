import Foundation

/// The site's typeset math while node is still typesetting it: started before the lessons run,
/// waited for only where a page is rendered, so KaTeX's start-up and work (a few hundred
/// milliseconds for a cold build) overlap running the cells instead of preceding them.
///
/// The work runs on a thread of its own, since it mostly waits for node's output. Its warnings
/// (formulas KaTeX refuses, node missing) are kept as lines for the caller to log on its own
/// thread, in the order they were produced, so the log does not depend on timing.
final class PendingMath: @unchecked Sendable {
    // `result` is guarded by `condition`.
    private let condition = NSCondition()
    private var result: (math: TypesetMath, messages: [String])?
    private var elapsed: UInt64 = 0

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () -> (math: TypesetMath, messages: [String])) {
        Thread.detachNewThread { [self] in
            let start = DispatchTime.now().uptimeNanoseconds
            let value = work()
            condition.lock()
            result = value
            elapsed = DispatchTime.now().uptimeNanoseconds - start
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Already typeset: nothing to wait for.
    init(ready math: TypesetMath, messages: [String] = []) {
        result = (math, messages)
    }

    /// The typeset math, waiting for the work to finish.
    var math: TypesetMath { wait().math }

    /// The lines to log, waiting for the work to finish.
    var messages: [String] { wait().messages }

    /// How long the typesetting took (for `ATTNBOOK_TIMINGS`), waiting for it to finish.
    var nanoseconds: UInt64 {
        _ = wait()
        condition.lock()
        defer { condition.unlock() }
        return elapsed
    }

    private func wait() -> (math: TypesetMath, messages: [String]) {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
