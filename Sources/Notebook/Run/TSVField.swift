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
    ///
    /// Reads the bytes in place when they are contiguous (an array, a slice of one): a stored
    /// rendering is a whole page of HTML in fields, and one byte at a time through a generic
    /// iterator made reading a lesson's renderings (140 KB) about a quarter of an edit's build.
    public static func unescape<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ unescape(contiguous: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { unescape(contiguous: $0) }
    }

    /// `unescape` of bytes in memory: runs without a backslash are copied whole.
    static func unescape(contiguous bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let backslash = UInt8(ascii: "\\")
        guard var i = bytes.firstIndex(of: backslash) else { return String(validating: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        out.append(contentsOf: bytes[..<i])
        while i < bytes.count {
            // `bytes[i]` is a backslash: the escape, then the run up to the next one.
            guard i + 1 < bytes.count else { return nil }
            switch bytes[i + 1] {
            case backslash: out.append(backslash)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            default: return nil
            }
            let next = bytes[(i + 2)...].firstIndex(of: backslash) ?? bytes.count
            out.append(contentsOf: bytes[(i + 2)..<next])
            i = next
        }
        return String(validating: out, as: UTF8.self)
    }
}
