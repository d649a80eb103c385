/// Front matter read without a YAML parser, when every line is `key: value` with a value that
/// means the same to any YAML reader: a plain scalar with nothing YAML treats specially, or a
/// one-line quoted string with nothing to unescape.
///
/// Every lesson's front matter has this shape, and a build that parses one lesson (an edit) spent
/// a tenth of its time starting Yams: a thread with a deep stack for its recursion, and its
/// regular expressions compiled on first use. Anything else (comments, blank or continued lines,
/// anchors, tags, escapes, flow collections, a repeated key, characters YAML treats as breaks or
/// refuses) returns nil and goes through Yams, as does every front matter that has a problem:
/// diagnostics keep coming from one place, with Yams' marks.
enum PlainFrontMatter {
    /// The keys and values of `lines` (the front matter, without its `---` lines), or nil when
    /// one of them is not of the plain shape.
    static func values(_ lines: ArraySlice<String>) -> [String: String]? {
        var values: [String: String] = [:]
        for line in lines {
            let bytes = Array(line.utf8)
            // key: lower-case letters and `_`, at the start of the line, then `: `.
            var i = 0
            while i < bytes.count, (bytes[i] >= UInt8(ascii: "a") && bytes[i] <= UInt8(ascii: "z")) || bytes[i] == UInt8(ascii: "_") { i += 1 }
            guard i > 0, i + 1 < bytes.count, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: " ") else { return nil }
            let key = String(decoding: bytes[..<i], as: UTF8.self)
            var start = i + 2
            while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
            var end = bytes.count
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            guard start < end, values[key] == nil, let value = scalar(bytes[start..<end]) else { return nil }
            values[key] = value
        }
        return values
    }

    /// The string a YAML reader gives for `bytes` (no leading or trailing space), or nil when
    /// that takes more than reading it as it is.
    private static func scalar(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.unicodeScalars.allSatisfy(isPlainPrintable) else { return nil }
        let first = bytes.first!, last = bytes.last!
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            // A quoted string on one line, with no quote, escape or doubled quote inside.
            let inner = bytes.dropFirst().dropLast()
            guard bytes.count >= 2, last == first, !inner.contains(first), !inner.contains(UInt8(ascii: "\\")) else { return nil }
            return String(decoding: inner, as: UTF8.self)
        }
        // A plain scalar: no indicator first, no `: ` or ` #` inside, no `:` last.
        guard !Array("-?:,[]{}#&*!|>'\"%@`".utf8).contains(first), last != UInt8(ascii: ":") else { return nil }
        var previous: UInt8 = 0
        for byte in bytes {
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) { return nil }
            previous = byte
        }
        return text
    }

    /// Printable for YAML and not a line break to it (YAML 1.1, as libyaml reads it, breaks lines
    /// at U+0085, U+2028 and U+2029); no tab.
    private static func isPlainPrintable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF: s.value != 0x2028 && s.value != 0x2029
        case 0xE000...0xFFFD: s.value != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}
