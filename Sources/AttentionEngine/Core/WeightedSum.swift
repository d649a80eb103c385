/// The weighted sum of rows, `a = Σᵢ wᵢ Xᵢ = wᵀ X`: the context vector of every attention variant
/// (Bahdanau et al. 2014, eq. (6); Luong et al. 2015, eq. (5) with global weights; Vaswani et al.
/// 2017, eq. (1) one query at a time). One kernel for all of them, so they cannot round differently.
enum WeightedSum {
    /// `wᵀ X`: (S) @ (S, d) -> (d). Rows with weight exactly 0 are skipped (a masked or
    /// out-of-window position contributes nothing, not even −0).
    static func rows(_ w: [Double], _ X: Matrix) -> [Double] {
        precondition(w.count == X.rows, "one weight per row")
        var out = [Double](repeating: 0, count: X.cols)
        let d = X.cols
        X.storage.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { a in
                for i in 0..<X.rows where w[i] != 0 {
                    let wi = w[i], base = i * d
                    for k in 0..<d { a[k] += wi * x[base + k] }
                }
            }
        }
        return out
    }
}
