import Foundation

/// The viridis colour map (perceptually uniform, colour-blind safe; van der Walt & Smith, 2015),
/// as nine anchor colours interpolated linearly in RGB. Nine anchors keep the error below what
/// the eye sees in a heatmap cell.
enum Viridis {
    static let anchors: [(r: Double, g: Double, b: Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2D, 0x7B), (0x3B, 0x52, 0x8B), (0x2C, 0x72, 0x8E), (0x21, 0x90, 0x8C),
        (0x27, 0xAD, 0x81), (0x5D, 0xC8, 0x63), (0xAA, 0xDC, 0x32), (0xFD, 0xE7, 0x25),
    ]

    /// The colour at `t` ∈ [0, 1] (clamped; NaN is the lowest colour).
    static func rgb(_ t: Double) -> (r: Double, g: Double, b: Double) {
        let t = t.isNaN ? 0 : min(1, max(0, t))
        let x = t * Double(anchors.count - 1)
        let i = min(anchors.count - 2, Int(x))
        let f = x - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        return (a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f)
    }

    /// `#rrggbb` for `t`.
    static func hex(_ t: Double) -> String {
        let c = rgb(t)
        return "#" + [c.r, c.g, c.b].map { v -> String in
            let n = Int(v.rounded())
            return String(n, radix: 16, uppercase: false).count == 1 ? "0" + String(n, radix: 16) : String(n, radix: 16)
        }.joined()
    }

    /// Black or white, whichever contrasts more with the colour at `t`. For any background one of
    /// the two reaches at least √21 ≈ 4.58 : 1, so every label meets WCAG AA (4.5 : 1).
    static func textColor(_ t: Double) -> String {
        let c = rgb(t)
        let background = relativeLuminance(r: c.r.rounded(), g: c.g.rounded(), b: c.b.rounded())
        let onBlack = (background + 0.05) / 0.05, onWhite = 1.05 / (background + 0.05)
        return onBlack >= onWhite ? "#000" : "#fff"
    }

    /// WCAG 2.x relative luminance of an sRGB colour with 0…255 channels.
    static func relativeLuminance(r: Double, g: Double, b: Double) -> Double {
        func linear(_ v: Double) -> Double {
            let s = v / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }
}
