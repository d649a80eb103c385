import Foundation

/// What went wrong inside the engine, said so a student can act on it.
///
/// The engine never crashes on bad input: every operation that can receive mismatched shapes or
/// out-of-range parameters throws one of these. The script layer adds the file, line and column.
public struct EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parameter the problem is about (`keys`, `W1`, `mask`…), when there is one.
    public var parameter: String?
    /// What was expected and what was found, e.g. "`@` needs inner dimensions to match: 4×3 @ 4 — 3 ≠ 4".
    public var message: String

    public init(_ message: String, parameter: String? = nil) {
        self.message = message
        self.parameter = parameter
    }

    public var description: String { message }

    /// A number as a message writes it: at most `digits` after the point, trailing zeros dropped,
    /// the Unicode minus of the lessons (`−2`, `0.5`). Messages are the engine's own text; the
    /// numbers it returns are formatted by the renderers (`NumberFormat` in LessonScript).
    static func number(_ x: Double, digits: Int = 6) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        var s = String(format: "%.\(digits)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s.hasPrefix("-") { s = s == "-0" ? "0" : "−" + s.dropFirst() }
        return s
    }

    /// A shape mismatch between two operands, naming both shapes.
    public static func shape(_ operation: String, _ lhs: Shape, _ rhs: Shape, _ why: String, parameter: String? = nil) -> EngineError {
        EngineError("\(operation) needs \(why): \(lhs) and \(rhs)", parameter: parameter)
    }
}
