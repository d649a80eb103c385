/// White-space trimming without Foundation: `trimmingCharacters(in: .whitespaces)` bridges every
/// string to UTF-16 on Linux, which made line-by-line scans the dearest part of a warm rebuild.
extension StringProtocol {
    /// The string without leading and trailing white space as `CharacterSet.whitespaces` defines it:
    /// the tab, the space separators (Unicode category Zs) and U+200B.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isHorizontalWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isHorizontalWhitespace })!
        // One copy of the bytes between (scalar-aligned indices; a mark after a trimmed space
        // stays), not the scalars appended one by one, which was most of `Fence.init`.
        return String(self[first..<scalars.index(after: last)])
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation.
    public var trimmingWhitespaceAndNewlines: String {
        let scalars = unicodeScalars
        let isSpace = { (u: Unicode.Scalar) in u.isHorizontalWhitespace || u.isNewline }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(self[first..<scalars.index(after: last)])
    }
}

extension Unicode.Scalar {
    /// `CharacterSet.newlines`: U+000A–U+000D, U+0085, U+2028, U+2029.
    public var isNewline: Bool {
        (0x0A...0x0D).contains(value) || value == 0x85 || value == 0x2028 || value == 0x2029
    }

    /// Tab or a space separator (Zs): `CharacterSet.whitespaces`.
    public var isHorizontalWhitespace: Bool {
        // (Foundation also counts U+200B ZERO WIDTH SPACE, a separator in old Unicode versions.)
        self == "\t" || self == "\u{200B}" || properties.generalCategory == .spaceSeparator
    }
}
