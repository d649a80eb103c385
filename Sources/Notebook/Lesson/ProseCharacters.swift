/// A prose block's `Character`s as `ProseScanner` needs them: for each, one byte saying which
/// delimiter it is, and where its UTF-8 starts, so the scanner compares bytes and copies a run of
/// Markdown as one slice instead of building `Character`s and appending them one by one.
///
/// The `Character`s are exactly `Array(text)`'s. An ASCII byte followed by an ASCII byte (other
/// than CR then LF) is a `Character` of its own, as Unicode's grapheme rules say (Swift takes the
/// same shortcut); anything else is segmented by `String` itself, from a known boundary.
struct ProseCharacters {
    /// The text.
    let text: String
    /// Per `Character`: its byte when it is one ASCII scalar, `` ` `` for U+1FEF alone (which
    /// `Character` compares equal to "`"), else `other`.
    let codes: [UInt8]
    /// Per `Character`, its first byte's offset in `text`; then `text.utf8.count`.
    let offsets: [Int]

    /// The code of a `Character` that is no delimiter: not a byte UTF-8 uses.
    static let other: UInt8 = 0xFF

    init(_ text: String) {
        self.text = text
        (codes, offsets) = text.utf8.withContiguousStorageIfAvailable { Self.segment(text, $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { Self.segment(text, $0) }
    }

    /// The codes and offsets of `text`, whose UTF-8 is `bytes`. (A function of its own, with the
    /// arrays local: captured by a nested function, each append was checked for exclusive access.)
    private static func segment(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> (codes: [UInt8], offsets: [Int]) {
        let utf8 = text.utf8, n = bytes.count
        var codes: [UInt8] = [], offsets: [Int] = []
        codes.reserveCapacity(n)
        offsets.reserveCapacity(n + 1)
        var p = 0
        // A `String.Index` at `p` when the last `Character` was segmented by `String`.
        var known: String.Index? = nil
        while p < n {
            let b = bytes[p]
            if b < 0x80, p + 1 == n || (bytes[p + 1] < 0x80 && !(b == 0x0D && bytes[p + 1] == 0x0A)) {
                codes.append(b)
                offsets.append(p)
                p += 1
                known = nil
                continue
            }
            let start = known ?? utf8.index(utf8.startIndex, offsetBy: p)
            let next = text.index(after: start)
            let q = utf8.distance(from: utf8.startIndex, to: next)
            if q - p == 1 {
                codes.append(b)
            } else if q - p == 3, b == 0xE1, bytes[p + 1] == 0xBF, bytes[p + 2] == 0xAF {
                codes.append(UInt8(ascii: "`"))
            } else {
                codes.append(other)
            }
            offsets.append(p)
            p = q
            known = next
        }
        offsets.append(n)
        return (codes, offsets)
    }

    /// The number of `Character`s.
    var count: Int { codes.count }

    /// `Character`s `from..<to` as a string: one slice of the text.
    func string(_ from: Int, _ to: Int) -> String {
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: offsets[from])..<utf8.index(utf8.startIndex, offsetBy: offsets[to])])
    }

    /// `Character` `k` (for its Unicode properties).
    func character(_ k: Int) -> Character {
        text[text.utf8.index(text.utf8.startIndex, offsetBy: offsets[k])]
    }

    /// `Character(k).isWhitespace`, without making the `Character` when it is one ASCII byte.
    func isWhitespace(_ k: Int) -> Bool {
        guard offsets[k + 1] - offsets[k] == 1 else { return character(k).isWhitespace }
        let b = codes[k]
        return b == 0x20 || (0x09...0x0D).contains(b)
    }

    /// `Character(k).isNumber`, without making the `Character` when it is one ASCII byte.
    func isNumber(_ k: Int) -> Bool {
        guard offsets[k + 1] - offsets[k] == 1 else { return character(k).isNumber }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(codes[k])
    }
}
