import Foundation

/// One timed computation. `key` names the same computation in `scripts/bench_numpy.py`'s output,
/// so the two can be printed side by side.
struct BenchCase {
    /// What is timed, e.g. "attendAll scaledDot 512×512 d=64".
    let name: String
    /// The matching key in the numpy script's JSON, or `nil` when numpy has no counterpart.
    let key: String?
    /// Runs the computation once and returns a checksum, so the optimiser cannot drop the work.
    let run: () throws -> Double
}

/// Times `run` `repeats` times after one warm-up and returns the median in milliseconds.
func medianMilliseconds(repeats: Int, _ run: () throws -> Double) rethrows -> (median: Double, checksum: Double) {
    var checksum = try run()   // warm-up: first-touch page faults and caches
    var times: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        var value = 0.0
        let elapsed = try clock.measure { value = try run() }
        checksum += value
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
    }
    times.sort()
    return (times[times.count / 2], checksum)
}
