/// The shape of a value, printed the way the lessons write it: `4×3` for a matrix, `4` for a vector.
public enum Shape: Equatable, Sendable, Codable, CustomStringConvertible {
    case scalar
    case vector(Int)
    case matrix(Int, Int)

    public var description: String {
        switch self {
        case .scalar: return "scalar"
        case .vector(let n): return "\(n)"
        case .matrix(let r, let c): return "\(r)×\(c)"
        }
    }
}
