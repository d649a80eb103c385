/// Highlights a cell's code as HTML spans.
enum CodeHighlighter {
    static func html(_ source: String) -> String {
        // Until the script language's `highlight(_:)` lands, code is shown escaped and plain.
        source.htmlEscaped
    }
}
