import Foundation
import Testing
@testable import Site

@Suite struct ParallelMapTests {
    @Test func resultsAreInElementOrderForAnyNumberOfJobs() {
        let input = Array(0..<103)
        // A transform whose cost varies, so threads finish out of order.
        let transform: @Sendable (Int) -> String = { n in
            var x = UInt64(n) &+ 1
            for _ in 0..<((n % 7) * 2000) { x = x &* 6364136223846793005 &+ 1442695040888963407 }
            return "\(n):\(x % 10)"
        }
        let expected = input.map(transform)
        for jobs in [1, 2, 3, 4, 8, 64, 500] {
            #expect(input.parallelMap(jobs: jobs, transform) == expected, "jobs \(jobs)")
        }
        #expect([Int]().parallelMap(jobs: 4, transform).isEmpty)
        #expect([5].parallelMap(jobs: 4, transform) == [transform(5)])
    }
}
