/// The one rule for turning text into a name: a figure's file stem (`step.alpha` → `step-alpha`),
/// a heading's anchor (`Why attention?` → `why-attention`). Letters and digits stay, every run of
/// anything else becomes one `-`, and no `-` leads or trails.
public enum Slug {
    /// - Parameters:
    ///   - asciiOnly: keep only ASCII letters and digits (file names); otherwise any script's (anchors, `机器`).
    ///   - lowercase: lower-case first.
    /// - Returns: the slug, possibly empty.
    public static func words(_ text: String, asciiOnly: Bool = false, lowercase: Bool = false) -> String {
        var out = ""
        for c in lowercase ? text.lowercased() : text {
            if (c.isLetter || c.isNumber) && (!asciiOnly || c.isASCII) { out.append(c) } else if !out.isEmpty && !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}

extension Character {
    /// East Asian wide characters (and emoji) take two terminal columns, and one em in a figure.
    public var isWide: Bool {
        guard let v = unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
