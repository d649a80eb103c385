/// An opening code fence: its character, length and info string.
///
/// Read on `Character`s, as CommonMark reads a line: a backtick with a combining mark after it is
/// not a backtick, and U+1FEF GREEK VARIA is one (it is canonically equivalent to U+0060).
/// `mayOpen(_:from:to:)` is the byte test that spares an ordinary line this reading.
struct Fence {
    var character: Character
    var length: Int
    var info: String

    init?(_ line: String) {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let run = rest.prefix { $0 == c }.count
        guard run >= 3 else { return nil }
        let info = rest.dropFirst(run).trimmingWhitespace
        // Foundation's `contains` (kept: it also finds a "`" that a Prepend or SpacingMark joins
        // into a larger `Character`) is only asked when a scalar equal to "`" is there at all.
        if c == "`" && Self.mayHoldBacktick(info) && info.contains("`") { return nil }
        character = c
        length = run
        self.info = info
    }

    /// Whether `info` holds U+0060 or U+1FEF, the only scalars `contains("`")` can match.
    private static func mayHoldBacktick(_ info: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in info.utf8 {
            if byte == UInt8(ascii: "`") || (previous == (0xE1, 0xBF) && byte == 0xAF) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    func isClosed(by line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let rest = line.dropFirst(indent)
        let run = rest.prefix { $0 == character }.count
        return run >= length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Whether the line `bytes[start..<end]` (UTF-8, without its newline) can open or close a
    /// fence: false only when `Fence(line)` is nil and no fence `isClosed(by: line)`.
    ///
    /// Both need at most three spaces, then three `Character`s equal to one fence character. A
    /// `Character` equal to "`" is the scalar U+0060 or U+1FEF alone, one equal to "~" is U+007E
    /// alone, and one equal to " " is U+0020 alone (no other scalar is canonically equivalent to
    /// them; `FenceTests` checks every scalar), so the line starts with at most three 0x20 bytes,
    /// then three encodings of those scalars of one kind. Combining marks after them are left to
    /// the full reading.
    static func mayOpen(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        var k = start
        while k < end, k - start < 4, bytes[k] == UInt8(ascii: " ") { k += 1 }
        guard k - start <= 3, k < end else { return false }
        let tilde = bytes[k] == UInt8(ascii: "~")
        for _ in 0..<3 {
            guard k < end else { return false }
            if tilde {
                guard bytes[k] == UInt8(ascii: "~") else { return false }
                k += 1
            } else if bytes[k] == UInt8(ascii: "`") {
                k += 1
            } else if k + 2 < end, bytes[k] == 0xE1, bytes[k + 1] == 0xBF, bytes[k + 2] == 0xAF {  // U+1FEF
                k += 3
            } else {
                return false
            }
        }
        return true
    }
}
