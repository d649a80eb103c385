/// Prints diagnostics the way compilers do (STYLE.md §Errors):
/// ```
/// lessons/03-additive.md:42:17: error: unknown name `sofmax`
/// let w = sofmax(e)
///         ^
/// fix: did you mean `softmax`?
/// ```
/// Used by `attnbook eval`, `check` and the site's error pages.
public enum DiagnosticFormatter {
    /// The diagnostic as text, ending with a newline; ANSI colour only when `color` is true.
    public static func format(_ d: Diagnostic, color: Bool = false) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        let severityColor = d.severity == .error ? "1;31" : d.severity == .warning ? "1;35" : "1;36"
        var out = paint("\(d.location.file):\(d.location.line):\(d.location.column):", "1") + " "
            + paint("\(d.severity.rawValue):", severityColor) + " " + paint(d.message, "1") + "\n"
        if let line = d.sourceLine {
            out += line + "\n"
            out += caretPadding(line, column: d.location.column) + paint("^", "1;32") + "\n"
        }
        if let fix = d.fix { out += paint("fix:", "1;36") + " " + fix + "\n" }
        return out
    }

    /// Every diagnostic, in order.
    public static func format(_ diagnostics: [Diagnostic], color: Bool = false) -> String {
        diagnostics.map { format($0, color: color) }.joined()
    }

    /// Spaces (and tabs, copied) up to `column`, counting wide CJK characters twice so the caret
    /// lands under them in a terminal.
    static func caretPadding(_ line: String, column: Int) -> String {
        var pad = ""
        for (k, c) in line.enumerated() where k < column - 1 {
            if c == "\t" { pad += "\t" } else { pad += c.isWide ? "  " : " " }
        }
        if column - 1 > line.count { pad += String(repeating: " ", count: column - 1 - line.count) }
        return pad
    }

}
