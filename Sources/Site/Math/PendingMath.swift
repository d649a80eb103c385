import Foundation

/// The site's typeset math while node is still typesetting it: started before the lessons run,
/// waited for only where a page is rendered, so KaTeX's start-up and work (a few hundred
/// milliseconds for a cold build) overlap running the cells instead of preceding them.
///
/// The work runs on a thread of its own, since it mostly waits for node's output. Its warnings
/// (formulas KaTeX refuses, node missing) are kept as lines for the caller to log on its own
/// thread, in the order they were produced, so the log does not depend on timing.
final class PendingMath: Sendable {
    private let pending: Pending<(math: TypesetMath, messages: [String])>

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () -> (math: TypesetMath, messages: [String])) {
        pending = Pending(work)
    }

    /// Already typeset: nothing to wait for.
    init(ready math: TypesetMath, messages: [String] = []) {
        pending = Pending(ready: (math, messages))
    }

    /// The typeset math, waiting for the work to finish.
    var math: TypesetMath { pending.value.math }

    /// The lines to log, waiting for the work to finish.
    var messages: [String] { pending.value.messages }

    /// How long the typesetting took (for `ATTNBOOK_TIMINGS`), waiting for it to finish.
    var nanoseconds: UInt64 { pending.nanoseconds }
}
