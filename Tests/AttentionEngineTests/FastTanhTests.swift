import Foundation
import Testing
@testable import AttentionEngine

// The vectorised tanh against the C library's, a second implementation of the same function.

@Test func fastTanhAgreesWithLibm() {
    var worst = 0.0
    var x = -25.0
    while x <= 25 {
        let reference = tanh(x), fast = FastTanh.tanh(x)
        let error = abs(fast - reference) / max(abs(reference), 1e-300)
        worst = max(worst, error)
        x += 0.000731
    }
    #expect(worst < 1e-15, "worst relative error \(worst)")
    for tiny in [1e-300, -1e-20, 1e-9, 3e-5, -0.01] {
        #expect(abs(FastTanh.tanh(tiny) - tanh(tiny)) <= 2e-16 * abs(tanh(tiny)), "tanh(\(tiny))")
    }
}

@Test func fastTanhEdgeValues() {
    #expect(FastTanh.tanh(0) == 0 && FastTanh.tanh(0).sign == .plus)
    #expect(FastTanh.tanh(100) == 1 && FastTanh.tanh(-100) == -1)
    #expect(FastTanh.tanh(.infinity) == 1 && FastTanh.tanh(-.infinity) == -1)
    #expect(FastTanh.tanh(.nan).isNaN)
    #expect(FastTanh.tanh(-0.5) == -FastTanh.tanh(0.5), "odd function")
}
