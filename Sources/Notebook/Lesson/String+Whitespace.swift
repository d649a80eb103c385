/// White-space trimming without Foundation: `trimmingCharacters(in: .whitespaces)` bridges every
/// string to UTF-16 on Linux, which made line-by-line scans the dearest part of a warm rebuild.
extension StringProtocol {
    /// The string without leading and trailing white space as `CharacterSet.whitespaces` defines it:
    /// the tab, the space separators (Unicode category Zs) and U+200B.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isHorizontalWhitespace })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}

extension Unicode.Scalar {
    /// Tab or a space separator (Zs): `CharacterSet.whitespaces`.
    public var isHorizontalWhitespace: Bool {
        // (Foundation also counts U+200B ZERO WIDTH SPACE, a separator in old Unicode versions.)
        self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator
    }
}
