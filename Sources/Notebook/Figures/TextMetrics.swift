import LessonScript

/// Rough text widths for laying out SVG without a font engine: wide (CJK) characters take one em,
/// others about 0.6 em. Good enough to size margins; labels never depend on it being exact.
enum TextMetrics {
    static func width(_ s: String, fontSize: Double) -> Double {
        s.reduce(0) { $0 + ($1.isWide ? 1.0 : 0.6) } * fontSize
    }
}

/// Every figure uses these fonts: Noto Sans CJK for the Chinese tokens, then common sans fonts.
let svgFontFamily = "'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
