import LessonScript

/// Prints a diagnostic the way compilers do:
/// ```
/// lessons/03-additive.md:42:17: error: message
///     let x = foo(1)
///             ^
/// ```
public enum DiagnosticFormatter {
    public static func format(_ d: Diagnostic) -> String {
        var out = "\(d.location.file):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message)"
        if let line = d.sourceLine {
            out += "\n" + line
            // The caret sits under the column: copy tabs and count wide (CJK) characters twice.
            var pad = ""
            for c in line.prefix(max(0, d.location.column - 1)) {
                pad += c == "\t" ? "\t" : (c.isWide ? "  " : " ")
            }
            out += "\n" + pad + "^"
        }
        if let fix = d.fix { out += "\nfix: \(fix)" }
        return out
    }
}

extension Character {
    /// East Asian wide characters take two terminal columns.
    var isWide: Bool {
        guard let v = unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v)
    }
}
