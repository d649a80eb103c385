/// A column vector of `Double`s with optional labels (one per entry, e.g. source tokens).
///
/// The papers write vectors as columns: a weight `W` of shape (out × in) maps `x` to `W x`.
public struct Vector: Equatable, Sendable, Codable {
    public var values: [Double]
    /// One label per entry, or `nil`. Labels travel through operations that keep the entries' meaning.
    public var labels: [String]?

    public init(_ values: [Double], labels: [String]? = nil) {
        self.values = values
        self.labels = labels
    }

    public init(repeating value: Double, count: Int) {
        self.values = Array(repeating: value, count: count)
        self.labels = nil
    }

    public var count: Int { values.count }
    public var shape: Shape { .vector(values.count) }

    public subscript(i: Int) -> Double {
        get { values[i] }
        set { values[i] = newValue }
    }

    /// `Σ_i x_i y_i`.
    public func dot(_ other: Vector) throws -> Double {
        guard count == other.count else {
            throw EngineError.shape("the dot product", shape, other.shape, "vectors of equal length")
        }
        var sum = 0.0
        for i in 0..<count { sum += values[i] * other.values[i] }
        return sum
    }

    /// The Euclidean norm `‖x‖₂`.
    public var norm: Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// `[self; other]`, stacked top to bottom. Labels survive when both sides have them.
    public func concatenated(with other: Vector) -> Vector {
        let labels: [String]? = (self.labels != nil && other.labels != nil) ? self.labels! + other.labels! : nil
        return Vector(values + other.values, labels: labels)
    }

    /// Entries `range` of the vector.
    public func slice(_ range: Range<Int>) throws -> Vector {
        guard range.lowerBound >= 0, range.upperBound <= count, !range.isEmpty else {
            throw EngineError("slice \(range.lowerBound)..<\(range.upperBound) is outside a vector of length \(count)")
        }
        return Vector(Array(values[range]), labels: labels.flatMap { $0.count == count ? Array($0[range]) : nil })
    }

    /// Applies `f` to every entry, keeping the labels.
    public func map(_ f: (Double) -> Double) -> Vector {
        Vector(values.map(f), labels: labels)
    }

    /// The entrywise combination of two vectors of equal length.
    public func zip(_ other: Vector, _ operation: String, _ f: (Double, Double) -> Double) throws -> Vector {
        guard count == other.count else {
            throw EngineError.shape("`\(operation)`", shape, other.shape, "vectors of equal length")
        }
        var out = [Double](repeating: 0, count: count)
        for i in 0..<count { out[i] = f(values[i], other.values[i]) }
        return Vector(out, labels: labels ?? other.labels)
    }

    public static func + (a: Vector, b: Vector) throws -> Vector { try a.zip(b, "+", +) }
    public static func - (a: Vector, b: Vector) throws -> Vector { try a.zip(b, "-", -) }
    public static func * (s: Double, v: Vector) -> Vector { v.map { s * $0 } }
}
