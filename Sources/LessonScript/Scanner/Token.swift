/// One lexical unit of a lesson script, with where it sits in the source.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case identifier, number, string
        // Keywords.
        case kwLet, kwShow, kwHeatmap, kwExplain, kwLines, kwBars, kwPlot, kwTrue, kwFalse
        // Punctuation and operators.
        case leftParen, rightParen, leftBracket, rightBracket, comma, colon, dot
        case plus, minus, star, slash, at, equal
        case newline, comment, eof
        /// A character or literal the scanner could not read; its diagnostic is already reported.
        case error
    }

    var kind: Kind
    /// The exact source text (for a string, with its quotes and escapes as written).
    var text: String
    /// The decoded value of a string literal, the numeric value of a number.
    var stringValue: String = ""
    var numberValue: Double = 0
    /// Character offsets into the scanned source: `start..<end`.
    var start: Int
    var end: Int
    /// Location of the first character, in the file's coordinates.
    var location: SourceLocation

    static let keywords: [String: Kind] = [
        "let": .kwLet, "show": .kwShow, "heatmap": .kwHeatmap, "explain": .kwExplain,
        "lines": .kwLines, "bars": .kwBars, "plot": .kwPlot, "true": .kwTrue, "false": .kwFalse,
    ]

    /// Keywords that begin a statement: the parser resynchronises on them.
    var startsStatement: Bool {
        [.kwLet, .kwShow, .kwHeatmap, .kwExplain, .kwLines, .kwBars, .kwPlot].contains(kind)
    }

    /// How the token is named in "expected …, found …" messages.
    var described: String {
        switch kind {
        case .newline: return "the end of the line"
        case .eof: return "the end of the script"
        case .string: return "a string"
        case .number: return "`\(text)`"
        default: return "`\(text)`"
        }
    }
}
