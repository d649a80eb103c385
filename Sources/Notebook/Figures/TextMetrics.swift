/// Rough text widths for laying out SVG without a font engine: wide (CJK) characters take one em,
/// others about 0.6 em. Good enough to size margins; labels never depend on it being exact.
enum TextMetrics {
    static func width(_ s: String, fontSize: Double) -> Double {
        s.reduce(0) { $0 + ($1.isWide ? 1.0 : 0.6) } * fontSize
    }
}

/// Every figure uses these fonts: Noto Sans CJK for the Chinese tokens, then common sans fonts.
let svgFontFamily = "'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"

extension Character {
    /// East Asian wide characters take two columns (one em in a figure).
    var isWide: Bool {
        guard let v = unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
