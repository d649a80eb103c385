import Foundation

/// Wall time per phase of a build, printed when `ATTNBOOK_TIMINGS` is set (like `hugo
/// --templateMetrics`): where a slow rebuild spends its time, without a profiler.
struct PhaseClock {
    let enabled = ProcessEnvironment.value("ATTNBOOK_TIMINGS") != nil
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var phases: [(String, Double)] = []
    /// The peak resident size (MB) when each phase ended.
    private var peaks: [Double] = []

    /// Ends the phase called `name` (it began at the previous mark).
    mutating func mark(_ name: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, Double(now - last) / 1e6))
        peaks.append(Self.peakMegabytes ?? 0)
        // The next phase starts after that reading of /proc: the clock's own cost (~0.1 ms a mark)
        // belongs to no phase, as it is no part of a build without `ATTNBOOK_TIMINGS`.
        last = DispatchTime.now().uptimeNanoseconds
    }

    /// Adds a figure measured elsewhere (e.g. on worker threads) to the line, outside the total.
    mutating func note(_ name: String, nanoseconds: UInt64) {
        guard enabled else { return }
        notes.append((name, Double(nanoseconds) / 1e6))
    }
    private var notes: [(String, Double)] = []

    /// `timings: load 1.20 ms, …, total 9.80 ms (run 2.00 ms, …)`, or nil when disabled.
    var line: String? {
        guard enabled else { return nil }
        let parts = zip(phases, peaks).map { String(format: "%@ %.2f ms (%.0f MB)", $0.0.0, $0.0.1, $0.1) }
        let extra = notes.isEmpty ? "" : " (" + notes.map { String(format: "%@ %.2f ms", $0.0, $0.1) }.joined(separator: ", ") + ")"
        return "timings: " + parts.joined(separator: ", ") + String(format: ", total %.2f ms", phases.reduce(0) { $0 + $1.1 }) + extra
            + (Self.peakMegabytes.map { String(format: "; peak memory %.1f MB", $0) } ?? "")
    }

    /// The process's peak resident size so far (`VmHWM` in /proc/self/status), if readable.
    static var peakMegabytes: Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }
}
