import LessonScript

/// Highlights a cell's code as HTML spans (`tok-keyword`, `tok-number`…) with the script
/// language's own lossless highlighter, so the page colours code exactly as the scanner reads it.
enum CodeHighlighter {
    static func html(_ source: String) -> String {
        highlight(source).map { piece in
            switch piece.kind {
            case .whitespace, .name, .punctuation, .operator: return piece.text.htmlEscaped
            default: return "<span class=\"tok-\(piece.kind.rawValue)\">\(piece.text.htmlEscaped)</span>"
            }
        }.joined()
    }
}
