// A piece of worked arithmetic as data: symbol text with the numbers kept as numbers, so the engine
// says *which* number goes where and *in what role* (a factor gets parentheses when negative), and a
// renderer decides the digits, the minus sign and the rest of the typography (DESIGN §8).

/// Text with numbers in it, e.g. `s·h₂ = 0.5×0.9 + (−0.1)×0`, stored as symbol text and numbers.
///
/// Written with string interpolation, the numbers tagged by their role:
/// ```
/// let line: ArithmeticText = "\(factor: a)×\(factor: b) = \(num: a * b)"
/// ```
/// Strings and `Int`s interpolate as symbol text (indices, names); a `Double` must say its role,
/// so no number is ever formatted by accident. Adjacent text is merged, so two values that read
/// the same compare equal however they were built.
public struct ArithmeticText: Equatable, Sendable, Codable, ExpressibleByStringInterpolation {
    /// How a number is written in the arithmetic.
    public enum Style: String, Equatable, Sendable, Codable {
        /// Rounded to the renderer's digits, trailing zeros dropped: `0.36`, `2`, `−0.1`.
        case compact
        /// `compact`, in parentheses when negative, for use inside a product or sum: `(−0.1)`.
        case factor
        /// A constant shown in full rather than at the renderer's digits (e.g. ε = 0.00001).
        case full
    }

    /// One piece: symbol text, a number, or a vector of numbers.
    public enum Piece: Equatable, Sendable, Codable {
        /// Symbols, names, operators and words, printed as they are.
        case text(String)
        /// One number in a role.
        case number(Double, Style)
        /// A vector, `[0.5, −0.1, 0.3]`, entries in compact form.
        case vector([Double])
    }

    /// The pieces in reading order; never two `.text` in a row.
    public private(set) var pieces: [Piece]

    /// Empty text.
    public init() { pieces = [] }

    /// Symbol text with no numbers in it.
    public init(_ text: String) {
        pieces = []
        append(text)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.text.pieces }

    /// One number in a role.
    public static func number(_ x: Double, _ style: Style = .compact) -> ArithmeticText {
        var t = ArithmeticText()
        t.pieces = [.number(x, style)]
        return t
    }

    /// A vector of numbers, `[0.5, −0.1, 0.3]`.
    public static func vector(_ v: [Double]) -> ArithmeticText {
        var t = ArithmeticText()
        t.pieces = [.vector(v)]
        return t
    }

    /// Whether there is nothing to print.
    public var isEmpty: Bool { pieces.isEmpty }

    /// Every number in reading order, vectors flattened: what tests compare with values computed
    /// independently, and what a page could link to the table cells they came from.
    public var numbers: [Double] {
        pieces.flatMap { piece -> [Double] in
            switch piece {
            case .text: return []
            case .number(let x, _): return [x]
            case .vector(let v): return v
            }
        }
    }

    /// The symbol text alone, each number replaced by `#` (a vector by `[#, #, #]`): the shape of
    /// the arithmetic without its values, for tests and for a reader of a cached file.
    public var skeleton: String {
        pieces.map { piece -> String in
            switch piece {
            case .text(let s): return s
            case .number: return "#"
            case .vector(let v): return "[" + v.map { _ in "#" }.joined(separator: ", ") + "]"
            }
        }.joined()
    }

    /// Appends symbol text, merged with the text before it.
    public mutating func append(_ text: String) {
        guard !text.isEmpty else { return }
        if case .text(let last)? = pieces.last {
            pieces[pieces.count - 1] = .text(last + text)
        } else {
            pieces.append(.text(text))
        }
    }

    /// Appends another arithmetic text.
    public mutating func append(_ other: ArithmeticText) {
        for piece in other.pieces {
            if case .text(let s) = piece { append(s) } else { pieces.append(piece) }
        }
    }

    public static func + (a: ArithmeticText, b: ArithmeticText) -> ArithmeticText {
        var out = a
        out.append(b)
        return out
    }

    public static func += (a: inout ArithmeticText, b: ArithmeticText) { a.append(b) }

    /// Builds an `ArithmeticText` from a string literal with interpolations.
    public struct StringInterpolation: StringInterpolationProtocol {
        var text = ArithmeticText()

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { text.append(literal) }
        /// Symbol text: a name, a token, an operator.
        public mutating func appendInterpolation(_ s: String) { text.append(s) }
        /// Symbol text: an index or a size (`√4`, `e[1, 2]`), printed as a plain integer.
        public mutating func appendInterpolation(_ n: Int) { text.append(String(n)) }
        public mutating func appendInterpolation(_ t: ArithmeticText) { text.append(t) }
        /// A computed number in compact form.
        public mutating func appendInterpolation(num x: Double) { text.append(.number(x)) }
        /// A computed number as a factor (parentheses when negative).
        public mutating func appendInterpolation(factor x: Double) { text.append(.number(x, .factor)) }
        /// A constant shown in full.
        public mutating func appendInterpolation(full x: Double) { text.append(.number(x, .full)) }
        /// A vector in compact form.
        public mutating func appendInterpolation(vector v: [Double]) { text.append(.vector(v)) }
    }
}

extension ArithmeticText {
    /// `parts` one after another with `separator` between them, like `String`'s `joined`. (A
    /// static function, not an extension of `Sequence`: one there would change how `joined()`
    /// infers string literals everywhere this module is imported.)
    public static func joined(_ parts: [ArithmeticText], separator: String = "") -> ArithmeticText {
        var out = ArithmeticText()
        for (k, t) in parts.enumerated() {
            if k > 0 { out.append(separator) }
            out.append(t)
        }
        return out
    }
}
