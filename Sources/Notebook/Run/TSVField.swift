/// A field of a tab-separated cache line: backslash, tab, newline and carriage return escaped.
public enum TSVField {
    public static func escape(_ s: String) -> String {
        // Most fields (paths, titles, hashes) have nothing to escape: returned without a copy.
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out: [UInt8] = []
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(s)`'s bytes appended to `out`, without a `String` in between (a field can be a
    /// whole page of HTML).
    public static func append(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            default: out.append(b)
            }
        }
    }

    /// `nil` for a dangling or unknown escape, or bytes that are not UTF-8 (a corrupt line).
    public static func unescape<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaping = false
        for b in bytes {
            if escaping {
                switch b {
                case UInt8(ascii: "\\"): out.append(b)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: return nil
                }
                escaping = false
            } else if b == UInt8(ascii: "\\") {
                escaping = true
            } else {
                out.append(b)
            }
        }
        return escaping ? nil : String(validating: out, as: UTF8.self)
    }
}
