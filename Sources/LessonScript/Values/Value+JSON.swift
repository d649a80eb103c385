import AttentionEngine

// JSON of script values: our own serialiser so keys keep their order and numbers their exact
// shortest round-trip form (Swift's `description`), making `<slug>.json` byte-for-byte stable.

extension Value {
    /// The value as JSON, on one line: numbers, arrays for vectors and tokens, arrays of arrays for
    /// matrices, objects (fields in order) for records, `{"score": "additive", "W1": …}` for score functions.
    public var jsonText: String { JSONWriter.write(self, indent: nil) }
}

/// Writes JSON into one growing byte buffer (`[UInt8]`, UTF-8): every value appends its bytes,
/// nothing is built as a temporary string and joined, and nested objects are indented as they are
/// written (no re-indenting pass over finished text).
public enum JSONWriter {
    /// Every binding as one JSON object, names in first-bound order, pretty-printed with a
    /// two-space indent and a trailing newline. This is `attnbook eval --json` and `<slug>.json`.
    public static func bindingsJSON(_ bindings: [(name: String, value: Value)]) -> String {
        var out: [UInt8] = []
        writeBindings(bindings, level: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// The bindings as a pretty-printed object (two-space indent, no trailing newline) whose inner
    /// lines are indented as if the object sat `level` levels deep; the first line is not indented.
    public static func writeBindings(_ bindings: [(name: String, value: Value)], level: Int, into out: inout [UInt8]) {
        object(bindings.map { ($0.name, $0.value) }, level: level, indent: twoSpaces, into: &out)
    }

    /// One value; `indent` nil gives a single line.
    public static func write(_ value: Value, indent: String?) -> String {
        var out: [UInt8] = []
        write(value, level: 0, indent: indent.map { Array($0.utf8) }, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON number: the shortest text that reads back as the same Double. Non-finite numbers
    /// never reach here (the interpreter refuses them); `null` guards the format anyway.
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        return x.description
    }

    /// A JSON string literal with `"`, `\` and control characters escaped; other text is kept as UTF-8.
    public static func string(_ s: String) -> String {
        var out: [UInt8] = []
        string(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `string(s)`'s bytes. Escaped: `"`, `\`, controls (U+0000–U+001F, U+007F) and the
    /// line and paragraph separators U+2028/U+2029 (UTF-8 `E2 80 A8`/`E2 80 A9`), which
    /// JavaScript reads as line ends; with `escapingSlash`, `/` too, so no `</script>` can end a
    /// script the literal sits in (the site's search files). One pass that copies the runs between
    /// escapes whole: escaping byte by byte was a quarter of cutting a page for the search.
    public static func string(_ s: String, escapingSlash: Bool = false, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 2)
            out.append(UInt8(ascii: "\""))
            var copied = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                let escape: UInt8?
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape = b
                case UInt8(ascii: "/") where escapingSlash: escape = b
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case 0..<0x20, 0x7F: escape = nil
                // (A valid String's E2 is always followed by two continuation bytes.)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                    unicodeEscape(0x2000 | UInt32(bytes[i + 2] & 0x3F), into: &out)
                    i += 3
                    copied = i
                    continue
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                if let escape {
                    out.append(UInt8(ascii: "\\"))
                    out.append(escape)
                } else {
                    unicodeEscape(UInt32(b), into: &out)
                }
                i += 1
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// `\uXXXX` with four lowercase hex digits.
    private static func unicodeEscape(_ value: UInt32, into out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }

    private static func number(_ x: Double, into out: inout [UInt8]) {
        out += number(x).utf8
    }

    private static let twoSpaces: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: " ")]

    /// A line break, then `indent` `level` times.
    private static func newline(level: Int, indent: [UInt8], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<level { out += indent }
    }

    /// `[a, b, c]` on one line.
    private static func list<C: Collection>(_ items: C, into out: inout [UInt8], _ item: (C.Element, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        var first = true
        for x in items {
            if !first { out += [UInt8(ascii: ","), UInt8(ascii: " ")] }
            first = false
            item(x, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func write(_ value: Value, level: Int, indent: [UInt8]?, into out: inout [UInt8]) {
        switch value {
        case .number(let x): number(x, into: &out)
        case .string(let s): string(s, into: &out)
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .vector(let v): list(v.values, into: &out) { number($0, into: &$1) }
        case .tokens(let t): list(t, into: &out) { string($0, into: &$1) }
        case .matrix(let m):
            if let indent {
                out.append(UInt8(ascii: "["))
                for i in 0..<m.rows {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(level: level + 1, indent: indent, into: &out)
                    list(m.row(i).values, into: &out) { number($0, into: &$1) }
                }
                newline(level: level, indent: indent, into: &out)
                out.append(UInt8(ascii: "]"))
            } else {
                list(0..<m.rows, into: &out) { i, out in list(m.row(i).values, into: &out) { number($0, into: &$1) } }
            }
        case .record(let r):
            object(r.fields.map { ($0.name, $0.value) }, level: level, indent: indent, into: &out)
        case .scoreFunction(let f):
            object([("score", .string(f.name))] + f.arguments.enumerated().map { ($1.label ?? "\($0)", $1.value) },
                   level: level, indent: indent, into: &out)
        }
    }

    private static func object(_ members: [(String, Value)], level: Int, indent: [UInt8]?, into out: inout [UInt8]) {
        guard !members.isEmpty else { out += [UInt8(ascii: "{"), UInt8(ascii: "}")]; return }
        out.append(UInt8(ascii: "{"))
        for (k, (name, value)) in members.enumerated() {
            if let indent {
                newline(level: level + 1, indent: indent, into: &out)
            } else if k > 0 {
                out += [UInt8(ascii: ","), UInt8(ascii: " ")]
            }
            string(name, into: &out)
            out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
            write(value, level: level + 1, indent: indent, into: &out)
            if indent != nil, k < members.count - 1 { out.append(UInt8(ascii: ",")) }
        }
        if let indent { newline(level: level, indent: indent, into: &out) }
        out.append(UInt8(ascii: "}"))
    }
}
