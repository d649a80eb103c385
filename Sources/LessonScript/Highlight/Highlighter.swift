/// What a piece of highlighted source is, for the site's CSS classes.
public enum HighlightKind: String, Sendable, CaseIterable {
    case keyword, number, string, comment, name, builtin, scoreFunction, `operator`, punctuation, whitespace, error
}

/// A run of source text of one kind.
public struct HighlightedPiece: Equatable, Sendable {
    public var kind: HighlightKind
    public var text: String

    public init(kind: HighlightKind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Splits script source into highlighted pieces, reusing the scanner. Lossless (the pieces'
/// texts joined equal `source`) and total: bad input gives `error` pieces, never a failure.
public func highlight(_ source: String, registry: BuiltinRegistry = .standard) -> [HighlightedPiece] {
    let chars = Array(source)
    let tokens = Scanner.scan(source, file: "").tokens
    var pieces: [HighlightedPiece] = []
    var position = 0
    func add(_ kind: HighlightKind, _ start: Int, _ end: Int) {
        guard end > start else { return }
        let text = String(chars[start..<end])
        if let last = pieces.last, last.kind == kind, kind == .whitespace {
            pieces[pieces.count - 1].text += text
        } else {
            pieces.append(HighlightedPiece(kind: kind, text: text))
        }
    }
    var previous: Token?
    var k = 0
    while k < tokens.count {
        let t = tokens[k]
        add(.whitespace, position, t.start)
        var end = t.end
        let kind: HighlightKind
        switch t.kind {
        case .kwLet, .kwShow, .kwHeatmap, .kwExplain, .kwLines, .kwBars, .kwPlot, .kwTrue, .kwFalse: kind = .keyword
        case .number: kind = .number
        case .string: kind = .string
        case .comment: kind = .comment
        case .identifier:
            let isCall = k + 1 < tokens.count && tokens[k + 1].kind == .leftParen
            kind = isCall && registry[t.text] != nil ? .builtin : .name
        case .dot:
            // A leading dot (not after a value) starts a score function: `.additive`.
            let afterValue = previous.map { [.identifier, .number, .string, .rightParen, .rightBracket].contains($0.kind) && $0.end == t.start } ?? false
            if !afterValue, k + 1 < tokens.count, tokens[k + 1].kind == .identifier, tokens[k + 1].start == t.end {
                kind = .scoreFunction
                end = tokens[k + 1].end
                k += 1
            } else {
                kind = .punctuation
            }
        case .plus, .minus, .star, .slash, .at, .equal: kind = .operator
        case .leftParen, .rightParen, .leftBracket, .rightBracket, .comma, .colon: kind = .punctuation
        case .newline: kind = .whitespace
        case .error: kind = t.text.hasPrefix("\"") ? .string : .error
        case .eof: kind = .whitespace
        }
        add(kind, t.start, end)
        position = end
        if t.kind != .comment && t.kind != .newline { previous = tokens[k] }
        k += 1
    }
    add(.whitespace, position, chars.count)
    return pieces
}
