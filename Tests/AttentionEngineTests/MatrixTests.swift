import Testing
@testable import AttentionEngine

/// The textbook triple loop, summing in the order p = 0, 1, 2…: the reference for the fast kernel.
private func naiveProduct(_ a: Matrix, _ b: Matrix) -> [Double] {
    var out = [Double](repeating: 0, count: a.rows * b.cols)
    for i in 0..<a.rows {
        for j in 0..<b.cols {
            var s = 0.0
            for p in 0..<a.cols { s += a[i, p] * b[p, j] }
            out[i * b.cols + j] = s
        }
    }
    return out
}

/// Sizes above and below the threshold where rows are split over the cores, including row counts
/// that do not divide evenly into blocks (17, 37) and inner sizes that are not a multiple of 4.
@Test(arguments: [(3, 5, 2), (17, 256, 300), (37, 129, 250), (64, 64, 64), (200, 67, 90)])
func productMatchesTheTripleLoop(r: Int, k: Int, c: Int) throws {
    let a = Matrix.random(rows: r, cols: k, seed: UInt64(r))
    let b = Matrix.random(rows: k, cols: c, seed: UInt64(c))
    let fast = try a.matmul(b)
    let reference = naiveProduct(a, b)
    #expect(fast.rows == r && fast.cols == c)
    for (x, y) in zip(fast.storage, reference) { #expect(abs(x - y) <= 1e-12 * max(1, abs(y))) }
}

@Test func parallelProductIsDeterministic() throws {
    let a = Matrix.random(rows: 129, cols: 100, seed: 1)
    let b = Matrix.random(rows: 100, cols: 120, seed: 2)
    #expect(try a.matmul(b).storage == (try a.matmul(b)).storage)
}
